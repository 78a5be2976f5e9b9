// Test harness: a fake open platform, a state dir, openChat with a fake answerer and the real bot on top.
import fs from 'node:fs';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { openChat, type ChatPlugin, type OpenedChat } from '../../src/chat/open';
import type { OperatorLogger } from '../../src/chat/log';
import { defaultCommands, type ChatCommand } from '../../src/chat/commands';
import type { Chunk } from '../../src/core/types';
import { startLarkBot, type LarkBot } from '../../src/lark/bot';
import type { StreamOptions } from '../../src/lark/stream';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { FakeOpenPlatform } from './fake-open-platform';

export const SHARED = path.resolve(process.cwd(), '../shared');
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'lark'));
if (!HAS_SHARED) console.log('skipped: ../shared not found');

export function payload(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SHARED, 'lark', name), 'utf8')) as Record<string, unknown>;
}
export function payloadRaw(name: string): string {
  return fs.readFileSync(path.join(SHARED, 'lark', name), 'utf8');
}

export interface HarnessOptions {
  env?: Record<string, string>;
  answerer?: FakeAnswerer;
  stateDir?: string;
  lookupChunk?: (id: string) => Chunk | undefined;
  stream?: StreamOptions;
  fake?: FakeOpenPlatform;
  botOpenId?: string;
  commands?: ChatCommand[];
  greetings?: boolean;
  maxQuestionsPerMinute?: number;
  /** Chat add-ons (e.g. the onboarding plugin) given the harness's state database. */
  plugins?: ChatPlugin[];
  /** Passed to the bot: the onboarding item a user must answer now. */
  openQuizItem?: (userId: string) => string | undefined;
  /** The bot's clock (webhook timestamp freshness); default real time. */
  botClock?: FixedClock;
}

export interface Harness {
  fake: FakeOpenPlatform;
  bot: LarkBot;
  chat: OpenedChat;
  config: Config;
  answerer: FakeAnswerer;
  stateDir: string;
  logs: Array<{ level: string; event: string; fields: Record<string, unknown> }>;
  post(body: string | object, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  close(keepState?: boolean): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = opts.fake ?? (await new FakeOpenPlatform().start());
  if (opts.botOpenId) fake.botOpenId = opts.botOpenId;
  const stateDir = opts.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-lark-'));
  const config = loadConfig(
    {
      ZHIYIN_STATE: stateDir,
      LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
      LARK_APP_SECRET: 'secret-do-not-log',
      LARK_DOMAIN: fake.url,
      LARK_MODE: 'webhook',
      PORT: '0',
      ...opts.env,
    },
    stateDir,
  );
  const logs: Harness['logs'] = [];
  const rec =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      logs.push({ level, event, fields });
  const logger: OperatorLogger = { debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
  const answerer = opts.answerer ?? new FakeAnswerer();
  const commands = opts.commands ? [...defaultCommands(), ...opts.commands] : undefined;
  // The captured payloads say "你好"/"hello": treat them as questions so the answer path is exercised.
  const chat = openChat(config, answerer, () => [], {
    logger,
    clock: new FixedClock(),
    commands,
    greetings: opts.greetings ?? false,
    plugins: opts.plugins,
  });
  const bot = await startLarkBot(config, chat, {
    logger,
    retry: { baseMs: 1, maxDelayMs: 20 },
    lookupChunk: opts.lookupChunk,
    stream: opts.stream ?? { cardkitIntervalMs: 5, patchIntervalMs: 5 },
    shutdownGraceMs: 5000,
    maxQuestionsPerMinute: opts.maxQuestionsPerMinute,
    openQuizItem: opts.openQuizItem,
    clock: opts.botClock,
  });
  let closed = false;
  return {
    fake,
    bot,
    chat,
    config,
    answerer,
    stateDir,
    logs,
    async post(body, headers = {}) {
      const res = await fetch(`http://127.0.0.1:${bot.port}/lark/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close(keepState = false) {
      if (closed) return;
      closed = true;
      await bot.stop();
      chat.close();
      if (!opts.fake) await fake.close();
      if (!keepState && !opts.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The card JSON of a reply request (interactive content is a JSON string). */
export function cardOf(body: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(String(body?.content)) as Record<string, unknown>;
}

/** The captured p2p text event and its message id (used by several suites). */
export const P2P = 'im.message.receive_v1.p2p-text.captured.json';
export const P2P_ID = 'om_x100b50b3242598a0c39cb0feb59d799';

/**
 * Call at the top level of a test file: returns a starter whose harnesses are closed after each test;
 * `forget(h)` hands one back to the test (e.g. to close it keeping its state for a restart).
 */
export function harnessPerTest(): ((...args: Parameters<typeof startHarness>) => Promise<Harness>) & {
  forget(h: Harness): void;
} {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  const start = async (...args: Parameters<typeof startHarness>) => {
    const h = await startHarness(...args);
    open.push(h);
    return h;
  };
  return Object.assign(start, { forget: (h: Harness) => void open.splice(open.indexOf(h), 1) });
}
