// K-fold evaluation of the calibrated refusal model (issue 11): every question of the run was answered without
// refusing and carries its refusal features; for each fold the model is fitted on the other K−1 folds (all sets
// pooled), its operating threshold chosen on those folds alone (inner K-fold), and the held-out questions are
// refused or answered by that fold's model. Metrics are then recomputed, so every number is out-of-fold.
import crypto from 'node:crypto';
import { fitLogistic, predict, type LogisticModel } from '../answer/logistic';
import { REFUSAL_FEATURES } from '../answer/refusal-features';
import { aggregate, checksFor } from './aggregate';
import type { AnswerResult, QuestionResult, SystemRun } from './types';

/** Share of unanswerable questions the operating point must refuse (issue 11: ≥ 0.95 on the folds). */
export const TARGET_REFUSAL = 0.95;

/** One training row: a question of some set with its features and label (1 = answerable). */
export interface RefusalRow {
  key: string;
  x: number[];
  /** 1 = answer (see rowLabel). */
  y: number;
  /** The question has no answer in the corpus: the operating point must refuse ≥ TARGET_REFUSAL of these. */
  unanswerable: boolean;
}

const FEATURES = [...REFUSAL_FEATURES];

/** Deterministic fold of a question: a hash of set name and id, so folds do not depend on file order. */
export function foldOf(key: string, k: number): number {
  const h = crypto.createHash('sha1').update(key).digest();
  return h.readUInt32BE(0) % k;
}

/**
 * Label of a row: 1 when the question is answerable. (Tried: 1 only when the unrefused answer is also on point —
 * selective answering; on the 5-fold dev run it cut staff.dev fact accuracy 0.40 → 0.30, see docs/answer.md.)
 */
export function rowLabel(r: QuestionResult): number {
  return r.answerable ? 1 : 0;
}

/** Rows of a run's results that carry refusal features (answered without refusing, see neverRefuse). */
export function rowsOf(setName: string, results: QuestionResult[]): RefusalRow[] {
  const out: RefusalRow[] = [];
  for (const r of results) {
    const f = r.answer?.refusal?.features;
    if (!f) continue;
    out.push({
      key: `${setName}\u0000${r.id}`,
      x: FEATURES.map((n) => f[n] ?? 0),
      y: rowLabel(r),
      unanswerable: !r.answerable,
    });
  }
  return out;
}

/** Class-balanced fit: unanswerable questions are rare (≈ 1 in 6), so each class weighs half. */
export function fitRows(rows: RefusalRow[]): LogisticModel {
  const pos = rows.filter((r) => r.y === 1).length || 1;
  const neg = rows.length - pos || 1;
  return fitLogistic(
    FEATURES,
    rows.map((r) => r.x),
    rows.map((r) => r.y),
    { rowWeights: rows.map((r) => (r.y === 1 ? 0.5 / pos : 0.5 / neg) * rows.length) },
  );
}

/**
 * Highest threshold-free coverage point: the largest threshold t such that P < t refuses ≥ target of the
 * unanswerable rows, i.e. the (1 − target) quantile of their P, placed just above it.
 * @param scored rows with their out-of-fold P(answerable)
 */
export function operatingThreshold(scored: { p: number; unanswerable: boolean }[], target = TARGET_REFUSAL): number {
  const neg = scored
    .filter((s) => s.unanswerable)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  if (neg.length === 0) return 0.5;
  // Refuse all but floor((1 − target) · n) unanswerable rows: the threshold sits just above the next one.
  const allowed = Math.floor((1 - target) * neg.length + 1e-9);
  const bar = neg[allowed] ?? 0;
  return Math.min(1, bar + 1e-6);
}

/** Out-of-fold P(answerable) of every row (fit on the other folds). */
export function outOfFold(rows: RefusalRow[], k: number): Map<string, number> {
  const p = new Map<string, number>();
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => foldOf(r.key, k) !== f);
    const test = rows.filter((r) => foldOf(r.key, k) === f);
    if (test.length === 0 || train.length === 0) continue;
    const m = fitRows(train);
    for (const r of test) p.set(r.key, predict(m, r.x));
  }
  return p;
}

export interface FoldModel {
  model: LogisticModel;
  /** Chosen on this fold's training folds only. */
  threshold: number;
}

/**
 * Nested K-fold: for each outer fold f, fit on the other folds and choose the threshold from the inner
 * out-of-fold scores of those folds. `models[f]` decides the questions of fold f (of any system: ours and the
 * baseline are decided by the same fold models, fitted on our system's rows).
 */
export function crossValidate(rows: RefusalRow[], k: number, target = TARGET_REFUSAL): (FoldModel | undefined)[] {
  const models: (FoldModel | undefined)[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => foldOf(r.key, k) !== f);
    if (train.length === 0 || train.every((r) => r.y === train[0]!.y)) {
      models.push(undefined);
      continue;
    }
    const inner = outOfFold(train, k);
    const threshold = operatingThreshold(
      train.map((r) => ({ p: inner.get(r.key) ?? 0, unanswerable: r.unanswerable })),
      target,
    );
    models.push({ model: fitRows(train), threshold });
  }
  return models;
}

/** Decision for one row under the model of its fold. */
export function decideRow(
  models: (FoldModel | undefined)[],
  row: RefusalRow,
): { p: number; threshold: number; refused: boolean } | undefined {
  const m = models[foldOf(row.key, models.length)];
  if (!m) return undefined;
  const p = predict(m.model, row.x);
  return { p, threshold: m.threshold, refused: p < m.threshold };
}

/** The answer as the eval scores a refusal: nothing cited, no fact found. */
function asRefused(a: AnswerResult, p: number, threshold: number): AnswerResult {
  return {
    ...a,
    answer: '知识库中没有找到能回答这个问题的规定。',
    refused: true,
    cited: [],
    factsFound: [],
    factsMissing: [...a.factsFound, ...a.factsMissing],
    citedCorrect: 0,
    goldCited: 0,
    refusal: a.refusal ? { ...a.refusal, p, threshold } : undefined,
  };
}

/** A run with the fold decisions applied (questions without features keep their answer). */
export function applyDecisions(
  setName: string,
  run: SystemRun,
  decide: (key: string) => { p: number; threshold: number; refused: boolean } | undefined,
): SystemRun {
  const results = run.results.map((r) => {
    const d = decide(`${setName}\u0000${r.id}`);
    if (!d || !r.answer) return r;
    const answer: AnswerResult = d.refused
      ? asRefused(r.answer, d.p, d.threshold)
      : {
          ...r.answer,
          refusal: r.answer.refusal ? { ...r.answer.refusal, p: d.p, threshold: d.threshold } : undefined,
        };
    const base = { ...r, answer };
    return { ...base, checks: checksFor(base) };
  });
  return { ...run, results, metrics: aggregate(results) };
}
