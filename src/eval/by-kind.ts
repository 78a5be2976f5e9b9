// Per-kind breakdown of a run (issue 11): every metric of `aggregate` over the questions of one `kind`
// (situational, yes-no, out-of-scope, …). Questions without a kind are grouped under '-'.
import { aggregate } from './aggregate';
import type { Metrics, QuestionResult } from './types';

/** Kind label of a result: its category, or '-' when the set gives none. */
export const kindOf = (r: Pick<QuestionResult, 'category'>): string => r.category ?? '-';

/**
 * Metrics per question kind, kinds in first-seen order.
 * @returns kind → Metrics (same definitions as the whole-set metrics; refusal metrics only for kinds with
 *   unanswerable questions).
 */
export function metricsByKind(results: QuestionResult[]): Record<string, Metrics> {
  const groups = new Map<string, QuestionResult[]>();
  for (const r of results) groups.set(kindOf(r), [...(groups.get(kindOf(r)) ?? []), r]);
  const out: Record<string, Metrics> = {};
  for (const [k, rs] of groups) out[k] = aggregate(rs);
  return out;
}

const f3 = (x: number | undefined) => (x === undefined ? '   —  ' : x.toFixed(3).padStart(6));

/**
 * Terminal/Markdown table of the per-kind metrics: ours and the BM25 baseline from the same run side by side.
 * Columns: n, R@1, R@5, facts, answered, refused (unanswerable refused), citation precision; BM25 R@1/R@5/facts.
 */
export function kindTableLines(
  setName: string,
  ours: QuestionResult[],
  baseline: QuestionResult[] | undefined,
  label = '',
): string[] {
  const o = metricsByKind(ours);
  const b = baseline ? metricsByKind(baseline) : {};
  const L = [
    `-- ${setName} by kind${label ? ` (${label})` : ''}`,
    `| kind | n | R@1 | R@5 | facts | answered | refused | cit.prec | BM25 R@1 | BM25 R@5 | BM25 facts |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  const row = (k: string, m: Metrics, bm?: Metrics) => {
    const ans = m.answerable > 0;
    L.push(
      `| ${k} | ${m.questions} | ${ans ? f3(m.recall1) : '   —  '} | ${ans ? f3(m.recall5) : '   —  '} | ${f3(m.factAccuracy)} | ` +
        `${ans ? f3(m.answeredRate) : '   —  '} | ${f3(m.refusalRecall)} | ${ans ? f3(m.citationPrecision) : '   —  '} | ` +
        `${ans && bm ? f3(bm.recall1) : '   —  '} | ${ans && bm ? f3(bm.recall5) : '   —  '} | ${f3(bm?.factAccuracy)} |`,
    );
  };
  for (const [k, m] of Object.entries(o)) row(k, m, b[k]);
  row('all', aggregate(ours), baseline ? aggregate(baseline) : undefined);
  return L;
}
