// Eval sets with question kinds and section gold (../shared/README.md): kinds parse into categories, an empty
// `section` means article gold, section gold matches on the heading path or on the passage text (FAQ
// question lines), and the per-kind table breaks metrics down.
import { describe, expect, it } from 'vitest';
import { parseEvalSet } from '../../src/eval/dataset';
import { matchesGold } from '../../src/eval/gold';
import { kindTableLines, metricsByKind } from '../../src/eval/by-kind';
import { checksFor } from '../../src/eval/aggregate';
import type { QuestionResult } from '../../src/eval/types';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('question kinds and section gold', () => {
  it('keeps a QA kind as category, draft as the draft kind, and reads section "" as no section', () => {
    const items = parseEvalSet(
      [
        line({
          id: 'a',
          question: '几天？',
          gold: [{ law: '某法', article: '第一条', section: '', files: [] }],
          kind: 'numeric',
        }),
        line({ id: 'b', question: '天气？', answerable: false, kind: 'out-of-scope' }),
        line({ id: 'c', question: '起草通知', kind: 'draft' }),
      ].join('\n'),
    );
    expect(items.map((i) => [i.kind, i.category])).toEqual([
      ['qa', 'numeric'],
      ['qa', 'out-of-scope'],
      ['draft', undefined],
    ]);
    expect(items[0]!.gold[0]!.section).toBeUndefined();
  });

  it('matches section gold by heading path or by a FAQ question line in the text, only in the gold file', () => {
    const gold = { law: '问答', article: '', files: ['bureau/问答.md'], section: '问：导师是怎么分配的？' };
    const passage = {
      title: '问答',
      article: '',
      file: '问答.md',
      headingPath: ['问答', '二、导师制'],
      text: '二、导师制\n**问：导师是怎么分配的？**\n答：由部门指定。',
    };
    expect(matchesGold(passage, gold)).toBe(true);
    expect(matchesGold({ ...passage, text: '二、导师制\n问：带教期多长？' }, gold)).toBe(false);
    expect(matchesGold({ ...passage, file: '别的.md', title: '别的' }, gold)).toBe(false);
    const outline = { ...gold, section: '（二）适用范围' };
    expect(matchesGold({ ...passage, headingPath: ['指引', '一、总则', '（二）适用范围'], text: '' }, outline)).toBe(
      true,
    );
  });

  it('breaks metrics down per kind, ours next to the baseline', () => {
    const mk = (id: string, category: string, answerable: boolean, refused: boolean): QuestionResult => {
      const base = {
        id,
        question: id,
        answerable,
        category,
        gold: answerable ? [{ law: '某法', article: '第一条', files: [] }] : [],
        facts: answerable ? ['x'] : [],
        retrieval: {
          retrieved: [],
          goldRanks: answerable ? [1] : [],
          recall: { 1: 1, 5: 1, 10: 1, 100: 1 },
          mrr10: 1,
          ndcg10: 1,
          ms: 0,
        },
        answer: {
          answer: refused ? '' : 'x',
          refused,
          cited: [],
          factsFound: refused ? [] : ['x'],
          factsMissing: refused ? ['x'] : [],
          citedCorrect: 0,
          goldCited: 0,
          ms: 0,
        },
      };
      return { ...base, checks: checksFor(base) };
    };
    const results = [
      mk('1', 'numeric', true, false),
      mk('2', 'numeric', true, true),
      mk('3', 'out-of-scope', false, true),
    ];
    const by = metricsByKind(results);
    expect(by.numeric!.factAccuracy).toBe(0.5);
    expect(by['out-of-scope']!.refusalRecall).toBe(1);
    const table = kindTableLines('set', results, results, '5-fold refusal');
    expect(table[0]).toBe('-- set by kind (5-fold refusal)');
    expect(table.find((l) => l.startsWith('| numeric |'))).toContain(' 0.500 ');
    expect(table.at(-1)).toMatch(/^\| all \| 3 \|/);
  });
});
