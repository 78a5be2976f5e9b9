// The CI gate: compares this run's metrics with evals/baseline.json and fails when any recorded quality metric
// of our system drops by more than the tolerance. The baseline file changes only through an explicit command
// (`zhiyin eval --update-baseline`), never as a side effect of a run.
import fs from 'node:fs';
import { z } from 'zod';
import { ZhiyinError } from '../core/errors';
import { round } from './stats';
import { QUALITY_METRICS, type EvalReport, type GateFailure, type GateResult, type Metrics } from './types';

/**
 * Default tolerance, absolute. The offline pipeline is deterministic, so a repeated run gives identical quality
 * numbers; 0.02 lets one question in 50 flip (e.g. a tie broken differently after an unrelated corpus edit)
 * while a single lost question of the 30-question gov-works set (0.033) already fails the gate.
 */
export const DEFAULT_TOLERANCE = 0.02;

const MetricRecord = z.record(z.string(), z.number());
const BaselineSchema = z.object({
  tolerance: z.number().min(0).max(1).default(DEFAULT_TOLERANCE),
  updatedAt: z.string().optional(),
  note: z.string().optional(),
  sets: z.record(z.string(), z.object({ ours: MetricRecord, baseline: MetricRecord.optional() })),
});
export type BaselineFile = z.infer<typeof BaselineSchema>;

export function readBaseline(file: string): BaselineFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ZhiyinError('E_CONFIG', `cannot read eval baseline ${file}`, { cause });
  }
  const parsed = BaselineSchema.safeParse(raw);
  if (!parsed.success) throw new ZhiyinError('E_CONFIG', `invalid eval baseline ${file}: ${parsed.error.message}`);
  return parsed.data;
}

export function qualityOf(m: Metrics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of QUALITY_METRICS) {
    const v = m[k];
    if (v !== undefined) out[k] = round(v);
  }
  return out;
}

export function checkGate(report: EvalReport, baseline: BaselineFile, tolerance = baseline.tolerance): GateResult {
  const failures: GateFailure[] = [];
  const skipped: string[] = [];
  for (const [set, recorded] of Object.entries(baseline.sets)) {
    const current = report.sets.find((s) => s.name === set);
    if (!current) {
      skipped.push(set);
      continue;
    }
    for (const k of QUALITY_METRICS) {
      const before = recorded.ours[k];
      if (before === undefined) continue;
      const now = current.ours.metrics[k];
      // A metric that disappeared (e.g. answers no longer produced) is a drop to nothing.
      const drop = before - (now ?? 0);
      if (drop > tolerance + 1e-9) failures.push({ set, metric: k, baseline: before, current: now, drop: round(drop) });
    }
  }
  return { ok: failures.length === 0, tolerance, failures, skipped };
}

/** New baseline content from a run; sets not in this run keep their previous record. */
export function baselineFromReport(report: EvalReport, previous?: BaselineFile, note?: string): BaselineFile {
  const sets: BaselineFile['sets'] = { ...(previous?.sets ?? {}) };
  for (const s of report.sets) {
    sets[s.name] = {
      ours: qualityOf(s.ours.metrics),
      ...(s.baseline ? { baseline: qualityOf(s.baseline.metrics) } : {}),
    };
  }
  return {
    tolerance: previous?.tolerance ?? DEFAULT_TOLERANCE,
    updatedAt: report.generatedAt,
    ...((note ?? previous?.note) ? { note: note ?? previous?.note } : {}),
    sets,
  };
}

export function writeBaseline(file: string, b: BaselineFile): void {
  fs.writeFileSync(file, JSON.stringify(b, null, 2) + '\n');
}
