import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { contextFromAnswer } from '../../src/answer/context';
import { PHRASES } from '../../src/answer/render';
import { ZhiyinError } from '../../src/core/errors';
import { FakeRetriever } from './fixtures/fake-retriever';
import { sampleChunks } from './fixtures/sample-law';

function setup() {
  const retriever = new FakeRetriever(sampleChunks());
  // Composition on a six-article fake without BM25 confidences: the old coverage rule decides refusals here
  // (the calibrated model's corpus-level features mean nothing on it; tests/eval covers the model).
  return { retriever, answerer: createAnswerer({ retriever, minCoverage: 0.6 }) };
}

/** Everything in an extractive answer must be source text, a citation label or a fixed phrase. */
function assertOnlySourceText(answer: string, sources: string[]) {
  const fixed = [PHRASES.articleHeader, PHRASES.relatedHeader, PHRASES.clipped];
  for (const raw of answer.split('\n')) {
    let line = raw.replace(/^根据《[^》]+》第[^条]+条：$/, '').replace(/^《[^》]+》第[^条]+条：/, '');
    for (const f of fixed) line = line.replace(f, '');
    if (!line.trim()) continue;
    expect(
      sources.some((s) => s.includes(line)),
      `not from sources: ${line}`,
    ).toBe(true);
  }
}

describe('extractive answers', () => {
  it('leads with the 项 that answers the question, then shows the whole (split) article', async () => {
    const { retriever, answerer } = setup();
    const a = await answerer.answer('屋面防水工程的最低保修期是几年？');
    expect(a.refused).toBe(false);
    expect(a.mode).toBe('extractive');
    const [intro, stem, item] = a.answer.split('\n');
    expect(intro).toBe('根据《示例工程质量办法》第十条：');
    expect(stem).toBe('在正常使用条件下，示例工程的最低保修期限为：');
    expect(item).toBe('(二)屋面防水工程和外墙面的防渗漏，为5年；');
    // Whole article, both parts, including the 款 after the items.
    expect(a.answer).toContain('(四)电气管线、给排水管道和装修工程，为2年。');
    expect(a.answer).toContain('其他项目的保修期限由发包方与承包方约定。');
    const c = a.citations[0]!;
    expect(c).toMatchObject({ title: '示例工程质量办法', article: '第十条', file: 'quality.md' });
    const cited = retriever.chunkById(c.chunkId)!;
    expect(cited.text).toContain(c.quote);
    expect(c.quote).toContain('5年');
    assertOnlySourceText(
      a.answer,
      retriever.chunks.map((x) => x.text),
    );
  });

  it('answers a two-part question with both facts and cites the article', async () => {
    const { answerer } = setup();
    const a = await answerer.answer('评标委员会至少要几个人？专家占比有什么要求？');
    expect(a.answer).toContain('五人以上单数');
    expect(a.answer).toContain('三分之二');
    expect(a.citations.map((c) => c.article)).toEqual(['第五条']);
  });

  it('leads with one sentence per part of a two-part question', async () => {
    const { answerer } = setup();
    const a = await answerer.answer('中标通知书发出后多少天内要签合同？履约保证金最多收多少？');
    const lead = a.answer.split('\n\n')[0]!.split('\n');
    expect(lead).toEqual([
      '根据《示例招标规则》第七条：',
      '中标通知书发出之日起三十日内，招标人和中标人应当订立书面合同。',
      '招标文件要求中标人提交履约保证金的，中标人应当提交，履约保证金不得超过中标合同金额的10%。',
    ]);
    expect(a.answer).toContain('【条文原文】');
  });

  it('cites a second article only for the part of the question the main article does not answer', async () => {
    const { answerer } = setup();
    const a = await answerer.answer('屋面防水工程保修期是几年？竣工验收合格后几日内备案？');
    expect(a.citations.map((c) => c.article).sort()).toEqual(['第二十条', '第十条']);
    expect(a.answer).toContain('【相关条文】');
    expect(a.answer).toContain('15日内');
    const single = await answerer.answer('屋面防水工程保修期是几年？');
    expect(single.citations.map((c) => c.article)).toEqual(['第十条']);
  });

  it('answers a "哪些" question with the stem and its items, without repeating the article', async () => {
    const { answerer } = setup();
    const a = await answerer.answer('哪些情形可以不进行招标？');
    expect(a.answer.split('\n').slice(0, 4)).toEqual([
      '根据《示例招标规则》第八条：',
      '有下列情形之一的，可以不进行示例招标：',
      '（一）需要采用不可替代的专利或者专有技术；',
      '（二）采购人依法能够自行建设、生产或者提供。',
    ]);
    expect(a.answer).not.toContain('【条文原文】');
  });

  it('answers with the article a question names, even with little word overlap', async () => {
    const { answerer } = setup();
    // The words point at 第五条 (评标委员会, 专家); the question names 第六条.
    const a = await answerer.answer('《示例招标规则》第六条对评标委员会专家有要求吗');
    expect(a.refused).toBe(false);
    expect(a.citations.map((c) => c.article)).toEqual(['第六条']);
  });

  it('refuses a question the corpus does not answer and lists the closest documents', async () => {
    const { answerer } = setup();
    const a = await answerer.answer('食堂周末开放吗？');
    expect(a.refused).toBe(true);
    expect(a.citations).toEqual([]);
    expect(a.answer.startsWith('知识库中没有找到')).toBe(true);
    for (const n of a.nearby ?? []) expect(a.answer).toContain(`《${n.title}》`);
  });

  it('refuses an empty question with E_EMPTY_QUESTION and a Chinese user message', async () => {
    const { answerer } = setup();
    const err = await answerer.answer('   ').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZhiyinError);
    expect((err as ZhiyinError).code).toBe('E_EMPTY_QUESTION');
    expect((err as ZhiyinError).userMessage).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('follow-ups (offline)', () => {
  it('answers "那电气管线呢？" against the previous topic and passes the context to retrieval', async () => {
    const { retriever, answerer } = setup();
    const q1 = '屋面防水工程的最低保修期是几年？';
    const first = await answerer.answer(q1);
    const context = contextFromAnswer(q1, first);
    expect(context.previousFiles).toEqual(['quality.md']);
    expect(context.previousTerms).toContain('保修期');
    const second = await answerer.answer('那电气管线呢？', { context });
    expect(second.refused).toBe(false);
    expect(second.answer.split('\n')[2]).toBe('(四)电气管线、给排水管道和装修工程，为2年。');
    const call = retriever.calls.at(-1)!;
    expect(call.options?.context).toEqual(context);
    expect(call.query).toContain('保修期');
  });

  it('refuses a follow-up about something the corpus does not hold, despite the carried topic', async () => {
    const { answerer } = setup();
    const q1 = '屋面防水工程的最低保修期是几年？';
    const context = contextFromAnswer(q1, await answerer.answer(q1));
    const a = await answerer.answer('那食堂呢？', { context });
    expect(a.refused).toBe(true);
  });

  it('keeps the original topic across a chain of follow-ups', () => {
    const ctx = contextFromAnswer(
      '那电气管线呢？',
      { answer: '', citations: [], refused: false, mode: 'extractive', hits: [] },
      { previousTerms: ['保修期', '屋面'], previousFiles: ['quality.md'] },
    );
    expect(ctx.previousTerms).toEqual(expect.arrayContaining(['电气', '管线', '保修期']));
  });

  it('carries no files after a refusal', () => {
    const ctx = contextFromAnswer('食堂开放吗', {
      answer: '',
      citations: [{ title: 't', article: '第一条', file: 'x.md', quote: 'q', chunkId: 'c' }],
      refused: true,
      mode: 'extractive',
      hits: [],
    });
    expect(ctx.previousFiles).toEqual([]);
  });
});
