import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildSearchIndex } from '../../src/index/build';
import { openRetriever, type SearchEngine } from '../../src/retrieve/open';
import { tinyChunks } from './tiny-corpus';
import { HybridEngine } from '../../src/retrieve/engine';
import { DEFAULT_WEIGHTS, type FusionWeights } from '../../src/retrieve/fusion';
import { loadIndex } from '../../src/retrieve/load';

let dir: string;
let engine: SearchEngine;
const config = loadConfig({}, os.tmpdir());

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-engine-'));
  const learn = path.join(dir, 'learn.jsonl');
  fs.writeFileSync(
    learn,
    JSON.stringify({
      id: 'l1',
      question: '试岗期最长能定多久？',
      gold: [{ law: '中华人民共和国劳动合同法', article: '第十九条', files: ['x/劳动合同法(2012-12-28).md'] }],
    }) + '\n',
  );
  await buildSearchIndex(dir, tinyChunks(), { learnFiles: [learn], embedding: null, lsaDim: 8 });
  engine = await openRetriever(config, dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const top = async (q: string, o = {}) =>
  (await engine.search(q, { k: 5, ...o })).map((h) => `${h.chunk.file}#${h.chunk.article}`);

describe('hybrid engine on a tiny corpus', () => {
  it('resolves explicit references with short names and Arabic numerals', async () => {
    const hits = await engine.search('招投标法实施条例第26条', { k: 3 });
    expect(hits[0]!.chunk.title).toBe('中华人民共和国招标投标法实施条例');
    expect(hits[0]!.chunk.article).toBe('第二十六条');
    expect(hits[0]!.via).toContain('ref');
    expect(hits[0]!.confidence).toBe(1);
    expect((await top('《建设工程质量管理条例》第四十条'))[0]).toBe('建设工程质量管理条例(2019-04-23).md#第四十条');
    expect((await top('质量条例第41条'))[0]).toBe('建设工程质量管理条例(2019-04-23).md#第四十一条');
  });

  it('prefers the newest version of a law unless a year is named', async () => {
    expect((await top('招标投标法第三十七条'))[0]).toBe('招标投标法(2017-12-27).md#第三十七条');
    expect((await top('1999年的招标投标法第三十七条'))[0]).toBe('招标投标法(1999-08-30).md#第三十七条');
    // Without an explicit reference the newer version still ranks first for the same article text.
    const r = await top('评标委员会的成员人数');
    expect(r.indexOf('招标投标法(2017-12-27).md#第三十七条')).toBeLessThan(
      r.indexOf('招标投标法(1999-08-30).md#第三十七条'),
    );
  });

  it('finds articles by content and reports a confidence', async () => {
    const hits = await engine.search('屋面防水的最低保修期限是几年', { k: 3 });
    expect(hits[0]!.chunk.article).toBe('第四十条');
    expect(hits[0]!.via).toContain('bm25');
    expect(hits[0]!.confidence).toBeGreaterThan(0.3);
    const none = await engine.search('火星探测器的发射窗口', { k: 3 });
    expect(none.every((h) => (h.confidence ?? 0) < 0.2)).toBe(true);
  });

  it('uses learned questions for wording the statute does not use', async () => {
    const hits = await engine.search('试岗期可以多长', { k: 3 });
    expect(hits[0]!.chunk.article).toBe('第十九条');
    expect(hits[0]!.via).toContain('learned');
  });

  it('matches learned questions on character bigrams as well as words', async () => {
    // jieba cuts 试岗有 as one unknown word, so only the bigram 试岗 links it to the learned 试岗期.
    const learnedVia = async (weights: FusionWeights) =>
      (await new HybridEngine(loadIndex(dir), weights).search('试岗有上限吗', { k: 5 })).find((h) =>
        h.via?.includes('learned'),
      )?.chunk.article;
    expect(await learnedVia(DEFAULT_WEIGHTS)).toBe('第十九条');
    expect(await learnedVia({ ...DEFAULT_WEIGHTS, learnedBigrams: 0 })).toBeUndefined();
  });

  it('biases an elliptical follow-up toward the previous topic', async () => {
    const context = { previousFiles: ['建设工程质量管理条例(2019-04-23).md'], previousTerms: ['保修期限'] };
    const hits = await engine.search('那电气管线呢？', { k: 3, context });
    expect(hits[0]!.chunk.file).toBe('建设工程质量管理条例(2019-04-23).md');
    expect(hits[0]!.chunk.article).toBe('第四十条');
  });

  it('exposes whole articles, documents and chunks by id', async () => {
    const docs = engine.documents();
    expect(docs.map((d) => d.file)).toContain('劳动合同法(2012-12-28).md');
    expect(docs.find((d) => d.file === '建设工程质量管理条例(2019-04-23).md')!.chunks).toBe(3);
    const parts = engine.articleChunks('建设工程质量管理条例(2019-04-23).md', '第四十条');
    expect(parts).toHaveLength(1);
    expect(engine.chunkById(parts[0]!.id)!.text).toContain('电气管线');
    expect(engine.neighbours(parts[0]!.id).map((c) => c.article)).toEqual(['第四十条', '第四十一条']);
  });
});

describe('named document without matching words', () => {
  it('lists the named document rather than nothing', async () => {
    const hits = await engine.search('质量条例', { k: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.chunk.title === '建设工程质量管理条例')).toBe(true);
  });
});
