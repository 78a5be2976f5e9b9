// `zhiyin chat`: a terminal conversation with follow-ups. /new starts over, /exit quits. Works with piped
// stdin too (one question per line), so it can be scripted.
import readline from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { RetrievalContext } from '../core/interfaces';
import type { ChatTurn } from '../core/types';
import { isZhiyinError } from '../core/errors';
import { openAnswerer } from '../answer/open';
import { contextFromAnswer } from '../answer/context';
import { answerText } from '../answer/output';

/** Turns of history kept for follow-ups (user + assistant messages). */
const HISTORY_TURNS = 6;

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('终端对话，支持追问 (terminal conversation with follow-ups; /new resets, /exit quits)')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .action(async (opts: { index?: string }) => {
      const { answerer } = await openAnswerer(loadConfig(), opts.index);
      const interactive = Boolean(process.stdin.isTTY);
      const rl = readline.createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined });
      let history: ChatTurn[] = [];
      let context: RetrievalContext | undefined;
      const prompt = () => {
        if (interactive) rl.prompt();
      };
      rl.setPrompt('问> ');
      if (interactive) console.log('指引 zhiyin — 输入问题；/new 新对话，/exit 退出。');
      prompt();
      for await (const raw of rl) {
        const line = raw.trim();
        if (line === '/exit' || line === '/quit') break;
        if (line === '/new') {
          history = [];
          context = undefined;
          console.log('已开始新对话。');
          prompt();
          continue;
        }
        if (!line) {
          prompt();
          continue;
        }
        if (!interactive) console.log(`问> ${line}`);
        try {
          const a = await answerer.answer(line, { history, context });
          console.log(answerText(a) + '\n');
          context = contextFromAnswer(line, a, context);
          history = [
            ...history,
            { role: 'user' as const, content: line },
            { role: 'assistant' as const, content: a.answer },
          ].slice(-HISTORY_TURNS);
        } catch (e) {
          if (!isZhiyinError(e)) throw e;
          console.log((e.userMessage ?? e.message) + '\n');
        }
        prompt();
      }
      rl.close();
    });
}
