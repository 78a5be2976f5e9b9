// 入职学习 page: talks to /api/chat with the /入职 commands (the one processMessage path) and renders the
// structured reply.onboard (lesson, question, verdict); the supervisor view reads /api/onboard/console.
'use strict';

(function () {
  const { el, api, postJson, userId, conversationId } = window.Zhiyin;
  const lessonBox = document.getElementById('ob-lesson');
  const feedbackBox = document.getElementById('ob-feedback');
  const LETTERS = ['A', 'B', 'C', 'D', 'E'];

  function showError(box, e) {
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'ob-wrong', text: e.message || String(e) }));
  }

  async function say(text) {
    const body = await postJson('/api/chat?stream=0', { conversationId, userId, text });
    return body.reply;
  }

  async function showArticle(chunkId, target) {
    try {
      const { article } = await api('/api/chunk/' + encodeURIComponent(chunkId));
      target.after(el('div', { class: 'ob-quote', text: `《${article.title}》${article.article || ''}\n${article.text}` }));
    } catch (e) {
      target.after(el('p', { class: 'ob-wrong', text: e.message }));
    }
  }

  function citeLink(c) {
    const label = `《${c.title}》${c.article || (c.section ? ' ' + c.section : '')}`;
    const link = el('span', { class: 'ob-cite', text: `${label} 查看原文`, role: 'button', tabindex: '0' });
    link.addEventListener('click', () => showArticle(c.chunkId, link), { once: true });
    return link;
  }

  function questionNode(q) {
    const item = q.item;
    const head = q.review ? `复习题（${q.number}/${q.of}）` : `小测验 第 ${q.number}/${q.of} 题`;
    const box = el('div', { class: 'ob-question' }, [el('h2', { text: head }), el('p', { text: item.question })]);
    const options = el('div', { class: 'ob-options' });
    if (item.kind === 'cloze') {
      const input = el('input', { type: 'text', maxlength: '24', 'aria-label': '填写答案' });
      const send = el('button', { type: 'button', class: 'primary', text: '提交' });
      send.addEventListener('click', () => answer(input.value));
      input.addEventListener('keydown', (ev) => ev.key === 'Enter' && answer(input.value));
      options.append(input, send);
    } else {
      item.options.forEach((o, i) => {
        const reply = item.kind === 'choice' ? LETTERS[i] : o;
        const label = item.kind === 'choice' ? `${LETTERS[i]}. ${o}` : o;
        options.append(el('button', { type: 'button', text: label, onclick: () => answer(reply) }));
      });
    }
    box.append(options);
    return box;
  }

  function renderReply(reply) {
    const ob = reply.onboard || {};
    if (ob.answer) return renderAnswer(ob.answer);
    feedbackBox.hidden = true;
    const view = ob.view;
    if (!view || view.kind === 'finished' || view.kind === 'empty') {
      lessonBox.replaceChildren(el('p', { text: reply.text, class: 'ob-pre' }));
      return;
    }
    if (view.kind === 'question') {
      lessonBox.replaceChildren(el('p', { class: 'hint', text: `第 ${view.step}/${view.total} 课还有题目未回答：` }), questionNode(view.question));
      return;
    }
    const { step, points } = view.lesson;
    const list = el('ul', { class: 'ob-points' });
    for (const p of points) {
      list.append(p.kind === 'heading' ? el('li', {}, [el('strong', { text: p.text })]) : el('li', {}, [p.text, citeLink(p.citation)]));
    }
    lessonBox.replaceChildren(
      el('h2', { text: `第 ${step.step}/${view.total} 课：${step.title}（约 ${step.minutes} 分钟）` }),
      list,
      view.question ? questionNode(view.question) : el('p', { text: '本课没有测验题，已记为完成。' }),
    );
  }

  function renderAnswer(a) {
    feedbackBox.hidden = false;
    const parts = [
      el('p', { class: a.correct ? 'ob-right' : 'ob-wrong', text: a.correct ? '✅ 回答正确！' : '❌ 回答错误，这道题会在后面的复习中再次出现。' }),
      el('p', { class: 'ob-quote', text: a.item.explanation }),
      citeLink(a.item.citation),
    ];
    if (a.stepDone) parts.push(el('p', { text: `第 ${a.stepDone.step} 课完成，得分 ${a.stepDone.score}/${a.stepDone.total}。` }));
    feedbackBox.replaceChildren(...parts);
    if (a.next) lessonBox.replaceChildren(questionNode(a.next));
    else if (a.stepDone) lessonBox.replaceChildren(el('p', { text: a.stepDone.nextStep <= a.stepDone.pathLength ? '点击「下一课」继续。' : '您已完成全部课程！' }));
  }

  async function run(text) {
    try {
      renderReply(await say(text));
    } catch (e) {
      showError(lessonBox, e);
    }
  }
  async function answer(text) {
    if (!String(text || '').trim()) return;
    try {
      renderReply(await say(String(text)));
    } catch (e) {
      showError(feedbackBox, e);
    }
  }

  async function loadConsole() {
    const body = document.getElementById('ob-console-body');
    try {
      const data = await api('/api/onboard/console');
      document.getElementById('ob-accept').hidden = data.path.origin !== 'proposed';
      const users = el('table', { class: 'ob-table' }, [
        el('tr', {}, ['学员', '岗位', '下一课', '每课得分', '每日推送'].map((h) => el('th', { text: h }))),
        ...data.users.map((u) =>
          el('tr', {}, [
            el('td', { text: u.userId }),
            el('td', { text: u.role || '通用' }),
            el('td', { text: `${Math.min(u.step, u.total)}/${u.total}` }),
            el('td', { text: u.scores.map((s) => `第${s.step}课 ${s.score}/${s.total}`).join('；') || '–' }),
            el('td', { text: u.pushOptIn ? '开' : '关' }),
          ]),
        ),
      ]);
      const missed = el('table', { class: 'ob-table' }, [
        el('tr', {}, ['最常答错的题', '作答', '答错'].map((h) => el('th', { text: h }))),
        ...data.mostMissed.map((m) => el('tr', {}, [el('td', { text: m.question }), el('td', { text: String(m.asked) }), el('td', { text: String(m.missed) })])),
      ]);
      const steps = el('table', { class: 'ob-table' }, [
        el('tr', {}, ['课', '标题', '完成人数', '正确率'].map((h) => el('th', { text: h }))),
        ...data.steps.map((s) => el('tr', {}, [el('td', { text: String(s.step) }), el('td', { text: s.title }), el('td', { text: String(s.takers) }), el('td', { text: s.total ? `${Math.round(s.rate * 100)}%` : '–' })])),
      ]);
      const origin = { declared: '知识库声明（onboarding.yaml / front matter）', accepted: '已采用的系统建议', proposed: '系统建议（尚未采用）' }[data.path.origin];
      body.replaceChildren(el('p', { text: `学习路径：${origin}，共 ${data.path.steps.length} 课` }), users, steps, missed);
    } catch (e) {
      showError(body, e);
    }
  }

  document.getElementById('ob-start').addEventListener('click', () => run('/入职'));
  document.getElementById('ob-next').addEventListener('click', () => run('/下一课'));
  document.getElementById('ob-progress').addEventListener('click', async () => {
    try {
      const reply = await say('/进度');
      lessonBox.replaceChildren(el('p', { text: reply.text, class: 'ob-pre' }));
    } catch (e) {
      showError(lessonBox, e);
    }
  });
  document.getElementById('ob-console').addEventListener('click', loadConsole);
  document.getElementById('ob-accept').addEventListener('click', async () => {
    try {
      await postJson('/api/onboard/accept', {});
      await loadConsole();
    } catch (e) {
      showError(document.getElementById('ob-console-body'), e);
    }
  });
  loadConsole();
})();
