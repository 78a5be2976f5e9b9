// The chat page: sends text to /api/chat (commands included: the server's processMessage handles them),
// renders the streamed tokens and the final reply as an answer card like the Lark bot's.
'use strict';

(function () {
  const { el, postJson, api, errorFrom, userId, conversationId, NETWORK_ERROR } = window.Zhiyin;
  const messages = document.getElementById('messages');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const sendButton = document.getElementById('send');
  const modal = document.getElementById('article-modal');
  let busy = false;

  // The tab's conversation survives a reload (sessionStorage, like the conversation id): redraw it.
  const HISTORY_KEY = 'zhiyin.history.' + conversationId;
  const HISTORY_MAX = 60;
  let history = [];
  try {
    history = JSON.parse(sessionStorage.getItem(HISTORY_KEY) || '[]');
  } catch (_) {
    history = [];
  }
  function saveHistory() {
    history = history.slice(-HISTORY_MAX);
    try {
      sessionStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch (_) {
      /* storage full or disabled: the page still works, it just forgets on reload */
    }
  }
  function remember(item) {
    history.push(item);
    saveHistory();
    return item;
  }

  function scrollDown() {
    window.scrollTo(0, document.body.scrollHeight);
  }

  function addMessage(who, node) {
    const row = el('div', { class: `msg ${who}` }, node);
    messages.append(row);
    scrollDown();
    return row;
  }

  function textBubble(text) {
    return el('div', { class: 'bubble', text });
  }

  function citationLabel(c) {
    return `《${c.title}》${c.article || ''}`;
  }

  function renderCard(answer, messageId, item) {
    const body = el('div', { class: 'card-body' }, [el('div', { class: 'answer-text', text: answer.answer })]);
    if (answer.note) body.append(el('div', { class: 'note', text: '提示：' + answer.note }));
    if (answer.citations && answer.citations.length) {
      const list = el('div', { class: 'citations' }, [el('h3', { text: '引用依据' })]);
      for (const c of answer.citations) {
        const view = el('button', { type: 'button', class: 'view-source', text: '查看原文', 'data-chunk': c.chunkId });
        view.addEventListener('click', () => showArticle(c.chunkId, citationLabel(c)));
        list.append(
          el('details', { class: 'citation' }, [
            el('summary', { text: citationLabel(c) }),
            el('blockquote', { text: c.quote }),
            view,
          ]),
        );
      }
      body.append(list);
    }
    // The refusal text usually lists the closest documents already; only add the ones it does not mention.
    const nearby = (answer.refused && answer.nearby ? answer.nearby : []).filter(
      (n) => !answer.answer.includes(`《${n.title}》${n.article || ''}`),
    );
    if (nearby.length) {
      const ul = el('ul');
      for (const n of nearby) ul.append(el('li', { text: `《${n.title}》${n.article || ''}` }));
      body.append(el('div', { class: 'nearby' }, [el('h3', { text: '可能相关的文档' }), ul]));
    }
    const status = el('span', { class: 'feedback-status' });
    // SVG icons rather than emoji: servers often have no colour-emoji font and the page must work offline.
    const icon = (name) => el('img', { src: `/static/${name}.svg`, alt: '', class: 'icon' });
    const up = el('button', { type: 'button', class: 'fb-up', title: '👍 有帮助', 'aria-label': '👍 有帮助' }, [icon('thumb-up'), '有帮助']);
    const down = el('button', { type: 'button', class: 'fb-down', title: '👎 没帮助', 'aria-label': '👎 没帮助' }, [icon('thumb-down'), '没帮助']);
    const rate = async (rating, button) => {
      up.disabled = down.disabled = true;
      status.className = 'feedback-status';
      status.textContent = '提交中…';
      try {
        await postJson('/api/feedback', { conversationId, userId, messageId, rating });
        markRated(button, status);
        if (item) {
          item.rated = rating;
          saveHistory();
        }
      } catch (e) {
        up.disabled = down.disabled = false;
        status.className = 'feedback-status feedback-fail';
        status.textContent = e.message;
      }
    };
    if (item && item.rated) {
      up.disabled = down.disabled = true;
      markRated(item.rated === 'up' ? up : down, status);
    }
    up.addEventListener('click', () => rate('up', up));
    down.addEventListener('click', () => rate('down', down));
    const head = el('div', { class: 'card-head' }, [
      el('span', { text: answer.refused ? '未找到依据' : '回答' }),
      el('span', { class: 'badge', text: answer.mode === 'llm' ? '大模型生成' : '原文摘录' }),
    ]);
    return el('div', { class: 'card' + (answer.refused ? ' refused' : ''), 'data-message-id': messageId }, [
      head,
      body,
      el('div', { class: 'card-actions' }, [up, down, status]),
    ]);
  }

  function markRated(button, status) {
    button.classList.add('chosen');
    status.className = 'feedback-status feedback-done';
    status.textContent = '已记录反馈，谢谢！';
  }

  function renderReply(row, reply, messageId, item) {
    row.className = 'msg bot';
    row.replaceChildren();
    if (reply.kind === 'answer' && reply.answer) {
      row.append(renderCard(reply.answer, messageId, item));
    } else {
      if (reply.kind === 'error') row.classList.add('error');
      row.append(textBubble(reply.text));
      if (reply.kind === 'reset') messages.append(el('div', { class: 'divider', text: '—— 新对话 ——' }));
    }
    scrollDown();
  }

  function showError(row, message, fromHistory) {
    row.className = 'msg bot error';
    row.replaceChildren(textBubble(message));
    if (!fromHistory) remember({ who: 'error', text: message });
  }

  function restoreHistory() {
    for (const item of history) {
      if (item.who === 'user') addMessage('user', textBubble(item.text));
      else if (item.who === 'error') showError(addMessage('bot', null), item.text, true);
      else if (item.who === 'bot' && item.reply) renderReply(addMessage('bot', null), item.reply, item.messageId, item);
    }
  }

  /** Parse a text/event-stream body from fetch (EventSource cannot POST). */
  async function readEvents(res, onEvent) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) onEvent(event, JSON.parse(data));
      }
    }
  }

  async function send(text) {
    if (busy || !text.trim()) return;
    busy = true;
    sendButton.disabled = true;
    addMessage('user', textBubble(text));
    remember({ who: 'user', text });
    const row = addMessage('bot pending', textBubble('正在查找依据…'));
    let streamed = '';
    let finished = false;
    try {
      let res;
      try {
        res = await fetch('/api/chat', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ conversationId, userId, text }),
        });
      } catch (_) {
        throw new Error(NETWORK_ERROR);
      }
      if (!res.ok) throw await errorFrom(res);
      let messageId = '';
      await readEvents(res, (event, data) => {
        if (event === 'start') messageId = data.messageId;
        else if (event === 'token') {
          streamed += data.delta;
          row.className = 'msg bot streaming';
          row.replaceChildren(textBubble(streamed));
          scrollDown();
        } else if (event === 'reply') {
          finished = true;
          if (data.reply.kind === 'reset') history = [];
          const item = remember({ who: 'bot', reply: data.reply, messageId: data.messageId || messageId });
          renderReply(row, data.reply, item.messageId, item);
        } else if (event === 'error') {
          finished = true;
          showError(row, data.message);
        }
      });
      if (!finished) showError(row, '回答中断了，请重试。');
    } catch (e) {
      showError(row, e && e.message ? e.message : NETWORK_ERROR);
    } finally {
      busy = false;
      sendButton.disabled = false;
      input.focus();
    }
  }

  async function showArticle(chunkId, label) {
    const title = document.getElementById('article-title');
    const pathLine = document.getElementById('article-path');
    const text = document.getElementById('article-text');
    title.textContent = label;
    pathLine.textContent = '';
    text.textContent = '加载中…';
    text.classList.remove('error-text');
    modal.hidden = false;
    try {
      const { article } = await api('/api/chunk/' + encodeURIComponent(chunkId));
      title.textContent = `《${article.title}》${article.article || ''}`;
      pathLine.textContent = [article.headingPath.join(' › '), article.file].filter(Boolean).join(' · ');
      text.textContent = article.text;
    } catch (e) {
      text.classList.add('error-text');
      text.textContent = e.message;
    }
  }

  modal.addEventListener('click', (e) => {
    if (e.target === modal || e.target.classList.contains('modal-close')) modal.hidden = true;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') modal.hidden = true;
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    send(text);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  messages.addEventListener('click', (e) => {
    const chip = e.target.closest('[data-send]');
    if (chip) send(chip.getAttribute('data-send'));
  });
  restoreHistory();
  input.focus();
})();
