// Aggregates per-question results into the metrics of one system over one set.
import { mean, percentile } from './stats';
import type { Metrics, QuestionChecks, QuestionResult } from './types';

export function checksFor(r: Omit<QuestionResult, 'checks'>): QuestionChecks {
  const checks: QuestionChecks = {};
  if (r.answerable) checks.hit5 = r.retrieval.goldRanks.some((x) => x !== null && x <= 5);
  const a = r.answer;
  if (!a) return checks;
  if (r.answerable) {
    checks.answered = !a.refused;
    if (r.facts.length) checks.facts = a.factsMissing.length === 0 && !a.refused;
    if (!a.refused) checks.citationPrecision = a.cited.length > 0 && a.citedCorrect === a.cited.length;
    checks.citationRecall = !a.refused && a.goldCited === r.gold.length;
  } else {
    checks.refusal = a.refused;
  }
  return checks;
}

export function aggregate(results: QuestionResult[]): Metrics {
  const ans = results.filter((r) => r.answerable);
  const unans = results.filter((r) => !r.answerable);
  const m: Metrics = {
    questions: results.length,
    answerable: ans.length,
    unanswerable: unans.length,
    recall1: mean(ans.map((r) => r.retrieval.recall[1])),
    recall5: mean(ans.map((r) => r.retrieval.recall[5])),
    recall10: mean(ans.map((r) => r.retrieval.recall[10])),
    recall100: mean(ans.map((r) => r.retrieval.recall[100])),
    mrr10: mean(ans.map((r) => r.retrieval.mrr10)),
    ndcg10: mean(ans.map((r) => r.retrieval.ndcg10)),
    latency: {
      retrieveP50: percentile(
        results.map((r) => r.retrieval.ms),
        50,
      ),
      retrieveP95: percentile(
        results.map((r) => r.retrieval.ms),
        95,
      ),
    },
  };
  const answered = results.filter((r) => r.answer);
  if (answered.length === 0) return m;

  const withFacts = ans.filter((r) => r.facts.length > 0 && r.answer);
  if (withFacts.length) m.factAccuracy = mean(withFacts.map((r) => (r.checks.facts ? 1 : 0)));

  // Citation precision over answerable questions that were answered; an answer with no citation at all
  // counts as one wrong citation, so "answer without a source" cannot raise precision.
  let cited = 0;
  let correct = 0;
  let goldTotal = 0;
  let goldCited = 0;
  for (const r of ans) {
    const a = r.answer;
    if (!a) continue;
    goldTotal += r.gold.length;
    if (a.refused) continue;
    cited += Math.max(1, a.cited.length);
    correct += a.citedCorrect;
    goldCited += a.goldCited;
  }
  if (ans.some((r) => r.answer)) {
    m.citationPrecision = cited ? correct / cited : 0;
    m.citationRecall = goldTotal ? goldCited / goldTotal : 0;
    m.answeredRate = mean(ans.filter((r) => r.answer).map((r) => (r.answer?.refused ? 0 : 1)));
  }
  const refused = answered.filter((r) => r.answer?.refused);
  // Refusal metrics need unanswerable questions; without them (STARD) over-refusal shows in answeredRate.
  // No refusal at all is vacuously precise; refusal recall then shows the missed unanswerable questions.
  if (unans.length) {
    m.refusalPrecision = refused.length ? refused.filter((r) => !r.answerable).length / refused.length : 1;
    m.refusalRecall = mean(unans.map((r) => (r.answer?.refused ? 1 : 0)));
  }
  m.latency.answerP50 = percentile(
    answered.map((r) => r.answer?.ms ?? 0),
    50,
  );
  m.latency.answerP95 = percentile(
    answered.map((r) => r.answer?.ms ?? 0),
    95,
  );
  return m;
}
