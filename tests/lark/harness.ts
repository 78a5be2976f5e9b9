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
/** The real published/captured payloads in ../shared/lark: extra coverage when present (see shared-payloads.test.ts). */
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'lark'));
if (!HAS_SHARED) console.log('skipped: ../shared not found (shared Lark payloads; own fixtures still run)');
/** Payloads the project owns: written for the tests from the documented event shapes (tests/fixtures/lark). */
export const OWN_LARK = path.resolve(process.cwd(), 'tests', 'fixtures', 'lark');

/** An own fixture payload from tests/fixtures/lark (always present). */
export function payload(name: string): Record<string, unknown> {
  return JSON.parse(payloadRaw(name)) as Record<string, unknown>;
}
export function payloadRaw(name: string): string {
  return fs.readFileSync(path.join(OWN_LARK, name), 'utf8');
}
/** A payload from ../shared/lark (callers skip when !HAS_SHARED). */
export function sharedPayload(name: string): Record<string, unknown> {
  return JSON.parse(sharedPayloadRaw(name)) as Record<string, unknown>;
}
export function sharedPayloadRaw(name: string): string {
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

/** The own p2p text event ("你好") and its message id (used by several suites). */
export const P2P = 'p2p-text.json';
export const P2P_ID = 'om_fixture_p2p_0001';
/** Group text "@_user_1 井盖缺失多久补装" mentioning the bot (open_id BOT_OPEN_ID). */
export const GROUP_BOT = 'group-text-mention-bot.json';
export const GROUP_BOT_ID = 'om_fixture_group_0001';
export const BOT_OPEN_ID = 'ou_fixture_bot';
/** Group text in a thread "@_user_1 路灯坏了找谁" mentioning a colleague (王工), not the bot. */
export const GROUP_PERSON = 'group-text-mention-person.json';
export const GROUP_PERSON_ID = 'om_fixture_group_0002';
export const COLLEAGUE_OPEN_ID = 'ou_fixture_colleague';
/** Group post: an at node for the bot, a text line and an image. */
export const GROUP_POST = 'group-post-mention-bot.json';
export const GROUP_POST_ID = 'om_fixture_post_0001';
/** A card.action.trigger callback with an unknown button value, operator CARD_OPERATOR. */
export const CARD_ACTION = 'card-action-trigger.json';
export const CARD_OPERATOR = 'ou_fixture_user_05';
/** url_verification challenge (token fixture-verification-token) and the documented response. */
export const URL_VERIFY = 'url-verification.json';
export const URL_VERIFY_RESPONSE = 'url-verification.response.json';
export const VERIFICATION_TOKEN = 'fixture-verification-token';

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
