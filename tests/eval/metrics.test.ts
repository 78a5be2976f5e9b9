import { describe, expect, it } from 'vitest';
import { scoreRetrieval, distinctArticles } from '../../src/eval/retrieval-metrics';
import { matchesGold } from '../../src/eval/gold';
import { runSystem } from '../../src/eval/runner';
import { parseEvalSet } from '../../src/eval/dataset';
import { percentile } from '../../src/eval/stats';
import { ScriptedAnswerer, ScriptedRetriever, chunk, cite } from './fakes';

const A = chunk('招标投标法(2017-12-27).md', '中华人民共和国招标投标法', '第三十七条');
const B = chunk('招标投标法(2017-12-27).md', '中华人民共和国招标投标法', '第二十四条');
const C = chunk('建筑法(2019-04-23).md', '中华人民共和国建筑法', '第八条');
const gold37 = {
  law: '中华人民共和国招标投标法',
  article: '第三十七条',
  files: ['gov-works/招标投标法(2017-12-27).md'],
};

describe('gold matching (../shared/README.md rules)', () => {
  it('matches by file suffix, by normalised title, and never across article numbers', () => {
    expect(matchesGold({ file: '招标投标法(2017-12-27).md', title: 'x', article: '第三十七条' }, gold37)).toBe(true);
    expect(matchesGold({ file: 'other/招标投标法.md', title: '招标投标法', article: '第三十七条' }, gold37)).toBe(true);
    expect(matchesGold({ file: '标投标法(2017-12-27).md', title: 'x', article: '第三十七条' }, gold37)).toBe(false);
    expect(matchesGold({ file: '招标投标法(2017-12-27).md', title: 'x', article: '第三十八条' }, gold37)).toBe(false);
  });
});

describe('section gold (documents without articles)', () => {
  it('matches a passage of the gold document whose heading path contains the section', () => {
    const g = { law: '新员工入职指南', article: '', files: ['新员工入职指南.md'], section: '四、工作时间与考勤' };
    const p = { file: '新员工入职指南.md', title: '新员工入职指南', article: '' };
    expect(matchesGold({ ...p, headingPath: ['新员工入职指南', '四、工作时间与考勤', '（四）年休假'] }, g)).toBe(true);
    expect(matchesGold({ ...p, headingPath: ['新员工入职指南', '三、入职培训'] }, g)).toBe(false);
    expect(matchesGold({ ...p, file: 'faq.md', title: 'FAQ', headingPath: ['四、工作时间与考勤'] }, g)).toBe(false);
  });
});

describe('retrieval metrics', () => {
  it('computes recall, MRR and nDCG on distinct articles', () => {
    const split = [C, chunk(A.file, A.title, A.article, 0), chunk(A.file, A.title, A.article, 1), B];
    const arts = distinctArticles(
      split.map((c) => ({ chunk: c, score: 1 })),
      100,
    );
    expect(arts.map((a) => a.article)).toEqual(['第八条', '第三十七条', '第二十四条']);
    const r = scoreRetrieval(arts, [gold37], 1);
    expect(r.goldRanks).toEqual([2]);
    expect(r.recall).toEqual({ 1: 0, 5: 1, 10: 1, 100: 1 });
    expect(r.mrr10).toBe(0.5);
    expect(r.ndcg10).toBeCloseTo(1 / Math.log2(3), 6);
  });

  it('counts the fraction of gold entries for multi-gold questions', () => {
    const gold24 = { ...gold37, article: '第二十四条' };
    const r = scoreRetrieval([{ file: A.file, title: A.title, article: A.article }], [gold37, gold24], 0);
    expect(r.recall[1]).toBe(0.5);
    expect(r.ndcg10).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 6);
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('runSystem', () => {
  const items = parseEvalSet(
    [
      { id: 'q1', question: '评标委员会几个人', gold: [gold37], facts: ['五人以上单数'] },
      { id: 'q2', question: '招标文件多少天', gold: [{ ...gold37, article: '第二十四条' }], facts: ['二十日'] },
      { id: 'q3', question: '食堂开门吗', answerable: false },
      { id: 'q4', question: '停车位', answerable: false },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
  );

  it('scores facts, citations and refusals per question and in aggregate', async () => {
    const retriever = new ScriptedRetriever(
      new Map([
        ['评标委员会几个人', [A, B]],
        ['招标文件多少天', [C, A, B]],
      ]),
    );
    const answerer = new ScriptedAnswerer(
      new Map<string, object | Error>([
        ['评标委员会几个人', { answer: '由五人以上单数组成', citations: [cite(A), cite(C)] }],
        ['招标文件多少天', { answer: '不得少于二十\n日', citations: [cite(B)] }],
        ['食堂开门吗', { answer: '知识库中没有找到', refused: true }],
        ['停车位', new Error('boom')],
      ]),
    );
    const run = await runSystem(items, { name: 'ours', retriever, answerer }, { now: () => 0 });
    expect(retriever.calls[0]?.k).toBe(120);
    const [r1, r2, r3, r4] = run.results;
    expect(r1?.checks).toEqual({
      hit5: true,
      answered: true,
      facts: true,
      citationPrecision: false,
      citationRecall: true,
    });
    expect(r2?.checks.facts).toBe(true); // a line break inside a fact does not hide it
    expect(r2?.retrieval.goldRanks).toEqual([3]);
    expect(r3?.checks).toEqual({ refusal: true });
    expect(r4?.answer?.error).toMatch(/boom/);
    expect(r4?.checks.refusal).toBe(false);
    const m = run.metrics;
    expect(m.recall1).toBe(0.5);
    expect(m.mrr10).toBeCloseTo((1 + 1 / 3) / 2, 6);
    expect(m.factAccuracy).toBe(1);
    expect(m.citationPrecision).toBeCloseTo(2 / 3, 6);
    expect(m.citationRecall).toBe(1);
    expect(m.refusalPrecision).toBe(1);
    expect(m.refusalRecall).toBe(0.5);
    expect(m.answeredRate).toBe(1);
  });

  it('counts an uncited answer as a wrong citation and a refused answerable question as a fact miss', async () => {
    const retriever = new ScriptedRetriever(new Map());
    const answerer = new ScriptedAnswerer(
      new Map<string, object>([
        ['评标委员会几个人', { answer: '五人以上单数', citations: [] }],
        ['招标文件多少天', { answer: '知识库中没有找到', refused: true }],
        ['食堂开门吗', { answer: '知识库中没有找到', refused: true }],
        ['停车位', { answer: '知识库中没有找到', refused: true }],
      ]),
    );
    const m = (await runSystem(items, { name: 'x', retriever, answerer })).metrics;
    expect(m.recall100).toBe(0);
    expect(m.citationPrecision).toBe(0);
    expect(m.factAccuracy).toBe(0.5);
    expect(m.answeredRate).toBe(0.5);
    expect(m.refusalPrecision).toBeCloseTo(2 / 3, 6);
    expect(m.refusalRecall).toBe(1);
  });

  it('measures retrieval only when no answerer is given', async () => {
    const run = await runSystem(items, {
      name: 'r',
      retriever: new ScriptedRetriever(new Map([['评标委员会几个人', [A]]])),
    });
    expect(run.metrics.recall1).toBe(0.5);
    expect(run.metrics.factAccuracy).toBeUndefined();
    expect(run.results[0]?.answer).toBeUndefined();
  });

  it('rejects draft items until a draft scorer is registered', async () => {
    const drafts = parseEvalSet(JSON.stringify({ id: 'd1', question: '起草一份通知', kind: 'draft' }));
    await expect(runSystem(drafts, { name: 'r', retriever: new ScriptedRetriever(new Map()) })).rejects.toThrow(
      /no scorer is registered/,
    );
  });
});

describe('parseEvalSet', () => {
  it('reports the line of a malformed item', () => {
    expect(() => parseEvalSet('{"id":"a","question":"q","gold":[]}', 'x.jsonl')).toThrow(/x.jsonl:1: .*no gold/);
    expect(() => parseEvalSet('{"id":"a","question":"q","answerable":false}\n{"id":"b"}', 'x.jsonl')).toThrow(
      /x.jsonl:2: question/,
    );
    expect(() =>
      parseEvalSet('{"id":"a","question":"q","answerable":false}\n{"id":"a","question":"q","answerable":false}'),
    ).toThrow(/duplicate/);
  });
});
