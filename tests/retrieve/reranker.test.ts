import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSearchIndex } from '../../src/index/build';
import { indexFiles, type RetrievalMeta } from '../../src/index/files';
import { HybridEngine } from '../../src/retrieve/engine';
import { DEFAULT_WEIGHTS } from '../../src/retrieve/fusion';
import { loadIndex, type LoadedIndex } from '../../src/retrieve/load';
import { trainReranker } from '../../src/retrieve/rerank-train';
import {
  BASE_DIM,
  expand,
  expandedDim,
  fitPairwise,
  RERANK_FEATURES,
  Reranker,
  type RerankModel,
  type RerankSample,
} from '../../src/retrieve/reranker';
import { tinyChunks } from './tiny-corpus';
import { learningNote } from '../../src/cli/ingest';

const LOG_RANK = RERANK_FEATURES.indexOf('logRank');

/** A model that scores by one base feature only (weight w), everything else 0. */
function oneFeatureModel(feature: number, w: number, pool = 300): RerankModel {
  const dim = expandedDim();
  const weights = new Array<number>(dim).fill(0);
  weights[feature] = w;
  return {
    version: 1,
    features: [...RERANK_FEATURES],
    pool,
    mean: new Array<number>(dim).fill(0),
    scale: new Array<number>(dim).fill(1),
    weights,
    trainedOn: 0,
    check: { folds: 5, fusedR10: 0, rerankedR10: 0 },
  };
}

describe('re-ranker model', () => {
  it('expands base features with every pairwise product', () => {
    const out = expand([2, 3], new Float64Array(5));
    expect(Array.from(out)).toEqual([2, 3, 4, 6, 9]);
    expect(expandedDim()).toBe(BASE_DIM + (BASE_DIM * (BASE_DIM + 1)) / 2);
  });

  it('learns an interaction a linear sum of the features cannot express', () => {
    // Relevant: features 0 and 1 agree (both high or both low); decoys have one high and one low. No weighted sum
    // of f0 and f1 puts both agreeing kinds above the mixed ones; the product term does.
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const make = (): RerankSample => {
      const n = 40;
      const features = new Float32Array(n * BASE_DIM);
      const labels = new Uint8Array(n);
      for (let r = 0; r < n; r++) {
        const high0 = r < 2 || (r >= 4 && r < 22);
        const high1 = r < 2 || r >= 22;
        features[r * BASE_DIM] = high0 ? 0.8 + rand() * 0.2 : rand() * 0.2;
        features[r * BASE_DIM + 1] = high1 ? 0.8 + rand() * 0.2 : rand() * 0.2;
        for (let j = 2; j < BASE_DIM; j++) features[r * BASE_DIM + j] = rand();
        labels[r] = r < 4 ? 1 : 0;
      }
      return { features, labels };
    };
    const train = Array.from({ length: 60 }, make);
    const rr = new Reranker(oneFeatureModelFrom(fitPairwise(train, 40)));
    const test = make();
    const order = Array.from(test.labels, (_, r) => r).sort(
      (a, b) =>
        rr.score(test.features.subarray(b * BASE_DIM, (b + 1) * BASE_DIM)) -
        rr.score(test.features.subarray(a * BASE_DIM, (a + 1) * BASE_DIM)),
    );
    expect(order.slice(0, 4).sort()).toEqual([0, 1, 2, 3]);
  });
});

function oneFeatureModelFrom(fit: Pick<RerankModel, 'mean' | 'scale' | 'weights' | 'pool'>): RerankModel {
  return { ...oneFeatureModel(0, 0), ...fit };
}

describe('re-ranking in the engine', () => {
  let dir: string;
  let idx: LoadedIndex;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-rerank-'));
    await buildSearchIndex(dir, tinyChunks(), { embedding: null, lsaDim: 4 });
    idx = loadIndex(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const articles = async (engine: HybridEngine, q: string) =>
    (await engine.search(q, { k: 20 })).map((h) => `${h.chunk.file}#${h.chunk.article}`);

  it('orders the fused pool by the model and keeps explicit references first', async () => {
    const q = '评标委员会成员人数和保修期限';
    const fused = await articles(new HybridEngine(idx), q);
    expect(fused.length).toBeGreaterThan(2);
    // Scoring by +log(rank) reverses the fused order.
    const reversed = await articles(new HybridEngine({ ...idx, reranker: oneFeatureModel(LOG_RANK, 1) }), q);
    expect(reversed).toEqual([...fused].reverse());
    // rerank: 0 turns the model off.
    const off = new HybridEngine({ ...idx, reranker: oneFeatureModel(LOG_RANK, 1) }, { ...DEFAULT_WEIGHTS, rerank: 0 });
    expect(await articles(off, q)).toEqual(fused);
    const ref = await articles(new HybridEngine({ ...idx, reranker: oneFeatureModel(LOG_RANK, 1) }), '质量条例第40条');
    expect(ref[0]).toBe('建设工程质量管理条例(2019-04-23).md#第四十条');
  });

  it('ignores a damaged model file and searches in the fused order', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-rerank-bad-'));
    try {
      // The index is a generation dir behind the `current` link: copy the tree, damage the served model file.
      fs.cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
      fs.writeFileSync(path.join(copy, 'current', 'reranker.json'), '{"version":1,"weights":[1,2');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const loaded = loadIndex(copy);
      expect(loaded.reranker).toBeUndefined();
      expect(warn.mock.calls.flat().join(' ')).toMatch(/ignoring re-ranker/);
      warn.mockRestore();
      expect(await articles(new HybridEngine(loaded), '保修期限')).toEqual(
        await articles(new HybridEngine(idx), '保修期限'),
      );
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('training the re-ranker', () => {
  it('is skipped with a reason when too few questions were learned, and no model file is left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-rerank-few-'));
    try {
      const learn = path.join(dir, 'learn.jsonl');
      fs.writeFileSync(
        learn,
        JSON.stringify({
          id: 'a',
          question: '试岗期最长多久',
          gold: [{ law: '中华人民共和国劳动合同法', article: '第十九条' }],
        }) + '\n',
      );
      fs.writeFileSync(path.join(dir, 'reranker.json'), '{}'); // stale file of an earlier build
      await buildSearchIndex(dir, tinyChunks(), { embedding: null, lsaDim: 4, learnFiles: [learn] });
      const meta = JSON.parse(fs.readFileSync(indexFiles(dir).meta, 'utf8')) as RetrievalMeta;
      expect(meta.reranker).toEqual({ kept: false, reason: '1 learned questions < 100: no re-ranker' });
      expect(learningNote(meta)).toBe(
        'learned 1 confirmed question(s); re-ranker: 1 learned questions < 100: no re-ranker',
      );
      expect(learningNote({ ...meta, learnedQuestions: 0 })).toBeUndefined();
      expect(fs.existsSync(indexFiles(dir).reranker)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cross-fits features, checks the model on held-out folds and reports both numbers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-rerank-train-'));
    try {
      await buildSearchIndex(dir, tinyChunks(), { embedding: null, lsaDim: 4 });
      const idx = loadIndex(dir);
      const unitOf = (article: string) =>
        idx.units.findIndex((u) => u[0]!.article === article && u[0]!.file.startsWith('建设'));
      // Lay questions whose confirmed article is not the lexical favourite.
      const learned = Array.from({ length: 20 }, (_, i) => ({
        question: i % 2 ? `保修期内出了质量问题谁来修${i}` : `房子漏水保修几年${i}`,
        units: [unitOf(i % 2 ? '第四十一条' : '第四十条')],
      }));
      const seen: number[] = [];
      const r = await trainReranker(
        { ...idx, learned },
        { minQuestions: 10, folds: 2, onProgress: (d) => seen.push(d) },
      );
      expect(seen.at(-1)).toBe(20);
      const m =
        /^held-out R@10 fused ([0-9.]+) vs re-ranked ([0-9.]+) \(2 folds, 20 questions\): re-ranker (kept|not kept)$/.exec(
          r.reason,
        );
      expect(m).not.toBeNull();
      const [fused, reranked] = [Number(m![1]), Number(m![2])];
      // Kept exactly when it won on the held-out folds.
      expect(m![3] === 'kept').toBe(reranked > fused);
      expect(Boolean(r.model)).toBe(reranked > fused);
      if (r.model) {
        expect(r.model.weights).toHaveLength(expandedDim());
        expect(r.model.check).toEqual({ folds: 2, fusedR10: fused, rerankedR10: reranked });
        expect(r.model.trainedOn).toBe(20);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
