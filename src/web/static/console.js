// The console page: knowledge-base status, document upload with progress, latest eval report, feedback log.
'use strict';

(function () {
  const { el, api, formatTime, NETWORK_ERROR } = window.Zhiyin;
  const $ = (id) => document.getElementById(id);
  let maxUploadBytes = 20 * 1024 * 1024;
  const formatLimit = (b) => (b >= 1048576 ? `${Math.round(b / 1048576)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

  function table(headers, rows, className) {
    return el('table', { class: className || '' }, [
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { text: h[0], class: h[1] || '' })))),
      el('tbody', {}, rows),
    ]);
  }

  async function loadStatus() {
    const box = $('status-error');
    box.hidden = true;
    try {
      const s = await api('/api/status');
      $('stat-documents').textContent = String(s.documents);
      $('stat-chunks').textContent = String(s.chunks);
      $('stat-last').textContent = formatTime(s.lastIngestAt);
      $('stat-mode').textContent = s.answerMode === 'llm' ? '大模型 + 引用' : '离线摘录';
      $('stat-corpus').textContent = (s.corpusDirs || []).join('；') || '–';
      if (s.maxUploadBytes) {
        maxUploadBytes = s.maxUploadBytes;
        $('max-size').textContent = formatLimit(maxUploadBytes);
      }
      const errors = s.errors || [];
      $('file-errors').replaceChildren(
        errors.length
          ? el('div', {}, [
              el('h3', { class: 'error-text', text: `导入失败的文件（${errors.length}）` }),
              table(
                [['文件'], ['错误码'], ['原因']],
                errors.map((e) => el('tr', {}, [el('td', { text: e.file }), el('td', { text: e.code }), el('td', { text: e.message })])),
                'error-table',
              ),
            ])
          : el('p', { class: 'ok-text', text: '所有文件均已成功导入。' }),
      );
      const docs = s.documentList || [];
      $('doc-list').replaceChildren(
        docs.length
          ? table(
              [['标题'], ['文件'], ['条文块'], ['访问'], ['来源'], ['']],
              docs.map((d) =>
                el('tr', {}, [
                  el('td', { text: d.title }),
                  el('td', { text: d.file }),
                  el('td', { text: String(d.chunks) }),
                  el('td', { text: d.hiddenReason ? '已隐藏（权限信息无法读取）' : VISIBILITY[d.visibility] || '—' }),
                  el('td', { text: provenanceText(d.provenance) }),
                  el('td', {}, deleteButton(d)),
                ]),
              ),
            )
          : el('p', { class: 'muted', text: '暂无文档。' }),
      );
      loadReport(s.hasReport);
      // The audit trail is for administrators only (the server refuses it to anyone else too).
      $('audit-panel').hidden = !(s.me && s.me.admin);
      if (s.me && s.me.admin) loadAudit();
    } catch (e) {
      box.textContent = '无法读取知识库状态：' + e.message;
      box.hidden = false;
    }
  }

  /** 删除: moves the file to the trash on the server (recoverable) and drops it from the index. */
  function deleteButton(d) {
    const b = el('button', { type: 'button', class: 'delete-doc', text: '删除' });
    b.addEventListener('click', async () => {
      if (!window.confirm(`确定删除《${d.title}》（${d.file}）吗？文件会移到回收目录，可以恢复。`)) return;
      b.disabled = true;
      try {
        await api('/api/documents?file=' + encodeURIComponent(d.file), { method: 'DELETE' });
      } catch (e) {
        window.alert('删除失败：' + e.message);
      }
      loadStatus();
    });
    return b;
  }

  const VISIBILITY = { public: '公开', internal: '内部', restricted: '受限' };
  const PROVENANCE = { corpus: '正式文件库', 'admin-upload': '管理员上传', 'user-upload': '用户上传' };
  function provenanceText(p) {
    if (!p) return '—';
    return [PROVENANCE[p.kind] || p.kind, p.by, p.at ? formatTime(p.at) : ''].filter(Boolean).join('，');
  }

  async function loadAudit() {
    const box = $('audit-log');
    try {
      const { rows } = await api('/api/audit?limit=200');
      if (!rows.length) {
        box.className = 'muted';
        box.textContent = '暂无审计记录。';
        return;
      }
      box.className = '';
      box.replaceChildren(
        table(
          [['时间'], ['用户'], ['会话'], ['检索文件'], ['引用'], ['权限过滤']],
          rows.map((r) =>
            el('tr', {}, [
              el('td', { text: formatTime(r.at) }),
              el('td', { text: r.userId }),
              el('td', { text: `${r.chatType === 'group' ? '群聊' : '单聊'} ${r.conversationId}` }),
              el('td', { text: r.retrieved.join('、') || '—' }),
              el('td', { text: r.cited.join('、') || (r.refused ? '未作答' : '—') }),
              el('td', { text: String(r.filtered) }),
            ]),
          ),
          'audit-table',
        ),
      );
    } catch (e) {
      box.className = 'error-text';
      box.textContent = '无法读取审计记录：' + e.message;
    }
  }

  function loadReport(hasReport) {
    const body = $('report-body');
    $('report-link').hidden = !hasReport;
    if (!hasReport) {
      body.className = 'muted';
      body.textContent = '还没有评测报告。运行 npm run eval 生成后在这里查看。';
      return;
    }
    if (body.querySelector('iframe')) return;
    body.className = '';
    body.replaceChildren(el('iframe', { class: 'report-frame', src: '/report/', title: '最新评测报告' }));
  }

  async function loadFeedback() {
    const box = $('feedback-log');
    try {
      const { entries } = await api('/api/feedback?limit=100');
      if (!entries.length) {
        box.className = 'muted';
        box.textContent = '暂无反馈。在对话页点击“有帮助 / 没帮助”后会出现在这里。';
        return;
      }
      box.className = '';
      box.replaceChildren(
        table(
          [['时间'], ['评价'], ['问题'], ['引用'], ['回答', 'col-answer']],
          entries.map((f) =>
            el('tr', { class: 'feedback-row' }, [
              el('td', { text: formatTime(f.at) }),
              el('td', { class: 'rating rating-' + f.rating, title: f.rating === 'up' ? '👍' : '👎' }, [
                el('img', { src: f.rating === 'up' ? '/static/thumb-up.svg' : '/static/thumb-down.svg', alt: f.rating === 'up' ? '👍' : '👎', class: 'icon' }),
                f.rating === 'up' ? '有帮助' : '没帮助',
              ]),
              el('td', { text: f.question }),
              el('td', { text: (f.citations || []).join('、') || '—' }),
              el('td', { class: 'col-answer', text: f.answer.length > 120 ? f.answer.slice(0, 120) + '…' : f.answer }),
            ]),
          ),
          'feedback-table',
        ),
      );
    } catch (e) {
      box.className = 'error-text';
      box.textContent = '无法读取反馈记录：' + e.message;
    }
  }

  function showResult(ok, text) {
    const r = $('upload-result');
    r.className = ok ? 'ok-text' : 'error-text';
    r.textContent = text;
  }

  /** XMLHttpRequest rather than fetch: it reports upload progress. */
  function upload(file) {
    const bar = $('upload-bar');
    const stage = $('upload-stage');
    const button = $('upload-button');
    showResult(true, '');
    if (file.size > maxUploadBytes) {
      showResult(false, `文件太大：上限为 ${formatLimit(maxUploadBytes)}。`);
      return;
    }
    $('upload-progress').hidden = false;
    bar.value = 0;
    stage.textContent = '上传中 0%';
    button.disabled = true;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload?name=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round((e.loaded / e.total) * 100);
      bar.value = pct;
      stage.textContent = pct < 100 ? `上传中 ${pct}%` : '正在解析并索引…';
    };
    xhr.upload.onload = () => {
      bar.value = 100;
      stage.textContent = '正在解析并索引…';
    };
    xhr.onload = () => {
      button.disabled = false;
      $('upload-progress').hidden = true;
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (_) {
        /* not JSON */
      }
      if (xhr.status === 200 && body && body.ok) {
        showResult(true, `已导入「${body.file}」。知识库现有 ${body.documents ?? '–'} 个文档、${body.chunks ?? '–'} 个条文块。`);
        loadStatus();
        return;
      }
      const err = (body && body.error) || {};
      const msg = err.message || (xhr.status === 401 ? '没有访问权限。' : `上传失败（HTTP ${xhr.status}）。`);
      showResult(false, `上传失败：${msg}${err.code ? `（${err.code}）` : ''} 知识库未做任何改动。`);
    };
    xhr.onerror = () => {
      button.disabled = false;
      $('upload-progress').hidden = true;
      showResult(false, '上传失败：' + NETWORK_ERROR);
    };
    xhr.send(file);
  }

  $('upload-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('upload-file').files[0];
    if (!file) {
      showResult(false, '请先选择要上传的文件。');
      return;
    }
    upload(file);
  });
  $('upload-file').addEventListener('change', () => {
    const file = $('upload-file').files[0];
    $('upload-file-name').textContent = file ? `${file.name}（${(file.size / 1024).toFixed(1)} KB）` : '未选择文件';
  });
  $('refresh-status').addEventListener('click', loadStatus);
  $('refresh-feedback').addEventListener('click', loadFeedback);
  loadStatus();
  loadFeedback();
})();
