// `zhiyin chat`: a terminal conversation with follow-ups, running the bot's commands (/help, /sources, /new)
// through the same processMessage; /exit quits. Works with piped stdin too (one question per line).
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openAnswerer } from '../answer/open';
import { openChat } from '../chat/open';
import { readExamples } from '../examples/store';
import { runTerminalChat } from './terminal-chat';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('终端对话，支持追问和 /help 等命令 (terminal conversation; same commands as the bot; /exit quits)')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .action(async (opts: { index?: string }) => {
      const config = loadConfig();
      const indexDir = opts.index ?? config.indexDir;
      const { answerer, engine } = await openAnswerer(config, indexDir);
      const sources = () => engine.documents().map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
      // Operator log lines would interleave with the conversation: only warnings and errors reach the terminal.
      const chat = openChat({ ...config, logLevel: 'warn' }, answerer, sources, {
        examples: () => readExamples(indexDir),
      });
      const interactive = Boolean(process.stdin.isTTY);
      try {
        await runTerminalChat(chat.processMessage, process.stdin, (l) => console.log(l), {
          interactive,
          prompt: interactive ? () => process.stdout.write('问> ') : undefined,
        });
      } finally {
        chat.close();
        engine.close();
      }
    });
}
