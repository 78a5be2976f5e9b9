// JSON forms of a report: the summary (metrics, ratios, breakdowns — no per-question detail) and one JSONL line
// per question that makes any failure readable on its own.
import { articleLabel, goldLabel } from './format';
import { round } from './stats';
import type { ArticleRef, EvalReport, GoldRef, QuestionResult, SetReport, SystemRun } from './types';

const fmtArticle = (a: ArticleRef) => `${articleLabel(a)} [${a.file}]`;
const fmtGold = (g: GoldRef) => goldLabel(g);

export function questionLine(r: QuestionResult, system: string, retrievedShown = 10): Record<string, unknown> {
  const a = r.answer;
  return {
    id: r.id,
    system,
    question: r.question,
    answerable: r.answerable,
    gold: r.gold.map(fmtGold),
    goldRanks: r.retrieval.goldRanks,
    facts: r.facts,
    retrieved: r.retrieval.retrieved.slice(0, retrievedShown).map(fmtArticle),
    recall: r.retrieval.recall,
    mrr10: round(r.retrieval.mrr10),
    ndcg10: round(r.retrieval.ndcg10),
    retrieveMs: round(r.retrieval.ms, 2),
    ...(a
      ? {
          answer: a.answer,
          refused: a.refused,
          cited: a.cited.map(fmtArticle),
          factsMissing: a.factsMissing,
          answerMs: round(a.ms, 2),
          ...(a.mode ? { mode: a.mode } : {}),
          ...(a.note ? { note: a.note } : {}),
          ...(a.error ? { error: a.error } : {}),
        }
      : {}),
    pass: r.checks,
  };
}

export function toJsonl(run: SystemRun): string {
  return run.results.map((r) => JSON.stringify(questionLine(r, run.name))).join('\n') + '\n';
}

function summariseRun(run: SystemRun) {
  return {
    name: run.name,
    metrics: run.metrics,
    ...(run.judge ? { judge: run.judge } : {}),
    ...(run.kindMetrics ? { kindMetrics: run.kindMetrics } : {}),
  };
}

function summariseSet(s: SetReport) {
  const byId = new Map(s.ours.results.map((r) => [r.id, r]));
  return {
    name: s.name,
    setFile: s.setFile,
    corpusDirs: s.corpusDirs,
    ...(s.ingestMs !== undefined ? { ingestMs: Math.round(s.ingestMs) } : {}),
    ours: summariseRun(s.ours),
    ...(s.baseline ? { baseline: summariseRun(s.baseline) } : {}),
    ratio: s.ratio,
    perDocument: s.perDocument,
    worst: s.worst.map((id) => {
      const r = byId.get(id);
      return r ? questionLine(r, s.ours.name, 5) : { id };
    }),
  };
}

export function toSummaryJson(report: EvalReport) {
  return {
    generatedAt: report.generatedAt,
    sets: report.sets.map(summariseSet),
    ...(report.gate ? { gate: report.gate } : {}),
  };
}
