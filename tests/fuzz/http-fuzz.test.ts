// Fuzz-style test of every HTTP entry (issue 13): the Lark webhook (events and card callbacks, with and without
// a signature key) and the web chat, feedback, chunk and upload APIs get malformed bodies, wrong types, missing
// fields, huge strings and deep nesting. Never a 5xx or a crash; every 4xx leaves an operator log line; the
// servers still answer a normal request afterwards.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openChat } from '../../src/chat/open';
import { loadConfig } from '../../src/config';
import { startWebServer, type WebServer } from '../../src/web/server';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { harnessPerTest } from '../lark/harness';
import { waitFor } from '../lark/fake-open-platform';
import { messageEvent, SIGNED_ENV, signedRequest, VERIFICATION_TOKEN } from '../lark/signed-events';
import { createFakeDeps, type FakeDeps } from '../web/fakes';
import { request } from '../web/http-client';
import { prng, randomValue, RAW_BODIES } from './inputs';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const RANDOM_CASES = Number(process.env.FUZZ_CASES ?? 40);
const EVENT_FIELDS = [
  'schema',
  'header',
  'event',
  'message',
  'sender',
  'sender_id',
  'open_id',
  'content',
  'message_type',
  'message_id',
  'chat_id',
  'chat_type',
  'mentions',
  'key',
  'id',
  'token',
  'type',
  'challenge',
  'action',
  'value',
  'a',
  'r',
  'm',
  'c',
  'operator',
  'context',
  'event_type',
  'encrypt',
  'text',
  'tag',
];

/** Events with a valid envelope (so they reach the handlers) and hostile insides. */
function hostileEvents(rand: () => number): Record<string, unknown>[] {
  const base = () => messageEvent({ messageId: `om_fz_${Math.floor(rand() * 1e9)}` });
  const out: Record<string, unknown>[] = [];
  const contents = [
    'null',
    '[]',
    '{"text":{"a":1}}',
    '{"text":123}',
    '{"title":5,"content":"x"}',
    '{"content":[[null],[1,"a",{}]]}',
    '{"zh_cn":{"content":[[{"tag":"at","user_id":{}}]]}}',
    '{"content":[[{"tag":"a","href":7}]]}',
    '{',
    '',
    JSON.stringify({ text: '@_user_1 '.repeat(3000) }),
  ];
  for (const content of contents) {
    for (const message_type of ['text', 'post', 'image']) {
      const e = base() as { event: { message: Record<string, unknown> } };
      e.event.message.content = content;
      e.event.message.message_type = message_type;
      out.push(e);
    }
  }
  for (const patch of [
    { message: null },
    { message: { message_id: 5 } },
    { sender: 'x' },
    {
      message: {
        mentions: [{ key: 1 }],
        message_id: 'om_m',
        chat_id: 'c',
        chat_type: 'group',
        content: '{}',
        message_type: 'text',
      },
    },
  ]) {
    const e = base() as { event: Record<string, unknown> };
    Object.assign(e.event, patch);
    out.push(e);
  }
  // Card callbacks (card.action.trigger) with junk values.
  for (let i = 0; i < 10; i++) {
    out.push({
      schema: '2.0',
      header: {
        event_id: `evt_card_${i}`,
        token: VERIFICATION_TOKEN,
        event_type: 'card.action.trigger',
        app_id: 'cli_a1b2c3d4e5f60718',
      },
      event: randomValue(rand, EVENT_FIELDS, 4),
    });
  }
  for (let i = 0; i < RANDOM_CASES; i++) {
    const e = randomValue(rand, EVENT_FIELDS, 5);
    out.push(e && typeof e === 'object' && !Array.isArray(e) ? { ...(e as object), token: VERIFICATION_TOKEN } : { e });
  }
  return out;
}

const harness = harnessPerTest();

/**
 * POST on a fresh connection (agent: false): a pooled keep-alive socket can be reused at the moment the server's
 * keepAliveTimeout closes it, a client-side ECONNRESET race that says nothing about the server.
 */
function postOnce(port: number, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; error?: string }>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/lark/events',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        timeout: 60_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: String(e) }));
    req.end(body);
  });
}

describe('Lark webhook fuzz', () => {
  for (const signed of [false, true]) {
    it(
      `never fails with 5xx and logs every rejection (${signed ? 'signed + encrypted' : 'token only'})`,
      { timeout: 400_000 },
      async () => {
        const h = await harness({
          env: signed ? SIGNED_ENV : { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
          maxQuestionsPerMinute: 100_000,
        });
        const rand = prng(signed ? 13 : 31);
        const statuses: number[] = [];
        const send = async (body: string, headers: Record<string, string> = {}) => {
          const before = h.logs.length;
          const t0 = Date.now();
          const res = await postOnce(h.bot.port!, body, headers);
          if (process.env.FUZZ_DEBUG) console.log(res.status, Date.now() - t0, body.slice(0, 60), res.error ?? '');
          statuses.push(res.status);
          expect(res.status, body.slice(0, 80)).toBeGreaterThan(0);
          expect(res.status, body.slice(0, 80)).toBeLessThan(500);
          if (res.status >= 400 && res.status !== 413) {
            expect(
              h.logs.slice(before).some((l) => /webhook_(rejected|forged)/.test(l.event)),
              body.slice(0, 80),
            ).toBe(true);
          }
        };
        for (const raw of RAW_BODIES) await send(raw, signed ? signedRequestRaw(raw) : {});
        for (const event of hostileEvents(rand)) {
          if (process.env.FUZZ_DEBUG) console.log('EVENT', JSON.stringify(event).slice(0, 400));
          if (signed) {
            const r = signedRequest(event);
            await send(r.body, r.headers);
          } else await send(JSON.stringify(event));
        }
        // Still serving.
        const ok = messageEvent({ messageId: 'om_fuzz_after', text: '屋面防水保修几年' });
        if (signed) {
          const r = signedRequest(ok);
          await send(r.body, r.headers);
        } else await send(JSON.stringify(ok));
        await waitFor(() => h.fake.replies().some((r) => r.path.includes('om_fuzz_after')), 20_000);
        await h.bot.stop();
        expect(
          h.logs.filter((l) => l.event === 'lark.webhook_crash' || l.event === 'lark.webhook_handler_failed'),
        ).toEqual([]);
        expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(10);
      },
    );
  }
});

/** A raw (unencrypted) body signed with the test key: the signature is valid, the body is junk. */
function signedRequestRaw(raw: string): Record<string, string> {
  return signedHeadersFor(raw);
}
import { signHeaders as signedHeadersFor } from '../lark/signed-events';

describe('web API fuzz', () => {
  let server: WebServer;
  let deps: FakeDeps;
  let stateDir: string;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-fuzz-web-'));
    const config = loadConfig({ ZHIYIN_STATE: stateDir, ZHIYIN_MAX_QUESTIONS_PER_MINUTE: '100000' }, stateDir);
    // The real chat core (limits, commands, errors) behind the HTTP layer, with a fake answerer.
    const chat = openChat(config, new FakeAnswerer(), () => [], { clock: new FixedClock() });
    deps = createFakeDeps();
    deps.processMessage = chat.processMessage;
    server = await startWebServer(deps, { host: '127.0.0.1', port: 0, maxUploadBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await server.stop();
    warn.mockRestore();
    error.mockRestore();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const FIELDS = ['conversationId', 'userId', 'text', 'messageId', 'rating', 'comment'];

  it('answers every malformed request with a coded 4xx (logged) or a normal reply, never 5xx', async () => {
    const rand = prng(7);
    const bodies = [
      ...RAW_BODIES,
      ...Array.from({ length: RANDOM_CASES }, () => JSON.stringify(randomValue(rand, FIELDS, 4))),
    ];
    for (let i = 0; i < 40; i++) {
      bodies.push(JSON.stringify({ conversationId: 'fz', userId: 'u', text: randomValue(rand, FIELDS, 2) }));
      bodies.push(JSON.stringify({ conversationId: 'fz', messageId: 'm', rating: randomValue(rand, FIELDS, 1) }));
    }
    const targets = ['/api/chat?stream=0', '/api/chat', '/api/feedback'];
    let rejected = 0;
    for (const body of bodies) {
      for (const target of targets) {
        const logged = warn.mock.calls.length + error.mock.calls.length;
        const res = await request(server.url, 'POST', target, {
          headers: { 'Content-Type': 'application/json' },
          body,
        }).catch((e: unknown) => ({ status: 0, body: String(e) }));
        expect(res.status, `${target} ${body.slice(0, 60)}`).toBeGreaterThan(0);
        expect(res.status, `${target} ${body.slice(0, 60)}`).toBeLessThan(500);
        if (res.status >= 400) {
          rejected++;
          expect(warn.mock.calls.length + error.mock.calls.length).toBeGreaterThan(logged);
          // A coded error with a Chinese message for the page.
          if (res.body.startsWith('{')) expect(res.body).toMatch(/"code":"E_[A-Z_]+".*"message":"[^"]*[\u4e00-\u9fff]/);
        }
      }
    }
    expect(rejected).toBeGreaterThan(50);
    expect(error.mock.calls).toEqual([]);
  });

  it('rejects junk uploads and chunk ids without 5xx', async () => {
    const rand = prng(11);
    const names = [
      '',
      '.',
      '..',
      '../../etc/passwd',
      'a'.repeat(1000) + '.md',
      'x.exe',
      '%00.md',
      '文件.pdf',
      'x.docx',
      'CON.txt',
    ];
    for (const name of names) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 2000) }, () => Math.floor(rand() * 256)));
      const res = await request(server.url, 'POST', `/api/upload?name=${encodeURIComponent(name)}`, { body: bytes });
      expect(res.status, name).toBeLessThan(500);
    }
    const big = await request(server.url, 'POST', '/api/upload?name=big.md', {
      body: Buffer.alloc(200 * 1024, 0x41),
    }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
    for (const id of ['%', '%E0%A4%A', 'x'.repeat(5000), '..%2F..%2Fetc', '\u0000']) {
      const res = await request(server.url, 'GET', `/api/chunk/${encodeURIComponent(id)}`);
      expect(res.status, id).toBeLessThan(500);
    }
    const ok = await request(server.url, 'POST', '/api/chat?stream=0', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ conversationId: 'after', text: '屋面防水保修几年' }),
    });
    expect(ok.status).toBe(200);
    expect(error.mock.calls).toEqual([]);
  });
});
