// Scoring of answers against an eval set (shared by the answer bench and development scripts): facts found in
// the answer text, cited (file, article) pairs that match gold, refusals, latency percentiles.
import { matchesGold, type EvalQuestion } from '../retrieve/gold';
import type { Answer } from '../core/types';

export interface AnswerScore {
  id: string;
  answerable: boolean;
  refused: boolean;
  factsOk: boolean;
  cited: number;
  citedCorrect: number;
  ms: number;
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

export function scoreOne(q: EvalQuestion, a: Answer, ms: number): AnswerScore {
  const text = squash(a.answer);
  const seen = new Map<string, { file: string; title: string; article: string }>();
  for (const c of a.citations) seen.set(`${c.file}\u0000${c.article}`, c);
  const cited = [...seen.values()];
  return {
    id: q.id,
    answerable: q.answerable !== false,
    refused: a.refused,
    factsOk: (q.facts ?? []).every((f) => text.includes(squash(f))),
    cited: cited.length,
    citedCorrect: cited.filter((c) => q.gold.some((g) => matchesGold(c, g))).length,
    ms,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function summarise(scores: AnswerScore[]) {
  const answerable = scores.filter((s) => s.answerable);
  const unanswerable = scores.filter((s) => !s.answerable);
  const cited = scores.reduce((n, s) => n + s.cited, 0);
  const correct = scores.reduce((n, s) => n + s.citedCorrect, 0);
  const ms = scores.map((s) => s.ms);
  return {
    questions: scores.length,
    factAccuracy: answerable.filter((s) => !s.refused && s.factsOk).length / Math.max(1, answerable.length),
    citationPrecision: cited === 0 ? 0 : correct / cited,
    answeredRate: answerable.filter((s) => !s.refused).length / Math.max(1, answerable.length),
    unanswerableRefused: unanswerable.filter((s) => s.refused).length,
    unanswerable: unanswerable.length,
    p50ms: percentile(ms, 50),
    p95ms: percentile(ms, 95),
    failures: scores.filter((s) => (s.answerable ? s.refused || !s.factsOk : !s.refused)).map((s) => s.id),
  };
}
