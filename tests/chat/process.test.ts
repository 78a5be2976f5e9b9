import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from '../../src/core/chat';
import { ZhiyinError } from '../../src/core/errors';
import { loadConfig } from '../../src/config';
import { openChat, type OpenedChat } from '../../src/chat/open';
import type { ChatCommand } from '../../src/chat/commands';
import { contextFromAnswer } from '../../src/answer/context';
import { CountingIds, FakeAnswerer, FixedClock, fixedAnswer } from './fakes';

const SOURCES = [
  { title: '中华人民共和国招标投标法', file: 'gov-works/招标投标法(2017-12-27).md', chunks: 68 },
  { title: '建设工程质量管理条例', file: 'gov-works/建设工程质量管理条例(2019-04-23).md', chunks: 82 },
];

const opened: OpenedChat[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(answerer = new FakeAnswerer(), stateDir?: string, extra: { commands?: ChatCommand[] } = {}) {
  const dir = stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-chat-'));
  if (!stateDir) dirs.push(dir);
  const logs: string[] = [];
  const config = loadConfig({ ZHIYIN_STATE: dir }, dir);
  const chat = openChat(config, answerer, () => SOURCES, {
    clock: new FixedClock(),
    ids: new CountingIds(),
    logger: {
      debug: (e, f) => logs.push(JSON.stringify({ e, ...f })),
      info: (e, f) => logs.push(JSON.stringify({ e, ...f })),
      warn: (e, f) => logs.push(JSON.stringify({ e, ...f })),
      error: (e, f) => logs.push(JSON.stringify({ e, ...f })),
    },
    ...extra,
  });
  opened.push(chat);
  return { chat, answerer, dir, logs };
}

let seq = 0;
function msg(text: string, over: Partial<IncomingMessage> = {}): IncomingMessage {
  return { transport: 'web', conversationId: 'conv-1', userId: 'u1', messageId: `m${++seq}`, text, ...over };
}

describe('processMessage', () => {
  it('answers a question and renders the citations as 《title》第N条', async () => {
    const { chat, answerer } = setup();
    const reply = await chat.processMessage(msg('评标委员会由几人组成？'));
    expect(reply.kind).toBe('answer');
    expect(reply.answer?.citations).toHaveLength(2);
    expect(reply.text).toContain('五人以上单数');
    expect(reply.text).toContain('《中华人民共和国招标投标法》第三十七条');
    expect(reply.text).toContain('《建设工程质量管理条例》第四十条');
    expect(answerer.calls[0]?.question).toBe('评标委员会由几人组成？');
    expect(answerer.calls[0]?.options?.history).toEqual([]);
    expect(answerer.calls[0]?.options?.context).toBeUndefined();
  });

  it('passes history and the previous retrieval context on a follow-up, and forgets them after /new', async () => {
    const { chat, answerer } = setup();
    await chat.processMessage(msg('评标委员会由几人组成？'));
    await chat.processMessage(msg('专家比例呢？'));
    const second = answerer.calls[1]?.options;
    expect(second?.history?.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(second?.history?.[0]?.content).toBe('评标委员会由几人组成？');
    expect(second?.context?.previousFiles).toEqual([
      'gov-works/招标投标法(2017-12-27).md',
      'gov-works/建设工程质量管理条例(2019-04-23).md',
    ]);
    // The stored context is exactly what the answer module derives from the first turn.
    expect(second?.context).toEqual(contextFromAnswer('评标委员会由几人组成？', fixedAnswer(), undefined));
    expect(second?.context?.previousTerms?.length).toBeGreaterThan(0);

    // Another conversation does not see it.
    await chat.processMessage(msg('保修期多久？', { conversationId: 'conv-2' }));
    expect(answerer.calls[2]?.options?.history).toEqual([]);

    const reset = await chat.processMessage(msg('/new'));
    expect(reset.kind).toBe('reset');
    await chat.processMessage(msg('新问题'));
    expect(answerer.calls[3]?.options?.history).toEqual([]);
    expect(answerer.calls[3]?.options?.context).toBeUndefined();
  });

  it('keeps only the last N exchanges as history', async () => {
    const { chat, answerer } = setup();
    for (let i = 0; i < 5; i++) await chat.processMessage(msg(`问题${i}`));
    const history = answerer.calls[4]?.options?.history ?? [];
    expect(history).toHaveLength(6);
    expect(history[0]?.content).toBe('问题1');
  });

  it('handles /help, /sources, aliases and unknown commands without calling the answerer', async () => {
    const { chat, answerer } = setup();
    const help = await chat.processMessage(msg('/help'));
    expect(help.kind).toBe('help');
    expect(help.text).toContain('/sources');
    expect(help.text).toContain('/new');
    // No index in this temp dir, so no examples: /help names no document the corpus may not hold.
    expect(help.text).toContain('直接提问即可');
    expect(help.text).not.toContain('评标委员会');
    expect((await chat.processMessage(msg('／帮助'))).kind).toBe('help');
    const sources = await chat.processMessage(msg('/sources'));
    expect(sources.kind).toBe('sources');
    expect(sources.text).toContain('《中华人民共和国招标投标法》（68 条）');
    expect(sources.text).toContain('2 份文件、150 个条目');
    const unknown = await chat.processMessage(msg('/draft 通知'));
    expect(unknown.kind).toBe('help');
    expect(unknown.text).toContain('没有 /draft 这个命令');
    expect(answerer.calls).toHaveLength(0);
  });

  it('greets with the usage instead of searching for a bare greeting', async () => {
    const { chat, answerer } = setup();
    const r = await chat.processMessage(msg('你好！'));
    expect(r.kind).toBe('help');
    expect(r.text.startsWith('您好！')).toBe(true);
    expect((await chat.processMessage(msg('Hello'))).kind).toBe('help');
    expect((await chat.processMessage(msg('你好，评标委员会几个人？'))).kind).toBe('answer');
    expect(answerer.calls).toHaveLength(1);
  });

  it('lets callers extend the command table', async () => {
    const draft: ChatCommand = {
      name: 'draft',
      summary: '起草公文',
      run: (ctx) => ({ kind: 'text', text: `起草：${ctx.args}` }),
    };
    const { chat } = setup(undefined, undefined, { commands: [draft] });
    expect((await chat.processMessage(msg('/draft 关于开展安全检查的通知'))).text).toBe('起草：关于开展安全检查的通知');
  });

  it('rejects empty and too-long questions with Chinese messages', async () => {
    const { chat, answerer } = setup();
    const empty = await chat.processMessage(msg('   '));
    expect(empty).toMatchObject({ kind: 'error', errorCode: 'E_EMPTY_QUESTION' });
    expect(empty.text).toContain('请输入');
    const long = await chat.processMessage(msg('问'.repeat(2001)));
    expect(long).toMatchObject({ kind: 'error', errorCode: 'E_MESSAGE_TOO_LONG' });
    expect(long.text).toContain('2000 字');
    expect((await chat.processMessage(msg('问'.repeat(2000)))).kind).toBe('answer');
    expect(answerer.calls).toHaveLength(1);
  });

  it('maps answerer failures to user text without stack traces and logs them as JSON fields', async () => {
    const failing = new FakeAnswerer(() => {
      throw new ZhiyinError('E_LLM_TIMEOUT', 'upstream timed out after 30000ms', { retryable: true });
    });
    const { chat, logs } = setup(failing);
    const r = await chat.processMessage(msg('问题'));
    expect(r).toMatchObject({ kind: 'error', errorCode: 'E_LLM_TIMEOUT', text: '大模型响应超时，请稍后再试。' });

    const crashing = new FakeAnswerer(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const second = setup(crashing);
    const r2 = await second.chat.processMessage(msg('问题'));
    expect(r2.kind).toBe('error');
    expect(r2.errorCode).toBe('E_INTERNAL');
    expect(r2.text).not.toMatch(/TypeError|at |undefined/);
    expect(second.logs.some((l) => l.includes('"e":"chat.error"') && l.includes('TypeError'))).toBe(true);
    expect(logs.some((l) => l.includes('E_LLM_TIMEOUT'))).toBe(true);
  });

  it('tells the user about a timeout when the answer is aborted', async () => {
    const slow = new FakeAnswerer(async (_q, o) => {
      await new Promise((r) => setTimeout(r, 50));
      o?.signal?.throwIfAborted();
      return fixedAnswer();
    });
    const { chat } = setup(slow);
    const r = await chat.processMessage(msg('问题'), { signal: AbortSignal.timeout(5) });
    expect(r).toMatchObject({ kind: 'error', errorCode: 'E_INTERNAL' });
    expect(r.text).toContain('回答超时');
  });

  it('forwards onToken and the abort signal to the answerer', async () => {
    const answerer = new FakeAnswerer((_q, o) => {
      o?.onToken?.('评标');
      o?.onToken?.('委员会');
      return fixedAnswer({ mode: 'llm' });
    });
    const { chat } = setup(answerer);
    const tokens: string[] = [];
    const ac = new AbortController();
    await chat.processMessage(msg('问题'), { onToken: (t) => tokens.push(t), signal: ac.signal });
    expect(tokens).toEqual(['评标', '委员会']);
    expect(answerer.calls[0]?.options?.signal).toBe(ac.signal);
  });
});

describe('recordFeedback', () => {
  it('stores the rated question, answer and citations, found by message id', async () => {
    const { chat } = setup();
    const m = msg('评标委员会由几人组成？', { transport: 'lark', conversationId: 'lark:oc_1' });
    await chat.processMessage(m);
    const entry = chat.recordFeedback({ transport: 'lark', userId: 'ou_x', messageId: m.messageId, rating: 'down' });
    expect(entry).toMatchObject({
      id: 'id-1',
      at: '2026-03-01T08:00:00.000Z',
      conversationId: 'lark:oc_1',
      question: '评标委员会由几人组成？',
      rating: 'down',
      citations: ['《中华人民共和国招标投标法》第三十七条', '《建设工程质量管理条例》第四十条'],
    });
    expect(chat.feedback.list()).toEqual([entry]);
    expect(() => chat.recordFeedback({ transport: 'web', userId: 'u', messageId: m.messageId, rating: 'up' })).toThrow(
      ZhiyinError,
    );
  });

  it('keeps conversations and feedback across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-chat-'));
    dirs.push(dir);
    const first = setup(new FakeAnswerer(), dir);
    const m = msg('评标委员会由几人组成？');
    await first.chat.processMessage(m);
    first.chat.recordFeedback({ transport: 'web', userId: 'u1', messageId: m.messageId, rating: 'up' });
    first.chat.close();
    const second = setup(new FakeAnswerer(), dir);
    await second.chat.processMessage(msg('专家比例呢？'));
    expect(second.answerer.calls[0]?.options?.history?.[0]?.content).toBe('评标委员会由几人组成？');
    expect(second.chat.feedback.list()).toHaveLength(1);
  });
});
