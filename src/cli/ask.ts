// `zhiyin ask "<question>" [--json] [--index DIR]` and `zhiyin ask --batch FILE.jsonl --json`.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import { openAnswerer } from '../answer/open';
import { askBatch, askOne } from '../answer/batch';
import type { Answerer } from '../core/interfaces';
import { AS_HELP, collectIds, GROUP_HELP, viewerFromFlags, type ViewerFlags } from '../access/cli-viewer';
import { UserDirectory } from '../access/users';

interface AskOptions extends ViewerFlags {
  json?: boolean;
  index?: string;
  batch?: string;
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('回答一个问题并注明出处 (answer a question with citations)')
    .argument('[question]', 'the question, in Chinese')
    .option('--json', 'print {"answer","citations","refused"} as JSON')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .option('--batch <file>', 'answer every {"id","question"} line of a JSONL file')
    .option('--as <id>', AS_HELP, collectIds)
    .option('--group <chatId>', GROUP_HELP)
    .action(async (question: string | undefined, opts: AskOptions) => {
      if (!opts.batch && question === undefined) {
        throw new ZhiyinError('E_BAD_REQUEST', 'ask needs a question or --batch FILE.jsonl');
      }
      const config = loadConfig();
      const viewer = viewerFromFlags(opts, UserDirectory.load(config.usersFile));
      const opened = await openAnswerer(config, opts.index);
      // Every question of this run is asked as --as (absent: the anonymous outsider).
      const answerer: Answerer = { answer: (q, o) => opened.answerer.answer(q, { ...o, viewer }) };
      const write = (line: string) => console.log(line);
      if (opts.batch) await askBatch(answerer, opts.batch, Boolean(opts.json), write);
      else if (!(await askOne(answerer, question ?? '', Boolean(opts.json), write))) process.exitCode = 1;
    });
}
