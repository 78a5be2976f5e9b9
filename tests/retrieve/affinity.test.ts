import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/bm25';
import { documentAffinity } from '../../src/retrieve/affinity';
import { titleAliases } from '../../src/retrieve/aliases';

const repeat = (words: string[], n: number) => Array.from({ length: n }, () => words).flat();

// Document 0 speaks the bidding vocabulary, document 1 the procurement one (and once says 投标人 and 三家),
// document 2 is a long code that uses both words a little.
const docs = Bm25Index.build([
  [...repeat(['投标人', '招标人', '中标'], 30), '评标'],
  [...repeat(['供应商', '采购人', '中标'], 30), '投标人', '不足', '三家'],
  [...repeat(['合同', '当事人', '履行'], 200), ...repeat(['投标人', '供应商'], 3)],
  repeat(['公务员', '处分'], 20),
]);

describe('term-to-document affinity', () => {
  it('favours the document whose vocabulary the question speaks, not the longest one', () => {
    const a = documentAffinity(docs, ['投标人', '不足', '三家']);
    expect(a[0]).toBeGreaterThan(a[1]!);
    expect(a[0]).toBeGreaterThan(a[2]!);
    const p = documentAffinity(docs, ['供应商', '中标']);
    expect(p[1]).toBeGreaterThan(p[0]!);
    expect(p[1]).toBeGreaterThan(p[2]!);
  });

  it('gives a word the corpus uses once little say, and is a share in [0, 1]', () => {
    // 三家 occurs once, in the procurement document: alone it decides, but next to a recurring term it barely counts.
    const a = documentAffinity(docs, ['投标人', '三家']);
    expect(a[0]).toBeGreaterThan(a[1]!);
    const sum = a.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(documentAffinity(docs, ['未知词']).every((v) => v === 0)).toBe(true);
  });
});

describe('title aliases', () => {
  it('drops a bracketed gloss inside a title but keeps a trailing series number', () => {
    expect(titleAliases('工程总承包（EPC）项目管理办法')).toContain('工程总承包项目管理办法');
    const interp = titleAliases('最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）');
    expect(interp.every((a) => a.endsWith('（一）') || a === '施工合同司法解释')).toBe(true);
  });
});
