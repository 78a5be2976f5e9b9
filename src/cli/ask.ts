// `zhiyin ask "<question>" [--json] [--index DIR]` and `zhiyin ask --batch FILE.jsonl --json`.
import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import { openAnswerer } from '../answer/open';
import { answerJson, answerText } from '../answer/output';

interface AskOptions {
  json?: boolean;
  index?: string;
  batch?: string;
}

async function* batchQuestions(file: string): AsyncGenerator<{ id: string; question: string }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (cause) {
      throw new ZhiyinError('E_BAD_REQUEST', `${file}:${n}: not JSON`, { cause });
    }
    const r = row as { id?: unknown; question?: unknown };
    if (typeof r.question !== 'string') throw new ZhiyinError('E_BAD_REQUEST', `${file}:${n}: no "question" string`);
    yield { id: typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : String(n), question: r.question };
  }
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('回答一个问题并注明出处 (answer a question with citations)')
    .argument('[question]', 'the question, in Chinese')
    .option('--json', 'print {"answer","citations","refused"} as JSON')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .option('--batch <file>', 'answer every {"id","question"} line of a JSONL file')
    .action(async (question: string | undefined, opts: AskOptions) => {
      if (!opts.batch && question === undefined) {
        throw new ZhiyinError('E_BAD_REQUEST', 'ask needs a question or --batch FILE.jsonl');
      }
      const config = loadConfig();
      const { answerer } = await openAnswerer(config, opts.index);
      if (opts.batch) {
        for await (const q of batchQuestions(opts.batch)) {
          try {
            const a = await answerer.answer(q.question);
            console.log(opts.json ? JSON.stringify(answerJson(a, q.id)) : `[${q.id}] ${answerText(a)}\n`);
          } catch (e) {
            // One bad line (e.g. an empty question) must not stop the batch.
            if (!isZhiyinError(e)) throw e;
            const out = { id: q.id, error: e.code, message: e.userMessage ?? e.message };
            console.log(opts.json ? JSON.stringify(out) : `[${q.id}] ${out.message}\n`);
          }
        }
        return;
      }
      try {
        const a = await answerer.answer(question ?? '');
        console.log(opts.json ? JSON.stringify(answerJson(a)) : answerText(a));
      } catch (e) {
        if (isZhiyinError(e) && e.userMessage) {
          if (opts.json) console.log(JSON.stringify({ error: e.code, message: e.userMessage }));
          else console.error(e.userMessage);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
