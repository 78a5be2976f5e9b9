// The work behind `zhiyin ask` and `zhiyin chat`, separated from commander and process I/O so it can be tested
// with any Answerer, input stream and output sink.
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { Answerer, RetrievalContext } from '../core/interfaces';
import type { ChatTurn } from '../core/types';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import { contextFromAnswer } from './context';
import { answerJson, answerText } from './output';

export type Write = (line: string) => void;

/** Reads {"id","question"} JSON lines; a line without an id gets its line number. */
export async function* readBatch(file: string): AsyncGenerator<{ id: string; question: string }> {
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
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : String(n);
    yield { id, question: r.question };
  }
}

/** Answers one question; user errors (empty question) become an output line, not a crash. Returns ok. */
export async function askOne(answerer: Answerer, question: string, json: boolean, write: Write, id?: string) {
  try {
    const a = await answerer.answer(question);
    write(json ? JSON.stringify(answerJson(a, id)) : (id === undefined ? '' : `[${id}] `) + answerText(a));
    return true;
  } catch (e) {
    if (!isZhiyinError(e) || !e.userMessage) throw e;
    const out = { ...(id === undefined ? {} : { id }), error: e.code, message: e.userMessage };
    write(json ? JSON.stringify(out) : (id === undefined ? '' : `[${id}] `) + out.message);
    return false;
  }
}

export async function askBatch(answerer: Answerer, file: string, json: boolean, write: Write): Promise<void> {
  for await (const q of readBatch(file)) {
    await askOne(answerer, q.question, json, write, q.id);
    if (!json) write('');
  }
}

/** Turns of history kept for follow-ups (user + assistant messages). */
export const HISTORY_TURNS = 6;

/** A conversation over lines of input: /new resets, /exit quits, anything else is a question. */
export async function chatLoop(
  answerer: Answerer,
  input: Readable,
  write: Write,
  opts: { interactive?: boolean; prompt?: () => void } = {},
): Promise<void> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let history: ChatTurn[] = [];
  let context: RetrievalContext | undefined;
  opts.prompt?.();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/new') {
      history = [];
      context = undefined;
      write('已开始新对话。');
    } else if (line) {
      if (!opts.interactive) write(`问> ${line}`);
      try {
        const a = await answerer.answer(line, { history, context });
        write(answerText(a) + '\n');
        context = contextFromAnswer(line, a, context);
        const turns: ChatTurn[] = [
          { role: 'user', content: line },
          { role: 'assistant', content: a.answer },
        ];
        history = [...history, ...turns].slice(-HISTORY_TURNS);
      } catch (e) {
        if (!isZhiyinError(e)) throw e;
        write((e.userMessage ?? e.message) + '\n');
      }
    }
    opts.prompt?.();
  }
  rl.close();
}
