// Answer-type agreement: a question asking for a value (几楼, 几点, 多久, 多少钱, 几个人) is answered only by a
// sentence stating such a value together with the question's most specific terms, not by an entry whose words
// are scattered over several sentences.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { askedValueKinds, statesValue, subjectTerms } from '../../src/answer/value-agreement';
import { queryTerms } from '../../src/answer/terms';
import type { AnswerSource } from '../../src/answer/engine';
import { sectionChunk } from './fixtures/section';
import type { Chunk, Hit } from '../../src/core/types';

function section(title: string, chapter: string, heading: string, text: string, seq: number): Chunk {
  return sectionChunk({ title, chapter, heading, text, seq });
}

const FAQ = '常见问题解答（FAQ）';
const GUIDE = '新员工入职指南';

/** 局长, 办公室 and 4楼 all occur in the meeting-room entry, each in a different sentence. */
const meetingRoom = section(
  FAQ,
  '二、会议与用印',
  '4. 怎样预约会议室？',
  '4楼第一会议室可容纳40人。局长办公会期间优先保障。印章由局办公室专人保管。',
  0,
);
const contacts = section(
  GUIDE,
  '六、常用联系方式',
  '六、常用联系方式',
  '人事科（入职、考勤、休假）：3楼305室。\n财务科（工资、报销）：3楼312室。',
  1,
);
/** Names 财务科 but states no room: ranked first, it must give way to the section that states one. */
const duties = section(GUIDE, '一、职责', '（一）分工', '计划财务科负责投资控制和资金支付；财务科负责报销审核。', 2);
const overtime = section(
  FAQ,
  '四、人事与休假',
  '9. 加班可以调休吗？',
  '因工作需要在休息日加班的，可以在3个月内安排同等时长的补休。',
  3,
);

/** Returns its chunks in the order given (retrieval's ranking, decided by the test). */
class RankedSource implements AnswerSource {
  constructor(private readonly chunks: Chunk[]) {}
  async search(): Promise<Hit[]> {
    return this.chunks.map((chunk, i) => ({ chunk, score: 1 / (1 + i), via: ['bm25'] }));
  }
}

describe('which value a question asks for', () => {
  it('reads places, times of day, periods, amounts and counts from question words only', () => {
    expect(askedValueKinds('局长的办公室在几楼？')).toEqual(['place']);
    expect(askedValueKinds('夏天下午几点上班？')).toEqual(['clock']);
    expect(askedValueKinds('出差回来多久内要报销？')).toContain('time');
    expect(askedValueKinds('第一会议室能坐几个人？')).toContain('count');
    // A named amount with no question word about it, a moment, a list, a permission: no value asked.
    expect(askedValueKinds('单项设计变更金额30万元，由谁审批？')).toEqual([]);
    expect(askedValueKinds('动产质权什么时候设立？')).toEqual([]);
    expect(askedValueKinds('旅行社在哪些情况下可以解除合同？')).toEqual([]);
    expect(askedValueKinds('第一天上班可以请假吗？')).toEqual([]);
  });

  it('recognises stated values of each kind', () => {
    expect(statesValue('到局机关办公楼3楼305室人事科报到', 'place')).toBe(true);
    expect(statesValue('局长办公会期间优先保障', 'place')).toBe(false);
    expect(statesValue('下午为14:30至18:00', 'clock')).toBe(true);
    expect(statesValue('可以在3个月内安排补休', 'time')).toBe(true);
    // A frequency ("多久清疏一次") is stated as a period without a number.
    expect(statesValue('养护单位应当每年汛期前对雨水管道进行一次全面清疏', 'time')).toBe(true);
    expect(statesValue('养护单位应当对雨水管道进行全面清疏', 'time')).toBe(false);
    expect(statesValue('技术、经济等方面的专家不得少于成员总数的三分之二', 'amount')).toBe(true);
  });

  it('takes as subject the most specific terms some candidate holds, not the kind of value itself', () => {
    const terms = queryTerms('财务科在哪个房间？');
    expect(subjectTerms(terms, [contacts.text]).map((t) => t.term)).toEqual(['财务科']);
    // 周末 occurs in no candidate (the FAQ says 休息日): it cannot be required next to the value.
    const weekend = subjectTerms(queryTerms('周末加班以后多久内可以补休？'), [overtime.text]).map((t) => t.term);
    expect(weekend).not.toContain('周末');
    expect(weekend).toContain('补休');
  });
});

describe('answers agree with the asked value', () => {
  it('refuses a floor question whose words are spread over sentences of one entry', async () => {
    const answerer = createAnswerer({ retriever: new RankedSource([meetingRoom, contacts]), minCoverage: 0.5 });
    const a = await answerer.answer('局长的办公室在几楼？');
    expect(a.refused).toBe(true);
    expect(a.answer).toContain('知识库中没有找到');
    expect(a.nearby?.length).toBeGreaterThan(0);
  });

  it('leads with the candidate stating the value about the subject, even when retrieval ranks it lower', async () => {
    const answerer = createAnswerer({ retriever: new RankedSource([duties, contacts]), minCoverage: 0.5 });
    const a = await answerer.answer('财务科在哪个房间？');
    expect(a.refused).toBe(false);
    expect(a.citations[0]?.quote).toContain('312室');
  });

  it('still answers when the value sits with the subject', async () => {
    const answerer = createAnswerer({ retriever: new RankedSource([overtime, meetingRoom]), minCoverage: 0.5 });
    const a = await answerer.answer('周末加班以后多久内可以补休？');
    expect(a.refused).toBe(false);
    expect(a.citations[0]?.quote).toContain('3个月内');
  });

  it('leaves questions asking for no value to the coverage threshold', async () => {
    const answerer = createAnswerer({ retriever: new RankedSource([overtime]), minCoverage: 0.5 });
    const a = await answerer.answer('休息日加班可以补休吗？');
    expect(a.refused).toBe(false);
  });
});
