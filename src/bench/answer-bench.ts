// Answer benchmark (default, offline mode): ingest gov-works into a temp index, answer the dev questions, report
// latency p50/p95 and the answer-quality numbers the issue sets targets for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { runIngest } from '../ingest/run';
import { openRetriever } from '../retrieve/open';
import type { EvalQuestion } from '../retrieve/gold';
import { createAnswerer } from '../answer/create';
import { scoreOne, summarise, type AnswerScore } from './answer-score';

export async function runAnswerBench(opts: {
  sharedDir: string;
}): Promise<{ title: string; lines: string[]; json: Record<string, unknown> }> {
  const corpus = path.join(opts.sharedDir, 'corpus', 'gov-works');
  const questions = fs
    .readFileSync(path.join(opts.sharedDir, 'eval', 'gov-works', 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-answer-bench-'));
  try {
    await runIngest({ corpusDirs: [corpus], indexDir });
    const config = { ...loadConfig({}), corpusDirs: [corpus], indexDir, llm: undefined };
    const engine = await openRetriever(config, indexDir);
    const answerer = createAnswerer({ retriever: engine });
    // One untimed warm-up: dictionary and index loading are start-up costs, not answer latency.
    await answerer.answer('招标文件的发售期');
    const scores: AnswerScore[] = [];
    for (const q of questions) {
      const t0 = performance.now();
      const a = await answerer.answer(q.question);
      scores.push(scoreOne(q, a, performance.now() - t0));
    }
    const s = summarise(scores);
    const lines = [
      `questions: ${s.questions} (gov-works dev, default extractive mode)`,
      `answer latency: p50 ${s.p50ms.toFixed(1)} ms, p95 ${s.p95ms.toFixed(1)} ms (target p95 <= 300 ms)`,
      `fact accuracy: ${s.factAccuracy.toFixed(3)} (target >= 0.90)`,
      `citation precision (article level): ${s.citationPrecision.toFixed(3)} (target >= 0.90)`,
      `answerable answered: ${s.answeredRate.toFixed(3)} (target >= 0.95); unanswerable refused: ${s.unanswerableRefused}/${s.unanswerable}`,
      ...(s.failures.length > 0 ? [`misses: ${s.failures.join(', ')}`] : []),
    ];
    return { title: 'Answers (gov-works dev, offline)', lines, json: { ...s, perQuestion: scores } };
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}
