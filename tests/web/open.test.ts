// openWebDeps over the real modules on a tiny temp corpus (no browser): status with per-file errors, the whole
// article for 查看原文 (split articles joined), feedback through the chat core, upload → searchable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { openChunkStore } from '../../src/store/chunk-store';
import { startWebApp } from '../../src/web/app';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { tempWebConfig } from './temp-config';

const LONG_TAIL = '长条文的最后一句在这里。';
const LAW = [
  '# 某市排水设施管理办法',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 总则',
  '',
  '第一条 为加强排水设施管理，保障城市排水安全，制定本办法。',
  '',
  '第二条 排水设施养护单位应当每年汛期前对雨水管道进行一次全面清疏。',
  '',
  // Long enough that the chunker splits it into parts.
  '第三条 ' + '排水许可申请人应当提交排水设施竣工验收材料和水质检测报告。'.repeat(80) + LONG_TAIL,
  '',
].join('\n');

describe('openWebDeps (real modules, temp corpus)', () => {
  let tmp: string;
  let corpus: string;
  let web: OpenedWeb;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-open-'));
    corpus = path.join(tmp, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, '排水设施管理办法.md'), LAW);
    fs.writeFileSync(path.join(corpus, '坏文件.pdf'), Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog'));
    const config = tempWebConfig(tmp, corpus);
    await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
    web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
  });
  afterAll(() => {
    web?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports documents, chunks, last ingest and per-file errors in Chinese', async () => {
    const s = await web.status();
    expect(s.documents).toBe(1);
    expect(s.chunks).toBeGreaterThanOrEqual(4);
    expect(s.answerMode).toBe('extractive');
    expect(Date.parse(s.lastIngestAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ file: '坏文件.pdf', code: 'E_CORRUPT_FILE' });
    expect(s.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(s.documentList).toEqual([{ title: '某市排水设施管理办法', file: '排水设施管理办法.md', chunks: s.chunks }]);
    expect(web.latestReportPath()).toBeUndefined();
  });

  it('answers through the chat core and records feedback for the web transport', async () => {
    const message = {
      transport: 'web' as const,
      conversationId: 'c1',
      userId: 'web:u1',
      messageId: 'web-m1',
      text: '雨水管道多久清疏一次？',
    };
    const reply = await web.processMessage(message);
    expect(reply.kind).toBe('answer');
    expect(reply.answer?.citations.map((c) => `${c.title}${c.article}`)).toContain('某市排水设施管理办法第二条');
    const entry = await web.recordFeedback({
      userId: 'web:u1',
      conversationId: 'c1',
      messageId: 'web-m1',
      rating: 'down',
    });
    expect(entry).toMatchObject({ transport: 'web', rating: 'down', question: '雨水管道多久清疏一次？' });
    expect((await web.listFeedback(10))[0]?.messageId).toBe('web-m1');
  });

  it('returns the whole article for 查看原文, joining the parts of a split article', async () => {
    const reply = await web.processMessage({
      transport: 'web',
      conversationId: 'c2',
      userId: 'web:u1',
      messageId: 'web-m2',
      text: '排水许可申请人应当提交什么材料？',
    });
    const cite = reply.answer?.citations.find((c) => c.article === '第三条');
    expect(cite).toBeDefined();
    const store = openChunkStore(path.join(tmp, 'index'));
    const parts = store.byFile(corpus, '排水设施管理办法.md').filter((c) => c.article === '第三条');
    store.close();
    expect(parts.length).toBeGreaterThan(1);
    const view = await web.lookupChunk(cite!.chunkId);
    expect(view?.text.startsWith('第三条')).toBe(true);
    expect(view?.text).toContain(LONG_TAIL);
    expect(view?.headingPath).toContain('第一章 总则');
    expect(await web.lookupChunk('no-such-chunk')).toBeUndefined();
  });

  it('makes an uploaded document searchable without a restart', async () => {
    const md = '# 某市井盖管理规定\n\n<!-- INFO END -->\n\n第一条 破损井盖应当在二十四小时内更换。\n';
    const result = await web.upload('井盖管理规定.md', Buffer.from(md));
    expect(result).toMatchObject({ ok: true, file: '井盖管理规定.md', documents: 2 });
    expect(web.documentCount()).toBe(2);
    const reply = await web.processMessage({
      transport: 'web',
      conversationId: 'c3',
      userId: 'web:u1',
      messageId: 'web-m3',
      text: '破损井盖多久内要更换？',
    });
    expect(reply.answer?.citations.map((c) => c.title)).toContain('某市井盖管理规定');
  });
  it('keeps the previous version, in the corpus and in the index, when a replacement fails', async () => {
    const before = await web.status();
    const original = fs.readFileSync(path.join(corpus, '井盖管理规定.md'), 'utf8');
    const result = await web.upload('井盖管理规定.md', Buffer.from('   \n\n  '));
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.code).toBe('E_EMPTY_FILE');
    expect(fs.readFileSync(path.join(corpus, '井盖管理规定.md'), 'utf8')).toBe(original);
    expect(fs.readdirSync(corpus).filter((f) => f.startsWith('.'))).toEqual([]);
    const after = await web.status();
    expect(after).toMatchObject({ documents: before.documents, chunks: before.chunks, errors: before.errors });
    const reply = await web.processMessage({
      transport: 'web',
      conversationId: 'c4',
      userId: 'web:u1',
      messageId: 'web-m4',
      text: '破损井盖多久内要更换？',
    });
    expect(reply.answer?.citations.map((c) => c.title)).toContain('某市井盖管理规定');
  });
});

describe('openWebDeps without an index yet (first run)', () => {
  it('serves, explains how to add documents, and works after the first upload', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-first-'));
    const corpus = path.join(tmp, 'corpus');
    fs.mkdirSync(corpus);
    const config = tempWebConfig(tmp, corpus);
    const web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
    try {
      expect(web.documentCount()).toBe(0);
      expect(await web.status()).toMatchObject({ documents: 0, chunks: 0, errors: [] });
      const ask = (messageId: string) =>
        web.processMessage({
          transport: 'web',
          conversationId: 'c',
          userId: 'web:u',
          messageId,
          text: '井盖多久更换？',
        });
      const before = await ask('m1');
      expect(before.kind).toBe('error');
      expect(before.text).toMatch(/[\u4e00-\u9fff]/);
      const md = '# 某市井盖管理规定\n\n<!-- INFO END -->\n\n第一条 破损井盖应当在二十四小时内更换。\n';
      expect((await web.upload('井盖管理规定.md', Buffer.from(md))).ok).toBe(true);
      expect(web.documentCount()).toBe(1);
      const after = await ask('m2');
      expect(after.answer?.citations.map((c) => c.title)).toContain('某市井盖管理规定');
    } finally {
      web.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('startWebApp', () => {
  it('ingests the corpus first when asked, serves it and prints the URL and the corpus', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-app-'));
    const corpus = path.join(tmp, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, '排水设施管理办法.md'), LAW);
    const config = tempWebConfig(tmp, corpus, { PORT: '0' });
    const lines: string[] = [];
    const app = await startWebApp(config, { ingest: true, log: (l) => lines.push(l) });
    try {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(lines.join('\n')).toContain(app.url);
      expect(lines.join('\n')).toContain(corpus);
      expect(lines.join('\n')).toMatch(/documents: 1\b/);
      const res = await fetch(new URL('/api/status', app.url));
      expect(await res.json()).toMatchObject({ documents: 1 });
    } finally {
      await app.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
