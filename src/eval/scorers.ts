// Extension point for eval sets that are not question answering. The drafting issue registers a scorer for
// kind 'draft' (structure scores: required 公文 elements present, order, 发文字号 format, ...); until one is
// registered, a draft set is rejected with a clear message rather than scored with placeholder numbers.
import type { EvalItem, EvalKind } from './types';

export interface KindScorer<System = unknown, Result = unknown> {
  kind: Exclude<EvalKind, 'qa'>;
  /** Metric names this scorer reports (all in [0,1], higher is better), for the report and the gate. */
  metrics: string[];
  scoreItem(item: EvalItem, system: System): Promise<Result>;
  aggregate(results: Result[]): Record<string, number>;
}

const registry = new Map<string, KindScorer>();

export function registerScorer(scorer: KindScorer): void {
  registry.set(scorer.kind, scorer);
}

export function scorerFor(kind: EvalKind): KindScorer | undefined {
  return registry.get(kind);
}
