// Limits (issue 13): per-user rate, question length, configuration checks; Chinese text for the user and an
// English operator log line for each rejection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChat } from '../../src/chat/open';
import { loadConfig } from '../../src/config';
import { RateLimiter } from '../../src/limits/rate-limit';
import { jsonDepth, parseBoundedJson } from '../../src/limits/json-depth';
import { FakeAnswerer, FixedClock } from '../chat/fakes';

const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-limits-'));
afterAll(() => fs.rmSync(stateRoot, { recursive: true, force: true }));

function open(env: Record<string, string>) {
  const config = loadConfig({ ZHIYIN_STATE: fs.mkdtempSync(path.join(stateRoot, 's-')), ...env }, stateRoot);
  const logs: Array<{ event: string; fields: Record<string, unknown> }> = [];
  const rec = (event: string, fields: Record<string, unknown> = {}) => logs.push({ event, fields });
  const clock = new FixedClock();
  const answerer = new FakeAnswerer();
  const chat = openChat(config, answerer, () => [], {
    clock,
    greetings: false,
    logger: { debug: rec, info: rec, warn: rec, error: rec },
  });
  const ask = (text: string, userId = 'web:u1', transport: 'web' | 'cli' = 'web') =>
    chat.processMessage({ transport, conversationId: `c-${userId}`, userId, messageId: `m-${Math.random()}`, text });
  return { chat, clock, logs, ask, answerer };
}

describe('per-user rate limit', () => {
  it('answers up to the limit per minute, then 请求太频繁 for that user only, and again after a minute', async () => {
    const t = open({ ZHIYIN_MAX_QUESTIONS_PER_MINUTE: '2' });
    expect((await t.ask('问题一')).kind).toBe('answer');
    expect((await t.ask('问题二')).kind).toBe('answer');
    const limited = await t.ask('问题三');
    expect(limited).toMatchObject({ kind: 'error', errorCode: 'E_RATE_LIMITED' });
    expect(limited.text).toContain('请求太频繁');
    expect((await t.ask('别人的问题', 'web:u2')).kind).toBe('answer');
    // The terminal is the operator's own: not limited.
    expect((await t.ask('命令行问题', 'cli:me', 'cli')).kind).toBe('answer');
    expect(t.logs.filter((l) => l.event === 'chat.rate_limited')).toHaveLength(1);
    expect(t.answerer.calls).toHaveLength(4);
    t.clock.advance(61_000);
    expect((await t.ask('一分钟后')).kind).toBe('answer');
    t.chat.close();
  });

  it('forgets the oldest users beyond its bound', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    for (let i = 0; i < 10_001; i++) limiter.take(`u${i}`);
    expect(limiter.take('a')).toBe(true);
  });
});

describe('question length', () => {
  it('rejects a question over ZHIYIN_MAX_QUESTION_CHARS with the limit in the Chinese message', async () => {
    const t = open({ ZHIYIN_MAX_QUESTION_CHARS: '10' });
    const r = await t.ask('这是一个非常非常非常长的问题吗？');
    expect(r).toMatchObject({ kind: 'error', errorCode: 'E_MESSAGE_TOO_LONG' });
    expect(r.text).toContain('10 字以内');
    expect(t.answerer.calls).toHaveLength(0);
    expect((await t.ask('短问题')).kind).toBe('answer');
    t.chat.close();
  });
});

describe('limits configuration', () => {
  it('has documented defaults and refuses a de-dup window not longer than the freshness window', () => {
    const c = loadConfig({}, process.cwd());
    expect(c.limits).toEqual({ dedupeWindowMs: 168 * 3600_000, questionsPerMinute: 20, maxQuestionChars: 2000 });
    const llm = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_API_KEY: 'k', LLM_MODEL: 'm' }).llm;
    expect(llm).toMatchObject({ deadlineMs: 15_000, maxConcurrent: 4, maxQueue: 50 });
    expect(() => loadConfig({ ZHIYIN_DEDUPE_HOURS: '1', LARK_WEBHOOK_MAX_AGE_S: '7200' })).toThrow(
      /ZHIYIN_DEDUPE_HOURS must be longer/,
    );
    expect(() => loadConfig({ LLM_DEADLINE_MS: '0' })).toThrow(/LLM_DEADLINE_MS/);
  });
});

describe('JSON depth bound', () => {
  it('measures nesting without recursion and ignores brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[{"b":"[[[[\\"{{"}]}')).toBe(3);
    expect(jsonDepth('['.repeat(1_000_000), 32)).toBe(33);
    expect(parseBoundedJson('[[1]]', 1)).toEqual({ ok: false, reason: 'too_deep' });
    expect(parseBoundedJson('{"a":', 5)).toEqual({ ok: false, reason: 'invalid_json' });
    expect(parseBoundedJson('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
  });
});
