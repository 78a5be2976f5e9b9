// The answer card, rendered like the Lark bot's: answer, citations with expandable quotes and 查看原文 (the
// whole article in a dialog), 👍/👎 feedback. Everything is inserted as text, never as HTML.
'use strict';

(function () {
  const { el, postJson, api, userId, conversationId } = window.Zhiyin;
  const modal = document.getElementById('article-modal');

  function citationLabel(c) {
    return `《${c.title}》${c.article || ''}`;
  }

  /** `item` is the history entry of this reply: it remembers the rating; `onRated` saves it. */
  function renderCard(answer, messageId, item, onRated) {
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
            // Provenance (issue 16): shipped corpus, administrator or user upload.
            ...(c.provenance ? [el('div', { class: 'provenance', text: '来源：' + c.provenance })] : []),
            view,
          ]),
        );
      }
      body.append(list);
    }
    // The refusal text usually lists the closest documents already; only add the ones it does not mention.
    // Each closest document names its article or section and says why it was suggested.
    const nearbyLabel = (n) => `《${n.title}》${n.article || n.section || ''}`;
    const nearby = (answer.refused && answer.nearby ? answer.nearby : []).filter(
      (n) => !answer.answer.includes(nearbyLabel(n)),
    );
    if (nearby.length) {
      const ul = el('ul');
      for (const n of nearby) ul.append(el('li', { text: nearbyLabel(n) + (n.reason ? `（${n.reason}）` : '') }));
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
          if (onRated) onRated();
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
      // A refusal quotes nothing: a 「原文摘录」 badge on it would claim otherwise.
      answer.refused ? null : el('span', { class: 'badge', text: answer.mode === 'llm' ? '大模型生成' : '原文摘录' }),
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

  window.Zhiyin.renderCard = renderCard;
})();
