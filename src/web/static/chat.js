// The chat page: sends text to /api/chat (commands included: the server's processMessage handles them),
// renders the streamed tokens and the final reply as an answer card like the Lark bot's.
'use strict';

(function () {
  const { el, errorFrom, userId, conversationId, NETWORK_ERROR, renderCard } = window.Zhiyin;
  const messages = document.getElementById('messages');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const sendButton = document.getElementById('send');
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

  function renderReply(row, reply, messageId, item) {
    row.className = 'msg bot';
    row.replaceChildren();
    if (reply.kind === 'answer' && reply.answer) {
      row.append(renderCard(reply.answer, messageId, item, saveHistory));
    } else {
      if (reply.kind === 'error') row.classList.add('error');
      row.append(textBubble(reply.text));
      // A drafted 公文 comes with its .docx: one download link per file.
      for (const f of reply.downloads || []) {
        row.append(el('a', { class: 'download', href: f.url, download: f.name, text: `下载 ${f.name}` }));
      }
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

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    // While an answer is on its way the question stays in the box instead of being dropped.
    if (!text.trim() || busy) return;
    input.value = '';
    fitInput();
    send(text);
  });
  function fitInput() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 160) + 'px';
  }
  input.addEventListener('input', fitInput);
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
  // Example chips come from the loaded corpus (GET /api/examples, the same list /help shows), never a fixed list.
  async function loadExamples() {
    const slot = document.getElementById('example-chips');
    if (!slot) return;
    let list = [];
    try {
      list = await window.Zhiyin.api('/api/examples');
    } catch (_) {
      return; // the command chips still work
    }
    if (!Array.isArray(list)) return;
    for (const q of list) {
      if (typeof q !== 'string') continue;
      const chip = el('button', { type: 'button', class: 'chip', 'data-send': q }, q);
      slot.appendChild(chip);
    }
  }
  loadExamples();
  restoreHistory();
  input.focus();
})();
