import { describe, expect, it } from 'vitest';
import { canonicalArticle, normaliseArticleNumbers, parseNumeral, toChineseNumeral } from '../../src/index/numerals';
import { tokenize } from '../../src/index/tokenizer';

describe('numerals', () => {
  it('round-trips article numbers the way statutes write them', () => {
    const cases: [number, string][] = [
      [1, '一'],
      [10, '十'],
      [15, '十五'],
      [20, '二十'],
      [26, '二十六'],
      [100, '一百'],
      [105, '一百零五'],
      [110, '一百一十'],
      [1001, '一千零一'],
      [1260, '一千二百六十'],
    ];
    for (const [n, s] of cases) {
      expect(toChineseNumeral(n)).toBe(s);
      expect(parseNumeral(s)).toBe(n);
    }
  });

  it('canonicalises Arabic and Chinese article labels', () => {
    expect(canonicalArticle('第26条')).toBe('第二十六条');
    expect(canonicalArticle('第 26 条')).toBe('第二十六条');
    expect(canonicalArticle('第二十六条')).toBe('第二十六条');
    expect(canonicalArticle('第二百八十七条之二')).toBe('第二百八十七条之二');
    expect(canonicalArticle('第X条')).toBe('');
    expect(normaliseArticleNumbers('依照第37条和第3章')).toBe('依照第三十七条和第三章');
  });
});

describe('tokenize', () => {
  it('keeps domain terms whole and also yields their parts (search mode)', () => {
    const t = tokenize('评标委员会由招标人组建，履约保证金不得超过');
    expect(t).toContain('评标委员会');
    expect(t).toContain('招标人');
    expect(t).toContain('履约保证金');
    expect(t).not.toContain('由');
  });

  it('makes 第26条 and 第二十六条 the same single token', () => {
    expect(tokenize('招投标法实施条例第26条')).toContain('第二十六条');
    expect(tokenize('第二十六条 招标人')).toContain('第二十六条');
    expect(tokenize('第26条').filter((x) => x.startsWith('第'))).toEqual(['第二十六条']);
  });

  it('adds character bigrams over runs of single characters (OOV fallback)', () => {
    // A made-up name jieba cannot know is cut into single characters; bigrams keep it matchable.
    const t = tokenize('氹氿氾项目');
    expect(t).toContain('氹氿');
    expect(t).toContain('氿氾');
  });

  it('drops question scaffolding', () => {
    expect(tokenize('请问怎么办？')).toEqual([]);
  });
});
