// The LLM guard: one deadline per answer across retries and calls, and a concurrency cap with a queue.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { loadPrompts } from '../../src/answer/prompts';
import { PHRASES } from '../../src/answer/render';
import type { ChatCompletionOptions, ChatModel } from '../../src/core/interfaces';
import { guardChatModel } from '../../src/llm/guard';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { FakeRetriever } from '../answer/fixtures/fake-retriever';
import { sampleChunks } from '../answer/fixtures/sample-law';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai-server';

/** A hand-written ChatModel that records calls; each call waits until released or aborted. */
class GatedModel implements ChatModel {
  readonly id = 'gated';
  active = 0;
  maxActive = 0;
  calls = 0;
  private readonly waiting: Array<() => void> = [];
  complete(_m: unknown, o?: ChatCompletionOptions): Promise<string> {
    this.calls++;
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        this.active--;
        resolve('ok');
      };
      this.waiting.push(done);
      o?.signal?.addEventListener('abort', () => {
        this.active--;
        reject(o.signal?.reason as Error);
      });
    });
  }
  async *stream(): AsyncIterable<string> {
    yield 'x';
  }
  releaseOne(): void {
    this.waiting.shift()?.();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 20));

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('guardChatModel', () => {
  it('caps concurrent calls, queues the next ones and refuses beyond the queue', async () => {
    const inner = new GatedModel();
    const model = guardChatModel(inner, { deadlineMs: 60_000, maxConcurrent: 2, maxQueue: 1 });
    const calls = [1, 2, 3].map(() => model.complete([]));
    await expect(model.complete([])).rejects.toMatchObject({ code: 'E_LLM_UNAVAILABLE', retryable: true });
    await tick();
    expect(inner.calls).toBe(2);
    inner.releaseOne();
    await tick();
    expect(inner.calls).toBe(3);
    inner.releaseOne();
    inner.releaseOne();
    await expect(Promise.all(calls)).resolves.toEqual(['ok', 'ok', 'ok']);
    expect(inner.maxActive).toBe(2);
  });

  it('shares one deadline between all calls made with the same caller signal', async () => {
    let now = 0;
    const inner = new GatedModel();
    const model = guardChatModel(inner, { deadlineMs: 60_000, maxConcurrent: 4, maxQueue: 4, now: () => now });
    const signal = new AbortController().signal;
    const first = model.complete([], { signal });
    await tick();
    inner.releaseOne();
    await first;
    now = 59_990; // most of the budget went to the first call (a condense step)
    await expect(model.complete([], { signal })).rejects.toMatchObject({ code: 'E_LLM_TIMEOUT' });
  });

  it("passes the caller's own abort through unchanged", async () => {
    const model = guardChatModel(new GatedModel(), { deadlineMs: 60_000, maxConcurrent: 1, maxQueue: 1 });
    const caller = new AbortController();
    const call = model.complete([], { signal: caller.signal });
    caller.abort(new Error('user left'));
    await expect(call).rejects.toThrow('user left');
  });

  it('bounds an answer against a hanging endpoint by the deadline, not 3 × the per-attempt timeout', async () => {
    fake = await startFakeOpenAI([{ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }]);
    const chatModel = createOpenAIChatModel({
      baseURL: fake.baseURL,
      apiKey: 'k',
      model: 'fake',
      timeoutMs: 30_000,
      maxRetries: 2,
      deadlineMs: 2000,
      maxConcurrent: 2,
      maxQueue: 2,
    });
    const answerer = createAnswerer({
      retriever: new FakeRetriever(sampleChunks()),
      chatModel,
      prompts: loadPrompts(),
    });
    const started = Date.now();
    const a = await answerer.answer('屋面防水工程的最低保修期是几年？', { signal: new AbortController().signal });
    // Generous bound for a loaded CI machine; without the deadline this takes over 90 s.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(a.mode).toBe('extractive');
    expect(a.note).toBe(PHRASES.llmFallback);
    expect(a.answer).toContain('为5年');
    // The deadline ended the first attempt: no retries were started after it.
    expect(fake.requests.length).toBeLessThanOrEqual(1);
  });
});
