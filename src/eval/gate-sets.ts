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
 * `withStard`: STARD dev over the 1,512-document national corpus. CI checks it in its own test
 * (tests/eval/gate-stard.test.ts, ~35 s with our system only); the CLI leaves it out unless --stard is given so
 * that `npm run eval` stays a ~10 s loop (with STARD and the baseline column: ~70 s, 1.4 GB peak RSS).
 */
export function gateSets(root: string, opts: { withStard?: boolean; stardSample?: number } = {}): GateSets {
  const sets: SetSpec[] = [
    { name: 'sample', file: path.join(root, 'evals', 'sample.jsonl'), corpusDirs: [path.join(root, 'corpus')] },
  ];
  const skipped: string[] = [];
  const shared = sharedDir(root);
  if (!fs.existsSync(shared)) {
    skipped.push('gov-works-dev, gov-works-staff.dev, bureau-dev, stard-dev: ../shared not found');
    return { sets, skipped };
  }
  sets.push({
    name: 'gov-works-dev',
    file: path.join(shared, 'eval', 'gov-works', 'dev.jsonl'),
    corpusDirs: [path.join(shared, 'corpus', 'gov-works')],
  });
  // Issue 11's staff-style sets: every question has a `kind` (situational, yes-no, out-of-scope, …).
  sets.push({
    name: 'gov-works-staff.dev',
    file: path.join(shared, 'eval', 'gov-works', 'staff.dev.jsonl'),
    corpusDirs: [path.join(shared, 'corpus', 'gov-works')],
  });
  sets.push({
    name: 'bureau-dev',
    file: path.join(shared, 'eval', 'bureau', 'dev.jsonl'),
    corpusDirs: [path.join(shared, 'corpus', 'bureau')],
  });
  if (opts.withStard || opts.stardSample) {
    sets.push({
      name: opts.stardSample ? 'stard-dev-sample' : 'stard-dev',
      file: path.join(shared, 'eval', 'stard', 'dev.jsonl'),
      corpusDirs: [path.join(shared, 'corpus', 'national')],
      ...(opts.stardSample ? { sample: opts.stardSample } : {}),
    });
  }
  return { sets, skipped };
}
