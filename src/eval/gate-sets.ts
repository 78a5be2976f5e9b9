// The sets the CI gate and `zhiyin eval --update-baseline` run: the project's sample set over corpus/, and the
// shared dev sets when ../shared is present (CI has it; a bare clone skips them and says so).
import fs from 'node:fs';
import path from 'node:path';
import type { SetSpec } from './evaluate';

export const BASELINE_FILE = path.join('evals', 'baseline.json');

export interface GateSets {
  sets: SetSpec[];
  /** Human-readable reasons for sets left out. */
  skipped: string[];
}

export function sharedDir(root: string): string {
  return path.resolve(root, '../shared');
}

/**
 * `withStard`: STARD dev over the 1,512-document national corpus. Off by default in the gate: it costs a full
 * national ingest + index build plus 1,071 questions × 2 systems (measured in docs/eval.md), too slow for every
 * CI run on 2 cores; run it with `zhiyin eval --gate --stard`.
 */
export function gateSets(root: string, opts: { withStard?: boolean } = {}): GateSets {
  const sets: SetSpec[] = [
    { name: 'sample', file: path.join(root, 'evals', 'sample.jsonl'), corpusDirs: [path.join(root, 'corpus')] },
  ];
  const skipped: string[] = [];
  const shared = sharedDir(root);
  if (!fs.existsSync(shared)) {
    skipped.push('gov-works-dev, stard-dev: ../shared not found');
    return { sets, skipped };
  }
  sets.push({
    name: 'gov-works-dev',
    file: path.join(shared, 'eval', 'gov-works', 'dev.jsonl'),
    corpusDirs: [path.join(shared, 'corpus', 'gov-works')],
  });
  if (opts.withStard) {
    sets.push({
      name: 'stard-dev',
      file: path.join(shared, 'eval', 'stard', 'dev.jsonl'),
      corpusDirs: [path.join(shared, 'corpus', 'national')],
    });
  }
  return { sets, skipped };
}
