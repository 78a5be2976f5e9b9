import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/bm25';
import { fitLsa, LsaEmbedder } from '../../src/index/lsa';
import { loadArrays, saveArrays } from '../../src/index/persist';
import { feedbackTerms, forwardIndex } from '../../src/retrieve/feedback';
import { topK } from '../../src/retrieve/top-k';

const docs = [
  ['招标', '投标', '评标委员会', '专家'],
  ['劳动合同', '试用期', '工资'],
  ['招标', '招标文件', '投标', '截止'],
  ['保修', '期限', '防水', '屋面'],
];

describe('BM25', () => {
  it('ranks the document with the rare matching term first and survives a save/load round trip', () => {
    const idx = Bm25Index.build(docs);
    const s = new Float32Array(idx.size);
    idx.scoreInto(['招标', '截止'], s);
    expect(topK(s, 2)).toEqual([2, 0]);
    expect(s[1]).toBe(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-bm25-'));
    const file = path.join(dir, 'x.bin');
    const { offsets, docs: d, tfs, docLen } = idx.data;
    saveArrays(file, { offsets, docs: d, tfs, docLen }, { params: idx.data.params });
    const back = loadArrays(file);
    const idx2 = new Bm25Index({
      terms: idx.data.terms,
      offsets: back.arrays.offsets as Uint32Array,
      docs: back.arrays.docs as Uint32Array,
      tfs: back.arrays.tfs as Float32Array,
      docLen: back.arrays.docLen as Float32Array,
      params: back.meta.params as { k1: number; b: number },
    });
    const s2 = new Float32Array(idx2.size);
    idx2.scoreInto(['招标', '截止'], s2);
    expect([...s2]).toEqual([...s]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('forward index and feedback terms come from the top documents, never from the query', () => {
    const idx = Bm25Index.build(docs);
    const fwd = forwardIndex(idx);
    const termsOf2 = [...fwd.terms.subarray(fwd.offsets[2], fwd.offsets[3])].map((t) => idx.data.terms[t]);
    expect(termsOf2.sort()).toEqual(['招标', '招标文件', '投标', '截止'].sort());
    const extra = feedbackTerms(idx, fwd, [2], new Set(['招标']), 2);
    expect(extra).toHaveLength(2);
    expect(extra).not.toContain('招标');
    expect(extra.every((t) => termsOf2.includes(t))).toBe(true);
  });
});

describe('LSA', () => {
  it('puts documents that share vocabulary closer than unrelated ones', () => {
    const corpus = [
      ...Array.from({ length: 20 }, (_, i) => ['招标', '投标', '评标', `x${i % 3}`]),
      ...Array.from({ length: 20 }, (_, i) => ['劳动', '工资', '试用期', `y${i % 3}`]),
      // A third topic keeps every term under the "in half of all documents" cut-off.
      ...Array.from({ length: 20 }, (_, i) => ['保修', '防水', '屋面', `z${i % 3}`]),
    ];
    const model = fitLsa(corpus, { dim: 4, oversample: 4, minDf: 2 });
    const e = new LsaEmbedder(model);
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const a = e.embedTokens(['招标', '投标']);
    const b = e.embedTokens(['评标', '投标']);
    const c = e.embedTokens(['工资', '试用期']);
    expect(dot(a, b)).toBeGreaterThan(0.8);
    expect(dot(a, c)).toBeLessThan(0.3);
    expect(e.embedTokens(['未知词']).every((v) => v === 0)).toBe(true);
  });
});
