// The calibrated refusal decision and its cross-validation: the logistic fit, the operating point (refuse ≥ 95%
// of unanswerable questions with the most coverage), nested K-fold decisions, and out-of-fold metrics.
import { describe, expect, it } from 'vitest';
import { fitLogistic, predict } from '../../src/answer/logistic';
import { parseRefusalModel, shippedRefusalModel, REFUSAL_FEATURES } from '../../src/answer/refusal-model';
import {
  applyDecisions,
  crossValidate,
  decideRow,
  foldOf,
  operatingThreshold,
  type RefusalRow,
} from '../../src/eval/refusal-cv';
import { aggregate, checksFor } from '../../src/eval/aggregate';
import type { QuestionResult, SystemRun } from '../../src/eval/types';

/** Deterministic pseudo-random numbers (LCG) so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Rows whose first feature separates the classes with noise; the second is pure noise. */
function rows(n: number): RefusalRow[] {
  const r = rng(7);
  return Array.from({ length: n }, (_, i) => {
    const y = i % 4 === 0 ? 0 : 1;
    return { key: `s\u0000q${i}`, x: [y + (r() - 0.5) * 0.8, r()], y, unanswerable: y === 0 };
  });
}

describe('logistic fit', () => {
  it('learns the sign of an informative feature and ignores noise', () => {
    const data = rows(200);
    const m = fitLogistic(
      ['signal', 'noise'],
      data.map((d) => d.x),
      data.map((d) => d.y),
    );
    expect(m.weights[0]!).toBeGreaterThan(1);
    expect(Math.abs(m.weights[1]!)).toBeLessThan(0.5);
    expect(predict(m, [1, 0.5])).toBeGreaterThan(0.8);
    expect(predict(m, [0, 0.5])).toBeLessThan(0.3);
    expect(() => fitLogistic(['a'], [], [])).toThrow();
  });
});

describe('operating point', () => {
  it('is the highest threshold that still refuses ≥ 95% of the unanswerable questions', () => {
    // 20 unanswerable with P = 0.05 … 1.00: 95% refused = 19 of them, so the threshold sits just above the
    // 19th-highest one... i.e. only the most answer-like one (1.00) may be answered.
    const scored = Array.from({ length: 20 }, (_, i) => ({ p: (i + 1) / 20, unanswerable: true }));
    scored.push({ p: 0.99, unanswerable: false });
    const t = operatingThreshold(scored, 0.95);
    const refused = scored.filter((s) => s.unanswerable && s.p < t).length;
    expect(refused).toBe(19);
    expect(t).toBeCloseTo(0.95, 4);
  });
});

describe('nested K-fold', () => {
  it('assigns folds deterministically and decides held-out rows with models that never saw them', () => {
    expect(foldOf('set\u0000q1', 5)).toBe(foldOf('set\u0000q1', 5));
    const data = rows(100);
    const counts = [0, 0, 0, 0, 0];
    for (const d of data) counts[foldOf(d.key, 5)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(10);
    const models = crossValidate(data, 5);
    expect(models.filter(Boolean)).toHaveLength(5);
    const decided = data.map((d) => ({ d, out: decideRow(models, d)! }));
    const refusedUnans = decided.filter((x) => x.d.unanswerable && x.out.refused).length;
    const answered = decided.filter((x) => !x.d.unanswerable && !x.out.refused).length;
    expect(refusedUnans / 25).toBeGreaterThanOrEqual(0.9);
    expect(answered / 75).toBeGreaterThan(0.8);
  });

  it('re-scores a run: a refused question loses its facts and citations', () => {
    const base = {
      id: 'q1',
      question: '问',
      answerable: true,
      gold: [{ law: '某法', article: '第一条', files: [] }],
      facts: ['五日'],
      retrieval: { retrieved: [], goldRanks: [1], recall: { 1: 1, 5: 1, 10: 1, 100: 1 }, mrr10: 1, ndcg10: 1, ms: 0 },
      answer: {
        answer: '五日',
        refused: false,
        cited: [{ title: '某法', article: '第一条', file: 'a.md' }],
        factsFound: ['五日'],
        factsMissing: [],
        citedCorrect: 1,
        goldCited: 1,
        ms: 0,
        refusal: { p: 0.9, threshold: 0, features: {} },
      },
    };
    const r: QuestionResult = { ...base, checks: checksFor(base) };
    const run: SystemRun = { name: 'ours', metrics: aggregate([r]), results: [r] };
    expect(run.metrics.factAccuracy).toBe(1);
    const refused = applyDecisions('s', run, () => ({ p: 0.1, threshold: 0.5, refused: true }));
    expect(refused.metrics.factAccuracy).toBe(0);
    expect(refused.metrics.answeredRate).toBe(0);
    expect(refused.results[0]!.answer!.cited).toEqual([]);
    const kept = applyDecisions('s', run, () => ({ p: 0.9, threshold: 0.5, refused: false }));
    expect(kept.metrics.factAccuracy).toBe(1);
  });
});

describe('the shipped model file', () => {
  it('names every refusal feature, with a threshold in (0, 1) and its provenance', () => {
    const m = shippedRefusalModel();
    expect(m.model.features).toEqual([...REFUSAL_FEATURES]);
    expect(m.threshold).toBeGreaterThan(0);
    expect(m.threshold).toBeLessThan(1);
    expect(typeof m.fitted?.method).toBe('string');
    expect(() => parseRefusalModel({ ...m, model: { ...m.model, weights: [1] } })).toThrow();
  });
});

describe('risk–coverage curve', () => {
  it('trades answered rate against fact accuracy as the threshold rises, and marks the operating point', async () => {
    const { riskCoverage, riskCoverageSvg } = await import('../../src/eval/risk-coverage');
    const mk = (id: string, p: number, right: boolean, answerable = true): QuestionResult => {
      const base = {
        id,
        question: id,
        answerable,
        gold: [],
        facts: answerable ? ['x'] : [],
        retrieval: { retrieved: [], goldRanks: [], recall: { 1: 0, 5: 0, 10: 0, 100: 0 }, mrr10: 0, ndcg10: 0, ms: 0 },
        answer: {
          answer: '',
          refused: false,
          cited: [],
          factsFound: right ? ['x'] : [],
          factsMissing: right ? [] : ['x'],
          citedCorrect: 0,
          goldCited: 0,
          ms: 0,
          refusal: { p, threshold: 0.5, features: {} },
        },
      };
      return { ...base, checks: checksFor(base) };
    };
    const curve = riskCoverage(
      [mk('a', 0.9, true), mk('b', 0.6, true), mk('c', 0.3, false), mk('u', 0.4, false, false)],
      0.5,
    );
    const at = (t: number) => curve.points.find((p) => p.threshold === t)!;
    expect(at(0)).toMatchObject({ answered: 1, refused: 0 });
    expect(at(0).factAccuracy).toBeCloseTo(2 / 3);
    expect(at(0.6)).toMatchObject({ answered: 2 / 3, factAccuracy: 1, refused: 1 });
    const svg = riskCoverageSvg(curve, 'curve');
    expect(svg).toContain('<path d="M');
    expect(svg).toContain('工作点 阈值 0.500');
  });
});
