// Runs one system (a retriever and optionally an answerer) over the items of a set, question by question,
// timing each stage separately. Sequential on purpose: latency numbers are per query, not under contention.
import type { Answerer, Retriever } from '../core/interfaces';
import { ZhiyinError } from '../core/errors';
import { aggregate, checksFor } from './aggregate';
import { failedAnswer, scoreAnswer } from './answer-metrics';
import { distinctArticles, scoreRetrieval } from './retrieval-metrics';
import { scorerFor } from './scorers';
import type { AnswerResult, EvalItem, QuestionResult, SystemRun } from './types';

export interface EvalSystem {
  name: string;
  retriever: Retriever;
  /** Omit to measure retrieval only. */
  answerer?: Answerer;
}

export interface RunOptions {
  /** Retrieval depth in hits; Recall@100 needs 100 distinct articles, so a little more is asked for. */
  depth?: number;
  onProgress?: (done: number, total: number) => void;
  /** Injectable clock for tests (milliseconds, monotonic). */
  now?: () => number;
}

export const DEFAULT_DEPTH = 100;

export async function runSystem(items: EvalItem[], system: EvalSystem, opts: RunOptions = {}): Promise<SystemRun> {
  const depth = opts.depth ?? DEFAULT_DEPTH;
  const now = opts.now ?? (() => performance.now());
  const other = items.find((i) => i.kind !== 'qa');
  if (other && !scorerFor(other.kind)) {
    throw new ZhiyinError(
      'E_BAD_REQUEST',
      `eval item ${other.id} has kind '${other.kind}' but no scorer is registered for it (see src/eval/scorers.ts)`,
    );
  }
  const results: QuestionResult[] = [];
  const qa = items.filter((i) => i.kind === 'qa');
  for (const [i, item] of qa.entries()) {
    const t0 = now();
    // Split articles come back as several hits; ask for extra so 100 distinct articles remain after merging.
    const hits = await system.retriever.search(item.question, { k: Math.ceil(depth * 1.2) });
    const retrieval = scoreRetrieval(distinctArticles(hits, depth), item.gold, now() - t0);
    let answer: AnswerResult | undefined;
    if (system.answerer) {
      const t1 = now();
      try {
        const a = await system.answerer.answer(item.question);
        answer = scoreAnswer(item, a, now() - t1);
      } catch (e) {
        answer = failedAnswer(item, e, now() - t1);
      }
    }
    const base = {
      id: item.id,
      question: item.question,
      answerable: item.answerable,
      gold: item.gold,
      facts: item.facts,
      ...(item.category ? { category: item.category } : {}),
      retrieval,
      answer,
    };
    results.push({ ...base, checks: checksFor(base) });
    opts.onProgress?.(i + 1, qa.length);
  }
  const run: SystemRun = { name: system.name, metrics: aggregate(results), results };
  for (const kind of new Set(items.filter((i) => i.kind !== 'qa').map((i) => i.kind))) {
    const scorer = scorerFor(kind);
    if (!scorer) continue;
    const scored = [];
    for (const item of items.filter((i) => i.kind === kind)) scored.push(await scorer.scoreItem(item, system));
    (run.kindMetrics ??= {})[kind] = scorer.aggregate(scored);
  }
  return run;
}
