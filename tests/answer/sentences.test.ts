import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types';
import { answerKind, pickLead, scoreUnits, subQuestions } from '../../src/answer/sentences';
import { queryTerms } from '../../src/answer/terms';

function chunk(text: string, headingPath: string[] = ['示例办法', '第一章', '第九条']): Chunk {
  return {
    id: 'c1',
    file: 'x.md',
    corpusDir: '/x',
    title: '示例办法',
    article: '第九条',
    headingPath,
    text,
    page: null,
    versionDate: '',
    part: 0,
    seq: 0,
    textHash: '',
  };
}

function lead(question: string, c: Chunk): string[] {
  const units = scoreUnits([c], queryTerms(question), answerKind(question));
  return pickLead(units, question).map((u) => u.text);
}

describe('answerKind', () => {
  it('types quantity questions and limit directions', () => {
    expect(answerKind('中标后多长时间内签合同？')).toMatchObject({ quantity: 'time' });
    expect(answerKind('评标委员会至少几个人？')).toMatchObject({ quantity: 'count', bound: 'min' });
    expect(answerKind('投标保证金最多能收多少？')).toMatchObject({ quantity: 'amount', bound: 'max' });
    expect(answerKind('哪些情形可以不招标？')).toMatchObject({ list: true, permission: true });
    expect(answerKind('谁负责安全生产？').quantity).toBeUndefined();
  });
});

describe('lead selection', () => {
  it('prefers the unit with the sort of number asked for over one that only repeats the words', () => {
    const c = chunk(
      '第九条 投标保证金由招标人收取并妥善保管。投标保证金不得超过估算价的2%。投标保证金应当在5日内退还。',
    );
    expect(lead('投标保证金最多能收多少？', c)).toEqual(['投标保证金不得超过估算价的2%。']);
    expect(lead('投标保证金什么时候退还？', c)).toEqual(['投标保证金应当在5日内退还。']);
  });

  it('answers a permission question with the prohibition rather than the duty', () => {
    const c = chunk('第九条 代理机构应当遵守本办法关于招标人的规定。代理机构不得在所代理的项目中代理投标。');
    expect(lead('代理机构可以代理投标吗？', c)).toEqual(['代理机构不得在所代理的项目中代理投标。']);
  });

  it('uses the headings a unit sits under (a FAQ question) to find the answer sentence', () => {
    const c = chunk('可以自助重置。有效期为90天，到期前会提示修改。', [
      '常见问题',
      '一、账号',
      '1. OA系统密码忘了怎么办？',
    ]);
    c.article = '';
    expect(lead('OA系统的密码多久要改一次？', c)).toEqual(['有效期为90天，到期前会提示修改。']);
  });

  it('splits a multi-part question', () => {
    expect(subQuestions('多久必须开工？可以延期几次？')).toEqual(['多久必须开工', '可以延期几次']);
    expect(subQuestions('屋面防水保修几年？')).toEqual(['屋面防水保修几年？']);
  });
});

describe('queryTerms', () => {
  it('weighs words pinning the question to a date like the rarest words', () => {
    const w = (q: string, term: string) => queryTerms(q).find((t) => t.term === term)?.weight;
    expect(w('我们局今年的采购预算有多少？', '今年')).toBeGreaterThan(w('我们局今年的采购预算有多少？', '预算')! + 4);
    expect(w('下个月的例会几点开？', '下个月')).toBe(w('工务署2025年的年度投资计划是多少亿元？', '2025'));
    expect(queryTerms('屋面防水工程的最低保修期是几年？').map((t) => t.term)).toEqual([
      '屋面',
      '防水工程',
      '最低',
      '保修期',
    ]);
  });
});

describe('span questions', () => {
  it('prefer the unit stating the period between the two events ("自…起至…止")', () => {
    const c = chunk(
      '第九条 招标人修改已发出的招标文件的，应当在投标截止时间至少十五日前通知。自招标文件开始发出之日起至投标截止之日止，最短不得少于二十日。',
    );
    expect(answerKind('从发出招标文件到投标截止要留多少天？').span).toBe(true);
    expect(lead('从发出招标文件到投标截止，最少要留多少天？', c)).toEqual([
      '自招标文件开始发出之日起至投标截止之日止，最短不得少于二十日。',
    ]);
  });
});
