import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { ZhiyinError } from '../../src/core/errors';
import { startFakeOpenAI, type Behaviour, type FakeOpenAI } from './fake-openai-server';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function model(script: Behaviour[], timeoutMs = 2000, maxRetries = 2) {
  fake = await startFakeOpenAI(script);
  return createOpenAIChatModel({
    baseURL: fake.baseURL,
    apiKey: 'test-key',
    model: 'fake-model',
    timeoutMs,
    maxRetries,
  });
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of it) out.push(d);
  return out;
}

describe('OpenAI-compatible ChatModel (real openai SDK, fake server)', () => {
  it('completes and sends model, messages and the API key', async () => {
    const m = await model([{ kind: 'complete', content: '五人以上单数[1]' }]);
    const text = await m.complete([{ role: 'user', content: '评标委员会几个人？' }], { temperature: 0 });
    expect(text).toBe('五人以上单数[1]');
    expect(fake!.requests).toHaveLength(1);
    const r = fake!.requests[0]!;
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.headers.authorization).toBe('Bearer test-key');
    expect(r.body.model).toBe('fake-model');
    expect(r.body.messages).toEqual([{ role: 'user', content: '评标委员会几个人？' }]);
    expect(r.body.temperature).toBe(0);
  });

  it('streams SSE deltas in order', async () => {
    const m = await model([{ kind: 'stream', deltas: ['屋面', '防水', '为5年[1]'] }]);
    expect(await collect(m.stream([{ role: 'user', content: 'q' }]))).toEqual(['屋面', '防水', '为5年[1]']);
    expect(fake!.requests[0]!.body.stream).toBe(true);
  });

  it('retries a 429 and then succeeds', async () => {
    const m = await model([
      { kind: 'status', status: 429, retryAfter: '0' },
      { kind: 'complete', content: 'ok' },
    ]);
    expect(await m.complete([{ role: 'user', content: 'q' }])).toBe('ok');
    expect(fake!.requests).toHaveLength(2);
  });

  it('gives up on repeated 500s with a retryable E_LLM_UNAVAILABLE after maxRetries', async () => {
    const m = await model(
      [500, 500, 500, 500].map((status) => ({ kind: 'status', status, retryAfter: '0' }) as const),
      2000,
      1,
    );
    const err = await m.complete([{ role: 'user', content: 'q' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZhiyinError);
    expect((err as ZhiyinError).code).toBe('E_LLM_UNAVAILABLE');
    expect((err as ZhiyinError).retryable).toBe(true);
    expect(fake!.requests).toHaveLength(2);
  });

  it('times out a hanging server with E_LLM_TIMEOUT', async () => {
    const m = await model([{ kind: 'hang' }], 300, 0);
    const err = await m.complete([{ role: 'user', content: 'q' }]).catch((e: unknown) => e);
    expect((err as ZhiyinError).code).toBe('E_LLM_TIMEOUT');
  });

  it('rejects a response without choices as E_LLM_BAD_RESPONSE', async () => {
    const m = await model([{ kind: 'raw', body: JSON.stringify({ id: 'x', choices: [] }) }]);
    const err = await m.complete([{ role: 'user', content: 'q' }]).catch((e: unknown) => e);
    expect((err as ZhiyinError).code).toBe('E_LLM_BAD_RESPONSE');
  });

  it('reports connection refused as E_LLM_UNAVAILABLE', async () => {
    fake = await startFakeOpenAI([]);
    const baseURL = fake.baseURL;
    await fake.close();
    fake = undefined;
    const m = createOpenAIChatModel({ baseURL, apiKey: 'k', model: 'm', timeoutMs: 1000, maxRetries: 0 });
    const err = await m.complete([{ role: 'user', content: 'q' }]).catch((e: unknown) => e);
    expect((err as ZhiyinError).code).toBe('E_LLM_UNAVAILABLE');
  });
});
