// Turns the runs of our system and the baseline over one set into the report section: ratios, the
// per-document breakdown and the worst questions.
import { normaliseTitle } from './gold';
import { mean, ratio } from './stats';
import {
  QUALITY_METRICS,
  type DocBreakdown,
  type QualityMetric,
  type QuestionResult,
  type SetReport,
  type SystemRun,
} from './types';

export function metricRatios(ours: SystemRun, baseline?: SystemRun): Partial<Record<QualityMetric, number | null>> {
  const out: Partial<Record<QualityMetric, number | null>> = {};
  if (!baseline) return out;
  for (const k of QUALITY_METRICS) {
    if (ours.metrics[k] === undefined) continue;
    out[k] = ratio(ours.metrics[k], baseline.metrics[k]);
  }
  return out;
}

function docOf(r: QuestionResult): string {
  const g = r.gold[0];
  return g ? normaliseTitle(g.law) : '';
}

function docStats(rs: QuestionResult[]): { recall5: number; factAccuracy?: number } {
  const withFacts = rs.filter((r) => r.checks.facts !== undefined);
  return {
    recall5: mean(rs.map((r) => r.retrieval.recall[5])),
    factAccuracy: withFacts.length ? mean(withFacts.map((r) => (r.checks.facts ? 1 : 0))) : undefined,
  };
}

/** Answerable questions grouped by the document of their first gold entry, largest groups first. */
export function perDocument(ours: SystemRun, baseline?: SystemRun, limit = 20): DocBreakdown[] {
  const groups = new Map<string, string[]>();
  for (const r of ours.results) {
    if (!r.answerable) continue;
    const d = docOf(r);
    groups.set(d, [...(groups.get(d) ?? []), r.id]);
  }
  const pick = (run: SystemRun, ids: string[]) => run.results.filter((r) => ids.includes(r.id));
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([document, ids]) => ({
      document,
      questions: ids.length,
      ours: docStats(pick(ours, ids)),
      baseline: baseline ? docStats(pick(baseline, ids)) : undefined,
    }));
}

/** How badly a question went: failed checks weigh most, then how far down the gold article was. */
export function badness(r: QuestionResult): number {
  const failed = Object.values(r.checks).filter((v) => v === false).length;
  const miss = r.answerable ? 1 - r.retrieval.recall[10] : 0;
  return failed * 2 + miss + (r.answerable ? 1 - r.retrieval.mrr10 : 0) * 0.5;
}

export function worstQuestions(run: SystemRun, limit = 10): string[] {
  return run.results
    .map((r) => ({ id: r.id, b: badness(r) }))
    .filter((x) => x.b > 0)
    .sort((a, b) => b.b - a.b)
    .slice(0, limit)
    .map((x) => x.id);
}

export function buildSetReport(args: {
  name: string;
  setFile: string;
  corpusDirs: string[];
  ours: SystemRun;
  baseline?: SystemRun;
  ingestMs?: number;
}): SetReport {
  return {
    name: args.name,
    setFile: args.setFile,
    corpusDirs: args.corpusDirs,
    ours: args.ours,
    baseline: args.baseline,
    ratio: metricRatios(args.ours, args.baseline),
    perDocument: perDocument(args.ours, args.baseline),
    worst: worstQuestions(args.ours),
    ingestMs: args.ingestMs,
  };
}
