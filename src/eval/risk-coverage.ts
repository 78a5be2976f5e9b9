// Risk–coverage curve of the refusal decision (issue 11): as the threshold on P(answerable) moves, the share
// of answerable questions answered (coverage) against the fact accuracy of those answered. Needs, per
// question, P and whether the unrefused answer holds every fact — an `eval --cv` run has both (every question
// is answered before the fold decides), so the curve is out-of-fold there.
import { COLORS, esc } from './svg';
import type { QuestionResult } from './types';

export interface RiskPoint {
  threshold: number;
  /** Answerable questions with facts answered at this threshold / all of them. */
  answered: number;
  /** Of those answered, the share holding every fact (1 when none is answered). */
  factAccuracy: number;
  /** Unanswerable questions refused at this threshold / all of them (absent without unanswerable questions). */
  refused?: number;
}

export interface RiskCurve {
  points: RiskPoint[];
  /** The operating threshold (mean over folds for a cross-validated run). */
  operating: number;
}

/**
 * Curve points at every distinct P of the questions (plus 0), thresholds ascending.
 * @param results unrefused results carrying `answer.refusal.p` (questions without it are left out)
 * @param pOf P(answerable) of a result (default: answer.refusal.p)
 */
export function riskCoverage(
  results: QuestionResult[],
  operating: number,
  pOf: (r: QuestionResult) => number | undefined = (r) => r.answer?.refusal?.p,
): RiskCurve {
  const rows = results
    .map((r) => ({ r, p: pOf(r) }))
    .filter((x): x is { r: QuestionResult; p: number } => x.p !== undefined && x.r.answer !== undefined);
  const ans = rows.filter((x) => x.r.answerable && x.r.facts.length > 0);
  const unans = rows.filter((x) => !x.r.answerable);
  const thresholds = [0, ...new Set(rows.map((x) => x.p))].sort((a, b) => a - b);
  const points = thresholds.map((t) => {
    const answered = ans.filter((x) => x.p >= t);
    const right = answered.filter((x) => x.r.answer!.factsMissing.length === 0).length;
    return {
      threshold: t,
      answered: ans.length ? answered.length / ans.length : 0,
      factAccuracy: answered.length ? right / answered.length : 1,
      ...(unans.length ? { refused: unans.filter((x) => x.p < t).length / unans.length } : {}),
    };
  });
  return { points, operating };
}

/** Inline SVG: x = answered (coverage), y = fact accuracy of the answered, operating point marked. */
export function riskCoverageSvg(curve: RiskCurve, title: string): string {
  const W = 420;
  const H = 300;
  const L = 48;
  const T = 32;
  const PW = W - L - 16;
  const PH = H - T - 40;
  const x = (v: number) => L + v * PW;
  const y = (v: number) => T + (1 - v) * PH;
  const pts = [...curve.points].sort((a, b) => a.answered - b.answered);
  const path = pts
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.answered).toFixed(1)},${y(p.factAccuracy).toFixed(1)}`)
    .join('');
  const op = curve.points.reduce<RiskPoint | undefined>(
    (best, p) => (p.threshold <= curve.operating && (!best || p.threshold > best.threshold) ? p : best),
    undefined,
  );
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="${COLORS.grid}"/>` +
        `<text x="${L - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="${COLORS.muted}">${v}</text>` +
        `<text x="${x(v)}" y="${T + PH + 16}" font-size="11" text-anchor="middle" fill="${COLORS.muted}">${v}</text>`,
    )
    .join('');
  const mark = op
    ? `<circle cx="${x(op.answered)}" cy="${y(op.factAccuracy)}" r="5" fill="${COLORS.baseline}"><title>${esc(
        `工作点 阈值 ${curve.operating.toFixed(3)}：作答 ${(op.answered * 100).toFixed(1)}%，事实准确率 ${(op.factAccuracy * 100).toFixed(1)}%`,
      )}</title></circle>`
    : '';
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">
<text x="${L}" y="18" font-size="13" fill="${COLORS.text}">${esc(title)}</text>${grid}
<path d="${path}" fill="none" stroke="${COLORS.ours}" stroke-width="2"/>${mark}
<text x="${x(0.5)}" y="${H - 6}" font-size="11" text-anchor="middle" fill="${COLORS.muted}">可答题作答率（覆盖）</text>
<text x="12" y="${y(0.5)}" font-size="11" fill="${COLORS.muted}" transform="rotate(-90 12 ${y(0.5)})" text-anchor="middle">已答题事实准确率</text>
</svg>`;
}
