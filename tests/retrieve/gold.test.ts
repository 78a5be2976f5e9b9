import { describe, expect, it } from 'vitest';
import { goldRanks, matchesGold, mrrAt, recallAt } from '../../src/retrieve/gold';

const gold = { law: '中华人民共和国民法典', article: '第五十六条', files: ['national/民法典/总则.md'] };

describe('gold matching', () => {
  it('matches by corpus-relative file suffix and article number', () => {
    expect(matchesGold({ file: '民法典/总则.md', title: '中华人民共和国民法典', article: '第五十六条' }, gold)).toBe(
      true,
    );
    expect(matchesGold({ file: '民法典/总则.md', title: 'x', article: '第56条' }, gold)).toBe(true);
    expect(matchesGold({ file: '民法典/总则.md', title: 'x', article: '第五十七条' }, gold)).toBe(false);
    // "法典/总则.md" is a suffix of the string but not at a path boundary.
    expect(matchesGold({ file: '法典/总则.md', title: 'x', article: '第五十六条' }, gold)).toBe(false);
  });

  it('falls back to the title without 中华人民共和国', () => {
    expect(matchesGold({ file: 'other/民法典.md', title: '民法典', article: '第五十六条' }, gold)).toBe(true);
    expect(matchesGold({ file: 'other/民法典.md', title: '刑法', article: '第五十六条' }, gold)).toBe(false);
  });

  it('computes recall as the fraction of gold entries found and MRR on the first one', () => {
    const g2 = [gold, { ...gold, article: '第一条' }];
    const hits = [
      { file: 'a.md', title: 'a', article: '第一条' },
      { file: '民法典/总则.md', title: '', article: '第一条' },
      { file: '民法典/总则.md', title: '', article: '第五十六条' },
    ];
    const ranks = goldRanks(hits, g2);
    expect(ranks).toEqual([3, 2]);
    expect(recallAt(ranks, 1)).toBe(0);
    expect(recallAt(ranks, 2)).toBe(0.5);
    expect(recallAt(ranks, 3)).toBe(1);
    expect(mrrAt(ranks, 10)).toBe(0.5);
    expect(mrrAt(ranks, 1)).toBe(0);
  });
});
