// zhiyin learn export [--state DIR] [--out FILE] [--since ISO-DATE] — 👍 feedback from the chat state as an
// eval-format learn file for `zhiyin ingest --learn`.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import { writeFileAtomic } from '../learn/atomic-write';
import { feedbackToLearnLines } from '../learn/feedback-export';
import { readFeedbackState } from '../learn/state-reader';
import { exportSummary, unparseableDetails } from '../learn/summary';

/** Accepts yyyy-mm-dd (UTC midnight) or a full ISO timestamp; anything else is an error, not "no filter". */
export function parseSince(value: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim());
  const t = ok ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(t)) {
    throw new ZhiyinError('E_BAD_REQUEST', `--since ${JSON.stringify(value)} is not an ISO date (e.g. 2026-11-01)`);
  }
  return new Date(t);
}

export function registerLearn(program: Command): void {
  const learn = program.command('learn').description('Learning from confirmed questions');
  learn
    .command('export')
    .description('Write 👍 feedback as eval-format JSONL for `zhiyin ingest --learn`')
    .option('--state <dir>', 'state directory with state.db (default $ZHIYIN_STATE or ./data/state)')
    .option('--out <file>', 'learn file to write, replaced atomically (default: stdout)')
    .option('--since <date>', 'only 👍 given on or after this ISO date/time')
    .action((opts: { state?: string; out?: string; since?: string }) => {
      const since = opts.since === undefined ? undefined : parseSince(opts.since);
      const state = readFeedbackState(opts.state ?? loadConfig().stateDir);
      let result;
      try {
        result = feedbackToLearnLines(state.entries, state.turns, { since });
      } finally {
        state.close();
      }
      const jsonl = result.lines.map((l) => JSON.stringify(l) + '\n').join('');
      if (opts.out) writeFileAtomic(opts.out, jsonl);
      else process.stdout.write(jsonl);
      for (const line of unparseableDetails(result)) console.error(line);
      console.error(exportSummary(result) + (opts.out ? ` -> ${opts.out}` : ''));
    });
}
