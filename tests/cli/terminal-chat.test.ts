// `zhiyin chat` runs the bot's commands through processMessage: /help is usage (with the corpus examples), not
// a question; /sources lists documents; /new resets; /exit quits; it opens with a one-line banner.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openChat, type OpenedChat } from '../../src/chat/open';
import { CHAT_BANNER, runTerminalChat } from '../../src/cli/terminal-chat';
import { FakeAnswerer, fixedAnswer } from '../chat/fakes';

const opened: { chat: OpenedChat; dir: string }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.chat.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

it('runs /help, /sources and /new like the bot, sends questions to the answerer, stops at /exit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-tchat-'));
  const answerer = new FakeAnswerer(() => fixedAnswer());
  const chat = openChat(
    loadConfig({ ZHIYIN_STATE: dir, ZHIYIN_INDEX: dir, LOG_LEVEL: 'error' }, dir),
    answerer,
    () => [{ title: '会议室管理办法', file: '会议室管理办法.md', chunks: 3 }],
    { examples: () => ['会议室怎么预约？'] },
  );
  opened.push({ chat, dir });
  const out: string[] = [];
  const input = Readable.from(['/help\n', '/sources\n', '评标委员会几个人？\n', '/new\n', '/exit\n', '不应被处理\n']);
  await runTerminalChat(chat.processMessage, input, (l) => out.push(l), { userId: 'tester' });
  expect(out[0]).toBe(CHAT_BANNER);
  expect(CHAT_BANNER).not.toContain('\n');
  expect(CHAT_BANNER).toMatch(/\/help.*\/exit/);
  const text = out.join('\n');
  expect(text).toContain('- 会议室怎么预约？');
  expect(text).toContain('《会议室管理办法》');
  expect(text).toContain('已开始新对话');
  expect(answerer.calls.map((c) => c.question)).toEqual(['评标委员会几个人？']);
  expect(text).not.toContain('不应被处理');
});
