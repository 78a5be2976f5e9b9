// The running web server follows the index: an ingest by the CLI in another process (a document deleted, one
// added) is served without a restart — answers, /sources and 查看原文 — the console can delete a document (moved
// to the trash, recoverable), and an upload is indexed in a child process while /api/health keeps answering.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import { request } from './http-client';
import { tempWebConfig } from './temp-config';

const law = (title: string, articles: string[]) =>
  `# ${title}\n\n<!-- INFO END -->\n\n${articles.map((a, i) => `第${'一二三四五六七八九十'[i]}条 ${a}`).join('\n\n')}\n`;

interface ChatReply {
  reply: { kind: string; text: string; answer?: { citations: { chunkId: string }[] } };
}

let tmp: string;
let corpus: string;
let web: OpenedWeb;
let server: WebServer;
let n = 0;

const ask = async (text: string) =>
  (
    await request(server.url, 'POST', '/api/chat?stream=0', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: `c${n++}`, text }),
    })
  ).json<ChatReply>().reply;

/** Ask until `done(reply)` or 60 s: the swap follows the pointer within about a second, a loaded box needs more. */
async function askUntil(text: string, done: (r: ChatReply['reply']) => boolean): Promise<ChatReply['reply']> {
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await ask(text);
    if (done(r) || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-live-'));
  corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(
    path.join(corpus, 'lamps.md'),
    law('路灯养护规程', ['路灯故障应当在十二小时内修复。', '路灯巡查每周不少于一次。']),
  );
  fs.writeFileSync(
    path.join(corpus, 'trees.md'),
    law('行道树修剪办法', ['行道树修剪应当避开鸟类繁殖期。', '修剪枝条应当当日清运。']),
  );
  const config = tempWebConfig(tmp, corpus);
  await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
  web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
  server = await startWebServer(web, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.stop();
  web?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a running web server and the index', () => {
  it('serves what an ingest in another process removed and added, without a restart', async () => {
    const before = await ask('路灯故障多久内修复？');
    expect(before.text).toContain('路灯养护规程');
    const lampChunk = before.answer!.citations[0]!.chunkId;
    expect((await request(server.url, 'GET', `/api/chunk/${lampChunk}`)).status).toBe(200);

    fs.rmSync(path.join(corpus, 'lamps.md'));
    fs.writeFileSync(path.join(corpus, 'bridges.md'), law('人行天桥检查细则', ['人行天桥每季度检查一次栏杆。']));
    const cli = spawn(
      process.execPath,
      ['bin/zhiyin.mjs', 'ingest', '--corpus', corpus, '--index', path.join(tmp, 'index'), '--json'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((res) => cli.on('exit', res));
    expect(JSON.parse(out)).toMatchObject({ removed: ['lamps.md'], added: ['bridges.md'] });

    const after = await askUntil('路灯故障多久内修复？', (r) => !r.text.includes('路灯养护规程'));
    expect(after.text).not.toContain('路灯养护规程');
    const added = await askUntil('人行天桥多久检查一次栏杆？', (r) => r.text.includes('人行天桥检查细则'));
    expect(added.text).toContain('人行天桥检查细则');
    const sources = await ask('/sources');
    expect(sources.text).toContain('人行天桥检查细则');
    expect(sources.text).not.toContain('路灯养护规程');
    expect((await request(server.url, 'GET', `/api/chunk/${lampChunk}`)).status).toBe(404);
  }, 120_000);

  it('deletes a document from the console: moved to the trash with who/when, no longer answered', async () => {
    const before = await ask('行道树修剪要避开什么时期？');
    expect(before.text).toContain('行道树修剪办法');
    const res = await request(server.url, 'DELETE', `/api/documents?file=${encodeURIComponent('trees.md')}`, {
      headers: { 'x-zhiyin-user': 'admin-li' },
    });
    expect(res.status).toBe(200);
    const body = res.json<{ ok: boolean; trashedTo: string }>();
    expect(body.ok).toBe(true);
    expect(fs.existsSync(path.join(corpus, 'trees.md'))).toBe(false);
    expect(fs.readFileSync(body.trashedTo, 'utf8')).toContain('行道树修剪办法');
    expect(JSON.parse(fs.readFileSync(`${body.trashedTo}.json`, 'utf8'))).toMatchObject({
      file: 'trees.md',
      by: 'admin-li',
    });
    // The reply came after the new generation was served: no waiting needed.
    expect((await ask('行道树修剪要避开什么时期？')).text).not.toContain('行道树修剪办法');
    const status = await web.status();
    expect(status.documentList?.map((d) => d.file)).not.toContain('trees.md');

    const missing = await request(server.url, 'DELETE', '/api/documents?file=..%2F..%2Fetc%2Fpasswd');
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('知识库中没有这个文件');
  }, 120_000);

  it('indexes an upload in a child process: /api/health answers while it runs, then the document is answered', async () => {
    // Large enough that parsing and the index build take a while even on a fast machine.
    const articles = Array.from({ length: 9 }, (_, i) => `井盖巡查第${i}项要求检查井盖是否松动、缺失或破损。`);
    const big =
      law('检查井盖管理规定', ['检查井盖缺失应当在两小时内设置围挡。', ...articles]) +
      '\n' +
      '附录说明文字。'.repeat(20_000);
    const upload = request(server.url, 'POST', `/api/upload?name=${encodeURIComponent('井盖.md')}`, { body: big });
    let pending = true;
    void upload.finally(() => (pending = false));
    let healthWhilePending = 0;
    while (pending) {
      const h = await request(server.url, 'GET', '/api/health');
      expect(h.status).toBe(200);
      if (pending) healthWhilePending++;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect((await upload).status).toBe(200);
    // Indexing on the event loop would hold every health check until the upload finished.
    expect(healthWhilePending).toBeGreaterThanOrEqual(3);
    expect((await ask('检查井盖缺失多久内设置围挡？')).text).toContain('检查井盖管理规定');
  }, 120_000);

  it('starts on a damaged index answering 「知识库维护中」, then serves the repaired one', async () => {
    const config = tempWebConfig(tmp, corpus);
    const gen = fs.readlinkSync(path.join(config.indexDir, 'current'));
    const bm25 = path.join(config.indexDir, gen, 'bm25.bin');
    fs.truncateSync(bm25, Math.floor(fs.statSync(bm25).size / 2));
    const broken = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
    try {
      const msg = { conversationId: 'm1', transport: 'web' as const, userId: 'u', text: '人行天桥多久检查一次栏杆？' };
      const reply = await broken.processMessage({ ...msg, messageId: 'a' });
      expect(reply.text).toContain('知识库维护中');
      const s = await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
      expect(s.repaired).toMatch(/bm25\.bin/);
      const until = Date.now() + 60_000;
      let text = '';
      while (Date.now() < until) {
        text = (await broken.processMessage({ ...msg, conversationId: `m${n++}`, messageId: `b${n}` })).text;
        if (!text.includes('知识库维护中')) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(text).toContain('人行天桥检查细则');
    } finally {
      broken.close();
    }
  }, 120_000);
});
