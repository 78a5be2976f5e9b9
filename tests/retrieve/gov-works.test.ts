// Real data: the gov-works corpus and its dev questions from ../shared, through the product path
// (runIngest → buildSearchIndex → openRetriever), against the plain-BM25 baseline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { runIngest } from '../../src/ingest/run';
import { openChunkStore } from '../../src/store/chunk-store';
import { buildBaselineRetriever } from '../../src/retrieve/baseline';
import { openRetriever, type SearchEngine } from '../../src/retrieve/open';
import { readEval, scoreRetriever } from '../../src/bench/retrieval-bench';

const SHARED = path.resolve(process.cwd(), '../shared');
const present = fs.existsSync(SHARED);
if (!present) console.log('skipped: ../shared not found');

describe.skipIf(!present)('retrieval on gov-works dev (../shared)', () => {
  let dir: string;
  let engine: SearchEngine;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-gw-'));
    await runIngest({ corpusDirs: [path.join(SHARED, 'corpus', 'gov-works')], indexDir: dir });
    engine = await openRetriever({ ...loadConfig({}, os.tmpdir()), embedding: undefined }, dir);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('meets the recall target and beats the baseline', async () => {
    const qs = readEval(path.join(SHARED, 'eval', 'gov-works', 'dev.jsonl'));
    const ours = await scoreRetriever(engine, qs);
    const store = openChunkStore(dir);
    const base = await scoreRetriever(buildBaselineRetriever(store.all()), qs);
    store.close();
    console.log(
      `gov-works dev: ours R@1 ${ours.r1} R@5 ${ours.r5} MRR ${ours.mrr10}; baseline R@1 ${base.r1} R@5 ${base.r5}`,
    );
    expect(ours.r5).toBeGreaterThanOrEqual(0.97);
    expect(ours.r1).toBeGreaterThanOrEqual(0.85);
    expect(ours.mrr10).toBeGreaterThan(base.mrr10);
  }, 60_000);

  it('resolves explicit references across the real corpus', async () => {
    for (const [q, title, article] of [
      ['招标投标法第三十七条', '中华人民共和国招标投标法', '第三十七条'],
      ['招投标法实施条例第26条', '中华人民共和国招标投标法实施条例', '第二十六条'],
      ['《建设工程质量管理条例》第四十条', '建设工程质量管理条例', '第四十条'],
      ['安全条例第二十条', '建设工程安全生产管理条例', '第二十条'],
    ] as const) {
      const [hit] = await engine.search(q, { k: 1 });
      expect(`${hit?.chunk.title}${hit?.chunk.article}`).toBe(`${title}${article}`);
    }
  });

  it('gives unanswerable questions a lower confidence than answerable ones', async () => {
    const all = fs
      .readFileSync(path.join(SHARED, 'eval', 'gov-works', 'dev.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { question: string; answerable: boolean });
    const conf = async (q: string) => (await engine.search(q, { k: 1 }))[0]?.confidence ?? 0;
    const mean = async (xs: string[]) => (await Promise.all(xs.map(conf))).reduce((a, b) => a + b, 0) / xs.length;
    const yes = await mean(all.filter((q) => q.answerable).map((q) => q.question));
    const no = await mean(all.filter((q) => !q.answerable).map((q) => q.question));
    console.log(`mean top-hit confidence: answerable ${yes.toFixed(3)}, unanswerable ${no.toFixed(3)}`);
    expect(yes).toBeGreaterThan(no);
  });
});
