// The short terminal summary of a run: one line per metric, ours vs the baseline, then the gate verdict.
import { ms, pct, ratioText } from './format';
import { METRIC_LABELS, QUALITY_METRICS, type EvalReport } from './types';

export function summaryLines(report: EvalReport): string[] {
  const L: string[] = [];
  for (const s of report.sets) {
    const m = s.ours.metrics;
    L.push(`== ${s.name} (${m.questions} questions: ${m.answerable} answerable, ${m.unanswerable} unanswerable)`);
    L.push(`${'metric'.padEnd(18)}${'ours'.padStart(9)}${'baseline'.padStart(10)}${'ratio'.padStart(8)}`);
    for (const k of QUALITY_METRICS) {
      if (m[k] === undefined) continue;
      L.push(
        `${k.padEnd(18)}${pct(m[k]).padStart(9)}${pct(s.baseline?.metrics[k]).padStart(10)}${ratioText(s.ratio[k]).padStart(8)}`,
      );
    }
    if (s.ours.judge)
      L.push(
        `${'llmJudge'.padEnd(18)}${pct(s.ours.judge.score).padStart(9)}  (${s.ours.judge.judged} judged, not gated)`,
      );
    const l = m.latency;
    L.push(
      `latency ms    retrieve p50 ${ms(l.retrieveP50)} p95 ${ms(l.retrieveP95)}` +
        (l.answerP50 !== undefined ? `; answer p50 ${ms(l.answerP50)} p95 ${ms(l.answerP95)}` : ''),
    );
  }
  const g = report.gate;
  if (g) {
    L.push(g.ok ? `gate: OK (tolerance ${g.tolerance})` : `gate: FAILED (tolerance ${g.tolerance})`);
    for (const f of g.failures) {
      L.push(`  ${f.set} ${METRIC_LABELS[f.metric]} (${f.metric}): ${pct(f.baseline)} -> ${pct(f.current)}`);
    }
    for (const s of g.skipped) L.push(`  not run: ${s}`);
  }
  return L;
}
