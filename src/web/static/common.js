// Shared browser helpers for the chat and console pages (plain script, no build step, no external code).
'use strict';

window.Zhiyin = (function () {
  /** Create an element; text goes through textContent, never innerHTML (answers are untrusted text). */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function randomId() {
    const a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function storedId(storage, key) {
    let id = storage.getItem(key);
    if (!id) {
      id = randomId();
      storage.setItem(key, id);
    }
    return id;
  }

  /** Per browser: who is asking. Per tab: which conversation (follow-ups stay in it). */
  const userId = storedId(localStorage, 'zhiyin.userId');
  const conversationId = storedId(sessionStorage, 'zhiyin.conversationId');

  const NETWORK_ERROR = '无法连接服务器，请确认指引服务正在运行后重试。';

  class ApiError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  /** Turn any failed response into an ApiError with the server's Chinese message. */
  async function errorFrom(res) {
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      /* not JSON */
    }
    const err = (body && body.error) || {};
    const fallback = res.status === 401 ? '没有访问权限：请使用正确的访问令牌重新打开页面。' : `请求失败（HTTP ${res.status}）。`;
    return new ApiError(err.code || 'E_HTTP_' + res.status, err.message || fallback);
  }

  async function api(path, options) {
    let res;
    try {
      res = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
    } catch (_) {
      throw new ApiError('E_NETWORK', NETWORK_ERROR);
    }
    if (!res.ok) throw await errorFrom(res);
    return res.json();
  }

  function postJson(path, body) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  function formatTime(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  }

  return { el, api, postJson, errorFrom, ApiError, userId, conversationId, NETWORK_ERROR, formatTime };
})();
