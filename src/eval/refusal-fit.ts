// Fits the shipped refusal model (src/answer/refusal-model.json) from the rows of an `eval --cv K` run: the
// weights on all rows, the operating threshold from their K-fold out-of-fold scores (so the threshold is chosen
// on predictions of questions the model did not see), with the provenance written next to the weights.
import fs from 'node:fs';
import type { RefusalModel } from '../answer/refusal-model';
import { fitRows, operatingThreshold, outOfFold, TARGET_REFUSAL, type RefusalRow } from './refusal-cv';

/**
 * @param rows our system's rows over all sets of the run (label 1 = answerable)
 * @param k folds for the out-of-fold threshold
 * @param provenance what the rows came from (set names and sizes, commit, date)
 */
export function fitRefusalModel(rows: RefusalRow[], k: number, provenance: Record<string, unknown>): RefusalModel {
  const model = fitRows(rows);
  const oof = outOfFold(rows, k);
  const threshold = operatingThreshold(
    rows.map((r) => ({ p: oof.get(r.key) ?? 0, unanswerable: r.unanswerable })),
    TARGET_REFUSAL,
  );
  return {
    model,
    threshold,
    fitted: {
      method:
        'class-balanced L2 logistic regression (src/answer/logistic.ts, l2 0.05, 800 steps) over standardised ' +
        'refusal features; label 1 = answerable (src/eval/refusal-cv.ts rowLabel). Threshold: highest value refusing ≥ ' +
        `${TARGET_REFUSAL} of the unanswerable questions on ${k}-fold out-of-fold scores.`,
      rows: rows.length,
      positives: rows.filter((r) => r.y === 1).length,
      unanswerable: rows.filter((r) => r.unanswerable).length,
      ...provenance,
    },
  };
}

/** Writes the model as pretty JSON (the file is committed; reviewers read the weights). */
export function writeRefusalModel(file: string, m: RefusalModel): void {
  fs.writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
}
