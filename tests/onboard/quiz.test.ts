// Quiz generation and its quality checks on an own fixture corpus: slots, the same-rule distractor rule, the
// checks catching broken items, answer judging, key points and the reading path (declared, front matter, proposed).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuizItem } from '../../src/core/onboard';
import { checkItem, reportQuiz } from '../../src/onboard/checks';
import { createOnboardCorpus, loadCorpusChunks, type OnboardCorpus } from '../../src/onboard/corpus';
import { judgeAnswer } from '../../src/onboard/judge';
import { keyPoints } from '../../src/onboard/points';
import {
  frontMatterOrder,
  parseDeclaration,
  proposePath,
  readFrontMatterSteps,
  readingMinutes,
  resolvePath,
} from '../../src/onboard/path';
import { candidatesOf, distractorsFor, generateQuiz } from '../../src/onboard/quiz';
import { canonicalValue, findSlots, learnBodies } from '../../src/onboard/slots';
import { tempCorpus } from './fixture';

let fx: ReturnType<typeof tempCorpus>;
let corpus: OnboardCorpus;

beforeAll(async () => {
  fx = tempCorpus();
  corpus = createOnboardCorpus((await loadCorpusChunks([fx.dir])).chunks);
});
afterAll(() => fx?.cleanup());

describe('slots', () => {
  it('finds deadlines, amounts, ratios and counts, not dates or clock times', () => {
    const s = findSlots('2024年2月1日起，应当在8:30前报到，3个工作日内提交4张照片，超过5000元的扣10%。', []);
    expect(s.map((x) => `${x.kind}:${x.value}`)).toEqual([
      'deadline:3个工作日内',
      'count:4张',
      'amount:5000元',
      'ratio:10%',
    ]);
  });
  it('compares Chinese and Arabic numerals canonically', () => {
    expect(canonicalValue('五个工作日内')).toBe(canonicalValue('5个工作日'));
    expect(canonicalValue('百分之二十')).toBe('20%');
  });
  it('learns responsible bodies as subjects, without verbs in front', () => {
    expect(learnBodies(['1. 前期工作处牵头组织论证；', '须报综合办公室审批。', '并报工程管理处备案。']).sort()).toEqual(
      ['前期工作处', '工程管理处', '综合办公室'].sort(),
    );
  });
});

describe('quiz items', () => {
  it('never offers a value another passage states for the same rule', () => {
    const c = candidatesOf(corpus, corpus.chunks).find(
      (x) => x.sentence.startsWith('差旅费应当在出差结束后15日内') && x.slot.value === '15日内',
    );
    expect(c).toBeDefined();
    const distractors = distractorsFor(corpus, c!, 10);
    expect(distractors.length).toBeGreaterThanOrEqual(2);
    // 财务报销规定 says 30日内 for the same rule: offering it as "wrong" would be wrong.
    expect(distractors).not.toContain('30日内');
    expect(distractors).not.toContain('15日内');
  });

  it('yields all three kinds, every item passing the checks, each quoting its passage', () => {
    const items = generateQuiz(corpus, corpus.chunks, 100);
    const report = reportQuiz(corpus, items);
    expect(report.failures).toEqual([]);
    expect(Object.keys(report.byKind).sort()).toEqual(['choice', 'cloze', 'truefalse']);
    for (const item of items) {
      expect(corpus.byId(item.citation.chunkId)?.text).toContain(item.citation.quote);
      expect(item.explanation).toContain(`「${item.citation.quote}」`);
    }
    // Same corpus, same items (ids are stable across restarts).
    expect(generateQuiz(corpus, corpus.chunks, 100).map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it('the checks catch a stated distractor, a give-away, duplicate options and a wrong quote', () => {
    const items = generateQuiz(corpus, corpus.chunks, 100);
    const choice = items.find((i) => i.kind === 'choice') as QuizItem;
    const wrong = choice.options.find((o) => o !== choice.answer) as string;
    const stated = findSlots(corpus.byId(choice.citation.chunkId)!.text, corpus.bodies, choice.slot as never).find(
      (s) => canonicalValue(s.value) !== canonicalValue(choice.answer),
    );
    const names = (it: QuizItem) => checkItem(corpus, it).map((f) => f.check);
    if (stated) {
      const bad = { ...choice, options: choice.options.map((o) => (o === wrong ? stated.value : o)) };
      expect(names(bad)).toContain('distractor_stated');
    }
    expect(names({ ...choice, question: `${choice.question}（提示：${choice.answer}）` })).toContain(
      'answer_given_away',
    );
    expect(names({ ...choice, options: [choice.answer, choice.answer, wrong] })).toContain('options_distinct');
    expect(names({ ...choice, citation: { ...choice.citation, quote: '并不存在的一句话。' } })).toContain(
      'quote_in_passage',
    );
    const tf = items.find((i) => i.kind === 'truefalse' && i.answer === '对') as QuizItem;
    expect(names({ ...tf, answer: '错', altered: tf.citation.quote.match(/\d+[^\d，。]{0,3}/u)?.[0] })).not.toEqual([]);
  });
});

describe('judging replies', () => {
  const choice: QuizItem = {
    id: 'x',
    kind: 'choice',
    question: 'q',
    options: ['3日', '5日', '7日'],
    answer: '5日',
    slot: 'deadline',
    explanation: '',
    citation: { title: '', article: '', section: '', file: '', quote: '', chunkId: '' },
  };
  it('reads letters, full-width letters, 对/错 and cloze values', () => {
    expect(judgeAnswer(choice, 'B')).toMatchObject({ understood: true, correct: true });
    expect(judgeAnswer(choice, '「Ａ」')).toMatchObject({ understood: true, correct: false });
    expect(judgeAnswer(choice, '评标委员会几个人？').understood).toBe(false);
    const tf = { ...choice, kind: 'truefalse' as const, options: ['对', '错'], answer: '错' };
    expect(judgeAnswer(tf, '错')).toMatchObject({ understood: true, correct: true });
    expect(judgeAnswer(tf, '√')).toMatchObject({ understood: true, correct: false });
    const cloze = { ...choice, kind: 'cloze' as const, options: [], answer: '20个工作日内' };
    expect(judgeAnswer(cloze, '二十个工作日').correct).toBe(true);
    expect(judgeAnswer(cloze, '20').correct).toBe(true);
    expect(judgeAnswer(cloze, '2').correct).toBe(false);
  });
});

describe('lessons and the path', () => {
  it('key points carry obligations, deadlines and who approves, with citations', () => {
    const guide = corpus.chunks.filter((c) => c.file === '新员工入职手册.md');
    const points = keyPoints(corpus, guide);
    expect(points.some((p) => p.kind === 'heading' && p.text === '一、报到')).toBe(true);
    expect(points.some((p) => p.kind === 'approval' && p.text.includes('人事科'))).toBe(true);
    expect(points.some((p) => p.kind === 'deadline')).toBe(true);
    for (const p of points) expect(corpus.byId(p.citation.chunkId)?.text).toContain(p.text);
  });

  it('proposes newcomer guides first and estimates reading time at 300 chars/min', () => {
    const p = proposePath(corpus);
    expect(p.origin).toBe('proposed');
    expect(p.steps[0]?.title).toContain('新员工入职手册');
    expect(readingMinutes(301)).toBe(2);
    expect(p.steps[0]?.minutes).toBe(readingMinutes(p.steps[0]!.chars));
  });

  it('follows a declared path per role, and front matter order', () => {
    const decl = parseDeclaration(
      [
        'steps:',
        '  - title: 报到',
        '    file: 新员工入职手册.md',
        '    sections: [一、报到]',
        'roles:',
        '  财务:',
        '    - title: 报销',
        '      file: 财务报销规定.md',
        '      articles: [第一条]',
      ].join('\n'),
      'onboarding.yaml',
    );
    const all = resolvePath(corpus, { declaration: decl });
    expect(all.steps.map((s) => s.title)).toEqual(['报到']);
    const fin = resolvePath(corpus, { declaration: decl, role: '财务' });
    expect(fin.steps[0]?.chunkIds.map((id) => corpus.byId(id)?.article)).toEqual(['第一条']);
    let userMessage = '';
    try {
      parseDeclaration('steps: [{file: 1}]', 'onboarding.yaml');
    } catch (e) {
      userMessage = (e as { userMessage?: string }).userMessage ?? '';
    }
    expect(userMessage).toMatch(/格式不正确.*title/);
    expect(frontMatterOrder('---\nonboarding: 2\n---\n# x')).toBe(2);
    fs.writeFileSync(path.join(fx.dir, '工程档案管理办法.md'), '---\nonboarding: 1\n---\n' + 'x');
    expect(readFrontMatterSteps([fx.dir], corpus).map((s) => s.file)).toEqual(['工程档案管理办法.md']);
  });
});
