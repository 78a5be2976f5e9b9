// Guide and FAQ passages (no 第N条) are cited by their section path or FAQ question, and the answer leads with
// the sentence or list item that answers — not the lead-in line nor the question (issue 15, point 4).
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { citeLabel, sectionOf } from '../../src/answer/render';
import type { AnswerSource } from '../../src/answer/engine';
import type { Chunk, Hit } from '../../src/core/types';
import { sectionChunk } from './fixtures/section';

const GUIDE = '新员工入职须知';
const timePlace = sectionChunk({
  title: GUIDE,
  chapter: '二、报到手续',
  heading: '（一）时间和地点',
  text: '（一）时间和地点。新员工应当在通知的报到日上午9:00前到人事处报到，不能按时报到的须提前书面说明。',
  seq: 0,
});
const materials = sectionChunk({
  title: GUIDE,
  chapter: '二、报到手续',
  heading: '（二）随身材料',
  text: '（二）随身材料。报到时请携带：\n1. 身份证原件；\n2. 学历证书原件；\n3. 两寸照片3张。',
  seq: 1,
});
const faq = sectionChunk({
  title: '问答汇编',
  chapter: '问答汇编',
  heading: '三、带教',
  text: '三、带教\n问：带教老师怎么定？可以自己选吗？\n答：部门在报到后5个工作日内指定带教老师。每位带教老师同时带的新同事不超过3人。',
  seq: 2,
});

/** Returns its chunks in the order given (the test decides retrieval's ranking). */
class RankedSource implements AnswerSource {
  constructor(private readonly chunks: Chunk[]) {}
  async search(): Promise<Hit[]> {
    return this.chunks.map((chunk, i) => ({ chunk, score: 1 / (1 + i), via: ['bm25'] }));
  }
}

describe('section paths of guide passages', () => {
  it('joins the outline markers of the headings, and names a FAQ entry by its question', () => {
    expect(sectionOf(materials)).toBe('二、（二）');
    expect(citeLabel(materials)).toBe('《新员工入职须知》二、（二）');
    expect(sectionOf(faq, '带教老师怎么定？可以自己选吗？')).toBe('带教老师怎么定？可以自己选吗？');
    expect(citeLabel(faq, '带教老师怎么定？可以自己选吗？')).toBe('《问答汇编》“带教老师怎么定？可以自己选吗？”');
    // A FAQ whose entries are headings ("1. …？"): the question without its number.
    const headed = { title: '问答', article: '', headingPath: ['问答', '一、账号', '1. 密码忘了怎么办？'] };
    expect(sectionOf(headed)).toBe('密码忘了怎么办？');
    // Articles keep 第N条; a passage right under the title has no section.
    expect(citeLabel({ title: '某法', article: '第三条' })).toBe('《某法》第三条');
    expect(sectionOf({ title: GUIDE, article: '', headingPath: [GUIDE] })).toBeUndefined();
  });
});

describe('answers from guides and FAQs', () => {
  const answerer = (chunks: Chunk[]) => createAnswerer({ retriever: new RankedSource(chunks), minCoverage: 0.3 });

  it('answers "报到要带什么" with the materials list next to the time-and-place section, cited by its path', async () => {
    const a = await answerer([timePlace, materials]).answer('新员工报到要带什么？');
    expect(a.refused).toBe(false);
    expect(a.citations[0]?.section).toBe('二、（二）');
    const lead = a.answer.split('\n\n')[0]!;
    expect(lead).toContain('根据《新员工入职须知》二、（二）：');
    expect(lead).toContain('1. 身份证原件；');
    expect(lead).toContain('3. 两寸照片3张。');
    expect(lead).not.toContain('9:00');
  });

  it('leads a FAQ answer with the answering sentence and cites the question it stands under', async () => {
    const a = await answerer([faq, timePlace]).answer('一位带教老师最多能同时带几个新同事？');
    expect(a.refused).toBe(false);
    const lines = a.answer.split('\n');
    expect(lines[0]).toBe('根据《问答汇编》“带教老师怎么定？可以自己选吗？”：');
    expect(lines[1]).toContain('不超过3人');
    expect(lines[1]).not.toMatch(/^问：/);
    expect(a.citations[0]?.section).toBe('带教老师怎么定？可以自己选吗？');
  });
});
