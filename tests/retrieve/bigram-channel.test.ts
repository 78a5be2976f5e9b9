import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charBigrams } from '../../src/index/bigrams';
import { buildSearchIndex } from '../../src/index/build';
import { splitLawMarkdown } from '../../src/index/md-splitter';
import { HybridEngine } from '../../src/retrieve/engine';
import { DEFAULT_WEIGHTS } from '../../src/retrieve/fusion';
import { loadIndex, type LoadedIndex } from '../../src/retrieve/load';

// Two articles with the same words; only the second states them in the question's order, and it is longer,
// so word BM25 alone prefers the first. The bigram channel is what sees the phrase.
const LAW = `# 示例施工管理办法
<!-- INFO END -->
## 第一章 总则
第一条 施工由乙方负责。
第二条 乙方负责施工，按期完工。
第三条 甲方负责组织验收。
`;

let dir: string;
let idx: LoadedIndex;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-bigram-'));
  await buildSearchIndex(dir, splitLawMarkdown('/c', '示例施工管理办法.md', LAW), { embedding: null, lsaDim: 2 });
  idx = loadIndex(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const first = async (weights = DEFAULT_WEIGHTS) =>
  (await new HybridEngine(idx, weights).search('乙方负责施工', { k: 3 }))[0]!.chunk.article;

describe('character-bigram channel', () => {
  it('cuts CJK runs into overlapping pairs, folding width and skipping non-CJK', () => {
    expect(charBigrams('乙方负责施工')).toEqual(['乙方', '方负', '负责', '责施', '施工']);
    expect(charBigrams('第３条：ABC 招标')).toEqual(['第三', '三条', '招标']);
    expect(charBigrams('a')).toEqual([]);
  });

  it('is persisted with the index and loaded', () => {
    expect(idx.bigramBm25?.idfOf('责施')).toBeGreaterThan(0);
  });

  it('ranks the article that states the phrase in order above a shorter bag-of-words match', async () => {
    expect(await first({ ...DEFAULT_WEIGHTS, bigram: 0 })).toBe('第一条');
    expect(await first()).toBe('第二条');
  });

  it('is skipped for an index built before the channel existed', async () => {
    const { bigramBm25: _dropped, ...old } = idx;
    expect(await new HybridEngine(old).search('乙方负责施工', { k: 3 })).not.toHaveLength(0);
  });
});
