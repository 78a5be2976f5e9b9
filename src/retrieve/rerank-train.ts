// Training the re-ranker from the learned questions, at index build time.
// Features must look like the ones a new question will get, so they are cross-fitted: each fold's questions
// are searched by an engine that learned only from the other folds (its own question would otherwise vote for
// its own answer). Then a held-out check over the same folds decides whether the model is kept at all: it is
// kept only if it beats the fused order on questions it was not fitted on.
import type { LearnedQuestion } from '../index/learned';
import { HybridEngine } from './engine';
import { DEFAULT_WEIGHTS, type FusionWeights } from './fusion';
import type { LoadedIndex } from './load';
import {
  BASE_DIM,
  fitPairwise,
  type PairwiseOptions,
  RERANK_FEATURES,
  Reranker,
  type RerankModel,
  type RerankSample,
} from './reranker';

export interface RerankTrainOptions {
  /** Below this many learned questions no model is trained (too little to learn combinations from). */
  minQuestions?: number;
  folds?: number;
  /** Fused candidates re-ranked per query. */
  pool?: number;
  weights?: FusionWeights;
  fit?: PairwiseOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface RerankTraining {
  /** Undefined when skipped or when the held-out check did not favour the model. */
  model?: RerankModel;
  reason: string;
}

export const RERANK_MIN_QUESTIONS = 100;
export const RERANK_POOL = 300;
/**
 * The held-out check fits k models, so it samples fewer negatives than the kept model (15 vs 30 per confirmed
 * article: half the time; on STARD dev the check moved by ≤ 0.007 R@10).
 */
const CHECK_FIT: PairwiseOptions = { negatives: 15 };

interface Question {
  fold: number;
  sample: RerankSample;
  /** Confirmed units of the question (recall denominator; some may be outside the pool). */
  gold: number;
}

export async function trainReranker(idx: LoadedIndex, opts: RerankTrainOptions = {}): Promise<RerankTraining> {
  const learned = idx.learned;
  const min = opts.minQuestions ?? RERANK_MIN_QUESTIONS;
  if (learned.length < min) return { reason: `${learned.length} learned questions < ${min}: no re-ranker` };
  const k = opts.folds ?? 5;
  const pool = opts.pool ?? RERANK_POOL;
  const weights = { ...(opts.weights ?? DEFAULT_WEIGHTS), rerank: 0 };
  const questions: Question[] = [];
  let done = 0;
  for (let f = 0; f < k; f++) {
    const others = learned.filter((_, i) => i % k !== f);
    const engine = new HybridEngine({ ...idx, learned: others, reranker: undefined }, weights);
    for (let i = f; i < learned.length; i += k) {
      questions.push({ fold: f, gold: learned[i]!.units.length, sample: await sampleOf(engine, learned[i]!, pool) });
      opts.onProgress?.(++done, learned.length);
    }
  }

  // Held-out check: fit on k−1 folds, compare Recall@10 with the fused order on the remaining one.
  let fused = 0;
  let reranked = 0;
  for (let f = 0; f < k; f++) {
    const fit = fitPairwise(
      questions.filter((q) => q.fold !== f).map((q) => q.sample),
      pool,
      { ...CHECK_FIT, ...opts.fit },
    );
    const rr = new Reranker(toModel(fit, 0, { folds: k, fusedR10: 0, rerankedR10: 0 }));
    for (const q of questions.filter((x) => x.fold === f)) {
      fused += recallAt10(q, (r) => -r);
      reranked += recallAt10(q, (r) => rr.score(q.sample.features.subarray(r * BASE_DIM, (r + 1) * BASE_DIM)));
    }
  }
  const check = {
    folds: k,
    fusedR10: round(fused / questions.length),
    rerankedR10: round(reranked / questions.length),
  };
  const summary = `held-out R@10 fused ${check.fusedR10} vs re-ranked ${check.rerankedR10} (${k} folds, ${learned.length} questions)`;
  if (check.rerankedR10 <= check.fusedR10) return { reason: `${summary}: re-ranker not kept` };
  const model = toModel(
    fitPairwise(
      questions.map((q) => q.sample),
      pool,
      opts.fit,
    ),
    learned.length,
    check,
  );
  return { model, reason: `${summary}: re-ranker kept` };
}

async function sampleOf(engine: HybridEngine, q: LearnedQuestion, pool: number): Promise<RerankSample> {
  const { units, features } = await engine.candidates(q.question, pool);
  const gold = new Set(q.units);
  return { features, labels: Uint8Array.from(units, (u) => (gold.has(u) ? 1 : 0)) };
}

/** Share of the question's confirmed units in the top 10 when its pool is ordered by `score` (higher first). */
function recallAt10(q: Question, score: (row: number) => number): number {
  const rows = Array.from(q.sample.labels, (_, r) => r);
  const s = rows.map(score);
  rows.sort((a, b) => s[b]! - s[a]! || a - b);
  let hit = 0;
  for (const r of rows.slice(0, 10)) hit += q.sample.labels[r]!;
  return q.gold ? hit / q.gold : 0;
}

function toModel(
  fit: Pick<RerankModel, 'mean' | 'scale' | 'weights' | 'pool'>,
  trainedOn: number,
  check: RerankModel['check'],
): RerankModel {
  return { version: 1, features: [...RERANK_FEATURES], ...fit, trainedOn, check };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
