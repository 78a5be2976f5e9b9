import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/web/server';
import { createFakeDeps, FAKE_ARTICLE, type FakeDeps } from './fakes';
import { parseSse, request } from './http-client';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('web server API (fake deps)', () => {
  let deps: FakeDeps;
  let server: WebServer;
  let tmp: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-server-'));
    deps = createFakeDeps({ streamTokens: ['评标', '委员会'] });
    server = await startWebServer(deps, { host: '127.0.0.1', port: 0, maxUploadBytes: 1024 });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const chat = (text: string, conversationId = 'tab1') =>
    request(server.url, 'POST', '/api/chat', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId, userId: 'u1', text }),
    });

  it('binds loopback and serves the pages with a self-only CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const p of ['/', '/console']) {
      const res = await request(server.url, 'GET', p);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.body).toContain('lang="zh-CN"');
      // Offline: no absolute URLs to other hosts in the pages.
      expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('streams tokens and the final reply as server-sent events', async () => {
    const res = await chat('评标委员会几人？');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(res.body);
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'token', 'reply']);
    expect(events.slice(1, 3).map((e) => e.data.delta)).toEqual(['评标', '委员会']);
    const reply = events[3]!.data as { messageId: string; reply: { kind: string; answer: { citations: unknown[] } } };
    expect(reply.reply.kind).toBe('answer');
    expect(reply.reply.answer.citations).toHaveLength(1);
    const sent = deps.messages.at(-1)!;
    expect(sent).toMatchObject({
      transport: 'web',
      conversationId: 'tab1',
      // Identity from the token, never the body (issue 16): no token configured = the local anonymous user.
      userId: 'web:anonymous',
      text: '评标委员会几人？',
    });
    expect(sent.messageId).toBe(reply.messageId);
  });

  it('returns one JSON reply with ?stream=0 and passes commands through unchanged', async () => {
    const res = await request(server.url, 'POST', '/api/chat?stream=0', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId: 'tab2', text: '/sources' }),
    });
    expect(res.status).toBe(200);
    expect(res.json<{ reply: { kind: string } }>().reply.kind).toBe('sources');
    expect(deps.messages.at(-1)!.text).toBe('/sources');
  });

  it('rejects malformed chat requests with a coded Chinese error', async () => {
    const res = await request(server.url, 'POST', '/api/chat', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId: '../bad id', text: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'E_BAD_REQUEST' });
    const broken = await request(server.url, 'POST', '/api/chat', { headers: JSON_HEADERS, body: '{not json' });
    expect(broken.json<{ error: { message: string } }>().error.message).toMatch(/请求格式不正确/);
  });

  it('aborts processMessage when the page goes away mid-answer', async () => {
    deps.streamTokens = ['一', '二', '三', '四'];
    deps.tokenDelayMs = 100;
    try {
      await new Promise<void>((resolve, reject) => {
        const url = new URL('/api/chat', server.url);
        const req = http.request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: JSON_HEADERS },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', () => undefined);
        req.on('timeout', reject);
        req.end(JSON.stringify({ conversationId: 'gone', text: '问题' }));
      });
      await expect.poll(() => deps.lastSignal?.aborted, { timeout: 2000 }).toBe(true);
      // The server keeps serving.
      expect((await request(server.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      deps.streamTokens = ['评标', '委员会'];
      deps.tokenDelayMs = undefined;
    }
  });

  it('sends an error event when processMessage throws', async () => {
    const failing = createFakeDeps({
      processMessage: async () => {
        throw new Error('boom');
      },
    });
    const s = await startWebServer(failing, { host: '127.0.0.1', port: 0 });
    try {
      const res = await request(s.url, 'POST', '/api/chat', {
        headers: JSON_HEADERS,
        body: JSON.stringify({ conversationId: 'x', text: 'q' }),
      });
      const last = parseSse(res.body).at(-1)!;
      expect(last.event).toBe('error');
      expect(last.data).toEqual({ code: 'E_INTERNAL', message: '服务器内部错误，请稍后再试。' });
      expect(res.body).not.toContain('boom');
    } finally {
      await s.stop();
    }
  });

  it('records feedback for an answered message and lists it', async () => {
    const events = parseSse((await chat('评标委员会', 'tab3')).body);
    const messageId = events[0]!.data.messageId as string;
    const res = await request(server.url, 'POST', '/api/feedback', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId: 'tab3', userId: 'u1', messageId, rating: 'up' }),
    });
    expect(res.status).toBe(200);
    expect(deps.feedbackCalls.at(-1)).toEqual({
      userId: 'web:anonymous',
      conversationId: 'tab3',
      messageId,
      rating: 'up',
      comment: undefined,
    });
    const list = await request(server.url, 'GET', '/api/feedback?limit=5');
    const entries = list.json<{ entries: { messageId: string; citations: string[] }[] }>().entries;
    expect(entries[0]).toMatchObject({ messageId, citations: ['《中华人民共和国招标投标法》第三十七条'] });

    const unknown = await request(server.url, 'POST', '/api/feedback', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId: 'tab3', messageId: 'web-nope', rating: 'up' }),
    });
    expect(unknown.status).toBe(404);
    const badRating = await request(server.url, 'POST', '/api/feedback', {
      headers: JSON_HEADERS,
      body: JSON.stringify({ conversationId: 'tab3', messageId, rating: 'meh' }),
    });
    expect(badRating.status).toBe(400);
  });

  it('looks up the full article for 查看原文', async () => {
    const ok = await request(server.url, 'GET', `/api/chunk/${FAKE_ARTICLE.chunkId}`);
    expect(ok.json<{ article: { text: string } }>().article.text).toContain('五人以上单数');
    const missing = await request(server.url, 'GET', '/api/chunk/nope');
    expect(missing.status).toBe(404);
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(/找不到该条文原文/);
  });

  it('reports status with the upload limit', async () => {
    const res = await request(server.url, 'GET', '/api/status');
    expect(res.json()).toMatchObject({ documents: 2, chunks: 120, maxUploadBytes: 1024, hasReport: false });
  });

  it('checks uploads by type, content and size before calling upload()', async () => {
    const before = deps.uploads.length;
    const up = (name: string, body: Buffer) =>
      request(server.url, 'POST', `/api/upload?name=${encodeURIComponent(name)}`, {
        headers: { 'Content-Type': 'application/octet-stream' },
        body,
      });
    const exe = await up('tool.exe', Buffer.from('MZ'));
    expect(exe.status).toBe(415);
    expect(exe.json<{ error: { code: string } }>().error.code).toBe('E_UNSUPPORTED_FORMAT');
    const fakePdf = await up('law.pdf', Buffer.from('just text'));
    expect(fakePdf.status).toBe(415);
    const big = await up('big.md', Buffer.alloc(2048, 0x41));
    expect(big.status).toBe(413);
    expect(big.json<{ error: { code: string; message: string } }>().error).toEqual({
      code: 'E_TOO_LARGE',
      message: '文件太大：上限为 1 KB。',
      retryable: false,
    });
    expect(deps.uploads.length).toBe(before);

    const ok = await up('../../x.md', Buffer.from('第一条 内容'));
    expect(ok.status).toBe(200);
    expect(deps.uploads.at(-1)).toEqual({ name: 'x.md', size: Buffer.byteLength('第一条 内容') });
  });

  it('refuses foreign Host headers and cross-origin posts', async () => {
    const rebinding = await request(server.url, 'GET', '/api/status', { headers: { Host: 'evil.example:80' } });
    expect(rebinding.status).toBe(403);
    const crossSite = await request(server.url, 'POST', '/api/chat', {
      headers: { ...JSON_HEADERS, Origin: 'http://evil.example' },
      body: JSON.stringify({ conversationId: 'x', text: 'q' }),
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await request(server.url, 'POST', '/api/chat?stream=0', {
      headers: { ...JSON_HEADERS, Origin: server.url.replace(/\/$/, '') },
      body: JSON.stringify({ conversationId: 'x', text: '/help' }),
    });
    expect(sameSite.status).toBe(200);
  });

  it('serves the latest eval report sandboxed, and nothing outside its directory', async () => {
    const dir = path.join(tmp, 'reports', 'latest');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'report.html'), '<html><body>评测报告</body></html>');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
    const none = await request(server.url, 'GET', '/report/');
    expect(none.status).toBe(404);
    deps.reportPath = path.join(dir, 'report.html');
    const res = await request(server.url, 'GET', '/report/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('评测报告');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    const escape = await request(server.url, 'GET', '/report/..%2F..%2Fsecret.txt');
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('secret');
  });

  it('answers unknown routes with a coded 404', async () => {
    const res = await request(server.url, 'GET', '/api/nothing');
    expect(res.status).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('E_BAD_REQUEST');
    const staticEscape = await request(server.url, 'GET', '/static/..%2F..%2Fserver.ts');
    expect(staticEscape.status).toBe(404);
  });
});

describe('web server start-up', () => {
  it('explains a port that is already in use', async () => {
    const first = await startWebServer(createFakeDeps(), { host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startWebServer(createFakeDeps(), { host: '127.0.0.1', port })).rejects.toMatchObject({
        code: 'E_CONFIG',
        message: expect.stringContaining('already in use'),
      });
    } finally {
      await first.stop();
    }
  });
});

describe('web server access token', () => {
  it('refuses to bind beyond loopback without a token', async () => {
    await expect(startWebServer(createFakeDeps(), { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'E_CONFIG',
    });
  });

  it('requires the token by header, cookie or query when one is set', async () => {
    const token = 's3cret-token';
    const server = await startWebServer(createFakeDeps(), { host: '0.0.0.0', port: 0, accessToken: token });
    const base = server.url.replace('0.0.0.0', '127.0.0.1');
    try {
      const noToken = await request(base, 'GET', '/api/status');
      expect(noToken.status).toBe(401);
      expect(noToken.json<{ error: { code: string } }>().error.code).toBe('E_FORBIDDEN');
      const page = await request(base, 'GET', '/');
      expect(page.status).toBe(401);
      expect(page.body).toContain('需要访问令牌');
      expect((await request(base, 'GET', '/api/status', { headers: { 'X-Zhiyin-Token': 'wrong' } })).status).toBe(401);
      expect((await request(base, 'GET', '/static/style.css')).status).toBe(200);

      const bearer = await request(base, 'GET', '/api/status', { headers: { Authorization: `Bearer ${token}` } });
      expect(bearer.status).toBe(200);

      const login = await request(base, 'GET', `/console?token=${token}`);
      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/console');
      const cookie = login.headers['set-cookie']?.[0] ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      const withCookie = await request(base, 'GET', '/api/status', { headers: { Cookie: cookie.split(';')[0]! } });
      expect(withCookie.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
