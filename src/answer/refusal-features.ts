// Features of one question and its retrieved candidates for the calibrated refusal decision. Every former hand
// rule that refused (coverage threshold, missing domain term, value-type disagreement) is one feature here; the
// fitted weights in refusal-model.json say how much each one counts (docs/answer.md has the measured weights).
import type { Hit } from '../core/types';
import type { Candidate } from './candidates';
import { coverage, type QueryTerm } from './terms';

/** Feature names, in the order of the model's weight vector. */
export const REFUSAL_FEATURES = [
  'coverage',
  'mainCoverage',
  'lexical',
  'margin',
  'bestUnit',
  'mainScore',
  'missingVeto',
  'missingCount',
  'valueMiss',
  'referenced',
  'explicitRef',
  'unknownShare',
  'followUp',
] as const;
export type RefusalFeature = (typeof REFUSAL_FEATURES)[number];

export interface FeatureInput {
  question: string;
  terms: QueryTerm[];
  hits: Hit[];
  candidates: Candidate[];
  /** confidence() of the candidates (the former threshold signal). */
  coverage: number;
  /** The former missing-term veto fired. */
  missingVeto: boolean;
  /** The former value-agreement veto fired (a value question with no sentence stating it about the subject). */
  valueMiss: boolean;
  followUp: boolean;
}

const EXPLICIT = /第[零〇一二两三四五六七八九十百千\d]+条|《[^》]+》/;

/** Distinct-article score margin of the first hit over the next article: (s1 − s2) / s1, 0 when undefined. */
function margin(hits: Hit[]): number {
  const first = hits[0];
  if (!first || first.score <= 0) return 0;
  const key = `${first.chunk.file}\u0000${first.chunk.article || first.chunk.id}`;
  const next = hits.find((h) => `${h.chunk.file}\u0000${h.chunk.article || h.chunk.id}` !== key);
  return next ? Math.max(0, (first.score - next.score) / first.score) : 1;
}

/**
 * Computes the features (all roughly in [0, 1] or small counts).
 * - coverage / mainCoverage: weighted share of the question's terms in the best / leading article;
 * - margin: see `margin`; bestUnit: best sentence score of the leading article; mainScore: its ranking score / 3;
 * - missingVeto / valueMiss / referenced / explicitRef / followUp: 0/1 flags; missingCount: missing domain
 *   terms of the leading article (≤ 3) / 3;
 * - unknownShare: weight share of terms no candidate contains at all.
 * - lexical: the retriever's BM25 confidence (Hit.confidence) of its best of the first 3 hits, 0 when unset.
 * Left out on purpose: document affinity (only our engine provides it), and query length (fitted
 * weight +0.81: out-of-scope dev questions are short, so it refused 「屋面防水工程保修几年？」 — a dataset artifact).
 * (Tried and dropped: share of the 3 most specific terms, runner-up coverage — 5-fold staff.dev facts 0.40 → 0.34.)
 */
export function refusalFeatures(x: FeatureInput): Record<RefusalFeature, number> {
  const main = x.candidates[0];
  const contexts = x.candidates.map((c) => c.context);
  const total = x.terms.reduce((s, t) => s + t.weight, 0);
  const unknown = x.terms
    .filter((t) => contexts.every((c) => coverage([t], c) === 0))
    .reduce((s, t) => s + t.weight, 0);
  return {
    coverage: x.coverage,
    mainCoverage: main?.coverage ?? 0,
    lexical: Math.max(0, ...x.hits.slice(0, 3).map((h) => h.confidence ?? 0)),
    margin: margin(x.hits),
    bestUnit: main ? Math.max(0, ...main.units.map((u) => u.score)) : 0,
    mainScore: (main?.score ?? 0) / 3,
    missingVeto: x.missingVeto ? 1 : 0,
    missingCount: Math.min(3, main?.missing.length ?? 0) / 3,
    valueMiss: x.valueMiss ? 1 : 0,
    referenced: x.candidates.some((c) => c.referenced) ? 1 : 0,
    explicitRef: EXPLICIT.test(x.question) ? 1 : 0,
    unknownShare: total > 0 ? unknown / total : 0,
    followUp: x.followUp ? 1 : 0,
  };
}
