// The terminal conversation: every line goes through the same processMessage as the Lark bot and the web chat,
// so /help, /sources, /new (and any command added to the table) behave identically; only /exit is local.
import crypto from 'node:crypto';
import os from 'node:os';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { ProcessMessage } from '../core/chat';

/** The one-line banner `zhiyin chat` opens with. */
export const CHAT_BANNER = '指引 zhiyin — 根据知识库回答并注明出处；输入问题，/help 查看用法和示例，/exit 退出。';
const EXIT = /^[/／]\s*(?:exit|quit|退出)\s*$/i;

/**
 * Read questions line by line from `input` and write each reply's text. Non-interactive input (a pipe) echoes
 * each question as "问> …" so a transcript reads in order. Resolves when input ends or on /exit.
 */
export async function runTerminalChat(
  processMessage: ProcessMessage,
  input: Readable,
  write: (line: string) => void,
  opts: { interactive?: boolean; prompt?: () => void; userId?: string } = {},
): Promise<void> {
  const conversationId = `cli-${crypto.randomUUID()}`;
  const userId = opts.userId ?? `cli:${os.userInfo().username}`;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  write(CHAT_BANNER);
  opts.prompt?.();
  for await (const raw of rl) {
    const text = raw.trim();
    if (EXIT.test(text)) break;
    if (text) {
      if (!opts.interactive) write(`问> ${text}`);
      const reply = await processMessage({
        transport: 'cli',
        conversationId,
        userId,
        messageId: `cli-${crypto.randomUUID()}`,
        text,
      });
      write(`${reply.text}\n`);
    }
    opts.prompt?.();
  }
  rl.close();
}
