// Real data: ingest ../shared/corpus/gov-works into a temp index, open the production engine and answer the dev
// questions offline. Floors here guard against regressions; the targets are reported by the bench.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Answerer } from '../../src/core/interfaces';
import { runIngest } from '../../src/ingest/run';
import { openRetriever } from '../../src/retrieve/open';
import type { EvalQuestion } from '../../src/retrieve/gold';
import { createAnswerer } from '../../src/answer/create';
import { contextFromAnswer } from '../../src/answer/context';
import { scoreOne, summarise, type AnswerScore } from '../../src/bench/answer-score';

const SHARED = path.resolve(process.cwd(), '../shared');
const present = fs.existsSync(path.join(SHARED, 'corpus', 'gov-works'));
if (!present) console.log('skipped: ../shared not found');

describe.skipIf(!present)('answers over gov-works dev (offline)', () => {
  let indexDir = '';
  let answerer: Answerer;
  let scores: AnswerScore[] = [];

  beforeAll(async () => {
    indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-answer-dev-'));
    const corpus = path.join(SHARED, 'corpus', 'gov-works');
    await runIngest({ corpusDirs: [corpus], indexDir });
    const engine = await openRetriever({ ...loadConfig({}), corpusDirs: [corpus], indexDir }, indexDir);
    answerer = createAnswerer({ retriever: engine });
    const questions = fs
      .readFileSync(path.join(SHARED, 'eval', 'gov-works', 'dev.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as EvalQuestion);
    for (const q of questions) scores.push(scoreOne(q, await answerer.answer(q.question), 0));
  });
  afterAll(() => {
    scores = [];
    if (indexDir) fs.rmSync(indexDir, { recursive: true, force: true });
  });

  it('refuses every unanswerable question and answers the answerable ones', () => {
    const s = summarise(scores);
    console.log(`gov-works dev: ${JSON.stringify({ ...s, p50ms: undefined, p95ms: undefined })}`);
    expect(s.unanswerableRefused).toBe(s.unanswerable);
    expect(s.answeredRate).toBeGreaterThanOrEqual(0.95);
    expect(s.factAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(s.citationPrecision).toBeGreaterThanOrEqual(0.8);
  });

  it('leads a 保修期 answer with the (二) line holding 5年 and quotes the chunk verbatim', async () => {
    const a = await answerer.answer('屋面防水保修几年');
    const lines = a.answer.split('\n');
    expect(lines[0]).toBe('根据《建设工程质量管理条例》第四十条：');
    expect(lines[2]).toMatch(/^[（(]二[)）]屋面防水工程.*5年/);
    expect(a.citations[0]!.quote).toContain('5年');
    const followUp = await answerer.answer('那电气管线呢？', { context: contextFromAnswer('屋面防水保修几年', a) });
    expect(followUp.citations[0]).toMatchObject({ title: '建设工程质量管理条例', article: '第四十条' });
    expect(followUp.answer.split('\n')[2]).toMatch(/电气管线.*2年/);
  });
});
