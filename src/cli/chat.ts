// `zhiyin chat`: a terminal conversation with follow-ups. /new starts over, /exit quits. Works with piped
// stdin too (one question per line), so it can be scripted.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openAnswerer } from '../answer/open';
import { chatLoop } from '../answer/batch';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('终端对话，支持追问 (terminal conversation with follow-ups; /new resets, /exit quits)')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .action(async (opts: { index?: string }) => {
      const { answerer } = await openAnswerer(loadConfig(), opts.index);
      const interactive = Boolean(process.stdin.isTTY);
      if (interactive) console.log('指引 zhiyin — 输入问题；/new 新对话，/exit 退出。');
      await chatLoop(answerer, process.stdin, (l) => console.log(l), {
        interactive,
        prompt: interactive ? () => process.stdout.write('问> ') : undefined,
      });
    });
}
