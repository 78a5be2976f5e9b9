import { describe, expect, it } from 'vitest';
import { clip, splitUnits, stripArticleLabel } from '../../src/answer/text';

describe('splitUnits', () => {
  const text =
    '第十条 在正常使用条件下，最低保修期限为：\n(一)主体结构，为合理使用年限；\n（二）屋面防水，为5年。\n其他期限由双方约定。另有规定的除外。';

  it('keeps every unit verbatim and marks stems and items', () => {
    const units = splitUnits(text);
    for (const u of units) expect(text).toContain(u.text);
    expect(units[0]).toMatchObject({ text: '在正常使用条件下，最低保修期限为：', isStem: true, isItem: false });
    expect(units[1]).toMatchObject({ isItem: true });
    expect(units[2]).toMatchObject({ text: '（二）屋面防水，为5年。', isItem: true });
    expect(units.slice(3).map((u) => u.text)).toEqual(['其他期限由双方约定。', '另有规定的除外。']);
  });

  it('strips only the leading article label', () => {
    expect(stripArticleLabel('第十条之一 内容第十条')).toBe('内容第十条');
  });
});

describe('clip', () => {
  it('cuts at a sentence boundary when one is near the cap', () => {
    const r = clip('一二三四五。六七八九十。', 8);
    expect(r).toEqual({ text: '一二三四五。', clipped: true });
  });
  it('leaves short text alone', () => {
    expect(clip('短', 8)).toEqual({ text: '短', clipped: false });
  });
});
