// Learned re-ranking of the fused candidates: a pairwise logistic model over the channel contributions of each
// candidate and their pairwise products. The hand-set fusion adds channels linearly; questions people actually
// confirmed show which combinations matter (a learned vote counts more when BM25 also agrees, a document prior
// less when the article is long …). Trained at ingest from the learn files (rerank-train.ts), stored as JSON.
import { z } from 'zod';
import { rng } from '../index/linalg';

/** Per-candidate features, in this order (rerank-features.ts computes them). */
export const RERANK_FEATURES = [
  'bm25',
  'bigram',
  'vector',
  'learned',
  'document',
  'priors',
  'articlePrior',
  'documentPrior',
  'answerType',
  'confidence',
  'fused',
  'logLength',
  'logRank',
  'learnedField',
  'voterBest',
  'voterCount',
] as const;

export const BASE_DIM = RERANK_FEATURES.length;

export const rerankModelSchema = z.object({
  version: z.literal(1),
  features: z.array(z.string()),
  /** Candidates re-ranked per query (the fused top N); training used the same N. */
  pool: z.number().int().positive(),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  /** Learned questions the model was trained on, and its held-out check (see rerank-train.ts). */
  trainedOn: z.number().int(),
  check: z.object({ folds: z.number().int(), fusedR10: z.number(), rerankedR10: z.number() }),
});

export type RerankModel = z.infer<typeof rerankModelSchema>;

/** Base features plus every pairwise product (i ≤ j): 13 → 104 columns. */
export function expandedDim(base = BASE_DIM): number {
  return base + (base * (base + 1)) / 2;
}

export function expand(f: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = f.length;
  let c = 0;
  for (let i = 0; i < n; i++) out[c++] = f[i]!;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out[c++] = f[i]! * f[j]!;
  return out;
}

export class Reranker {
  private readonly buf: Float64Array;

  constructor(readonly model: RerankModel) {
    this.buf = new Float64Array(model.weights.length);
  }

  /** Higher is better; only the order matters. */
  score(features: ArrayLike<number>): number {
    const { mean, scale, weights } = this.model;
    const x = expand(features, this.buf);
    let s = 0;
    for (let i = 0; i < weights.length; i++) s += (weights[i]! * (x[i]! - mean[i]!)) / scale[i]!;
    return s;
  }
}

export interface PairwiseOptions {
  /** Negatives sampled per positive. */
  negatives?: number;
  iterations?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** One training question: its candidates' base features (row-major, BASE_DIM each) and which are confirmed. */
export interface RerankSample {
  features: Float32Array;
  labels: Uint8Array;
}

/**
 * Fit the pairwise model (RankNet loss, full-batch Adam on standardised expanded features). Deterministic for a
 * given seed.
 */
export function fitPairwise(
  samples: RerankSample[],
  pool: number,
  opts: PairwiseOptions = {},
): Pick<RerankModel, 'mean' | 'scale' | 'weights' | 'pool'> {
  const dim = expandedDim();
  const negatives = opts.negatives ?? 30;
  const iterations = opts.iterations ?? 150;
  const lr = opts.learningRate ?? 0.02;
  const l2 = opts.l2 ?? 1e-3;
  // Seeded, so that a rebuild from the same data gives the same model.
  const rand = rng(opts.seed ?? 1);
  const x = new Float64Array(dim);

  // Standardisation over every candidate row.
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  let rows = 0;
  for (const s of samples) {
    for (let r = 0; r < s.labels.length; r++) {
      expand(s.features.subarray(r * BASE_DIM, (r + 1) * BASE_DIM), x);
      for (let i = 0; i < dim; i++) {
        sum[i]! += x[i]!;
        sq[i]! += x[i]! * x[i]!;
      }
      rows++;
    }
  }
  const mean = Array.from(sum, (v) => v / Math.max(rows, 1));
  const scale = Array.from(sq, (v, i) => Math.sqrt(Math.max(v / Math.max(rows, 1) - mean[i]! ** 2, 0)) + 1e-9);

  // Pair differences (positive − sampled negative), standardised; sized up front (~25 MB on STARD dev).
  const split = samples.map((s) => {
    const pos: number[] = [];
    const neg: number[] = [];
    s.labels.forEach((l, r) => (l ? pos : neg).push(r));
    return { s, pos, neg };
  });
  const pairs = split.reduce((a, { pos, neg }) => a + pos.length * Math.min(neg.length, negatives), 0);
  const d = new Float32Array(pairs * dim);
  const xp = new Float64Array(dim);
  let o = 0;
  for (const { s, pos, neg } of split) {
    for (const p of pos) {
      expand(s.features.subarray(p * BASE_DIM, (p + 1) * BASE_DIM), xp);
      for (const n of sample(neg, negatives, rand)) {
        expand(s.features.subarray(n * BASE_DIM, (n + 1) * BASE_DIM), x);
        for (let i = 0; i < dim; i++) d[o++] = (xp[i]! - x[i]!) / scale[i]!;
      }
    }
  }
  const w = new Float64Array(dim);
  const v = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const m2 = new Float64Array(dim);
  for (let it = 0; it < iterations && pairs > 0; it++) {
    grad.fill(0);
    for (let p = 0; p < pairs; p++) {
      const o = p * dim;
      let s = 0;
      for (let i = 0; i < dim; i++) s += d[o + i]! * w[i]!;
      const g = 1 / (1 + Math.exp(s)); // −dLoss/ds of log(1 + e^−s)
      for (let i = 0; i < dim; i++) grad[i]! -= d[o + i]! * g;
    }
    // Adam: products of heavy-tailed features (vote counts, priors) made plain momentum steps diverge.
    const b1 = 1 - 0.9 ** (it + 1);
    const b2 = 1 - 0.999 ** (it + 1);
    for (let i = 0; i < dim; i++) {
      const g = grad[i]! / pairs + l2 * w[i]!;
      v[i] = 0.9 * v[i]! + 0.1 * g;
      m2[i] = 0.999 * m2[i]! + 0.001 * g * g;
      w[i]! -= (lr * (v[i]! / b1)) / (Math.sqrt(m2[i]! / b2) + 1e-8);
    }
  }
  return { mean, scale, weights: Array.from(w), pool };
}

function sample(list: number[], n: number, rand: () => number): number[] {
  if (list.length <= n) return list;
  const copy = [...list];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}
