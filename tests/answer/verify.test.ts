import { describe, expect, it } from 'vitest';
import { verifyLlmAnswer, type Passage } from '../../src/answer/verify';
import { sampleChunks } from './fixtures/sample-law';

const chunks = sampleChunks();
const art = (a: string) => chunks.filter((c) => c.article === a && c.file === 'quality.md');
const passages: Passage[] = [
  {
    n: 1,
    parts: art('第十条'),
    text: art('第十条')
      .map((c) => c.text)
      .join('\n'),
  },
  { n: 2, parts: art('第二十条'), text: art('第二十条')[0]!.text },
];

describe('verifyLlmAnswer', () => {
  it('renders markers as labels and merges adjacent ones', () => {
    const v = verifyLlmAnswer('保修期为5年[1][2]。', passages);
    expect(v.text).toBe('保修期为5年（《示例工程质量办法》第十条、《示例工程质量办法》第二十条）。');
    expect(v.cited).toEqual([1, 2]);
    expect(v.stripped).toBe(0);
  });

  it('accepts full-width markers and “” quotes that match across a line break of the source', () => {
    const v = verifyLlmAnswer('原文为“最低保修期限为：(一)地基基础”【1】。', passages);
    expect(v.cited).toEqual([1]);
    expect(v.quotes.get(1)).toEqual(['最低保修期限为：(一)地基基础']);
  });

  it('checks a quote against the passages its sentence cites, not any passage', () => {
    const v = verifyLlmAnswer('备案期限为「15日内」[1]。', passages);
    expect(v.cited).toEqual([]);
    expect(v.stripped).toBe(1);
    expect(v.text).toBe('');
  });

  it('checks an uncited quote against all passages', () => {
    const v = verifyLlmAnswer('规定「应当在15日内向主管部门备案」。另见[2]。', passages);
    expect(v.quotes.get(2)).toEqual(['应当在15日内向主管部门备案']);
    expect(v.cited).toEqual([2]);
  });

  it('drops unknown passage numbers and counts them', () => {
    const v = verifyLlmAnswer('甲[0]。乙[3]。丙[1]。', passages);
    expect(v.text).toBe('甲。乙。丙（《示例工程质量办法》第十条）。');
    expect(v.stripped).toBe(2);
  });
});
