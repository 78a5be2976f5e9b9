// LLM mode end to end: the real openai SDK talks to a fake OpenAI-compatible server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { loadPrompts } from '../../src/answer/prompts';
import { PHRASES } from '../../src/answer/render';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { startFakeOpenAI, type Behaviour, type FakeOpenAI } from '../llm/fake-openai-server';
import { FakeRetriever } from './fixtures/fake-retriever';
import { sampleChunks } from './fixtures/sample-law';

const Q = '屋面防水工程的最低保修期是几年？';
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(script: Behaviour[], timeoutMs = 2000) {
  fake = await startFakeOpenAI(script);
  const chatModel = createOpenAIChatModel({
    baseURL: fake.baseURL,
    apiKey: 'k',
    model: 'fake',
    timeoutMs,
    maxRetries: 2,
  });
  const retriever = new FakeRetriever(sampleChunks());
  return { retriever, answerer: createAnswerer({ retriever, chatModel, prompts: loadPrompts() }) };
}

describe('LLM answers', () => {
  it('sends numbered passages and renders [n] as 《标题》第N条 with verified citations', async () => {
    const { retriever, answerer } = await setup([
      {
        kind: 'complete',
        content: '屋面防水工程的最低保修期为5年，依据为「屋面防水工程和外墙面的防渗漏，为5年」[1]。',
      },
    ]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('llm');
    expect(a.refused).toBe(false);
    expect(a.answer).toBe(
      '屋面防水工程的最低保修期为5年，依据为「屋面防水工程和外墙面的防渗漏，为5年」（《示例工程质量办法》第十条）。',
    );
    expect(a.note).toBeUndefined();
    expect(a.citations).toHaveLength(1);
    const c = a.citations[0]!;
    expect(c.quote).toBe('屋面防水工程和外墙面的防渗漏，为5年');
    expect(retriever.chunkById(c.chunkId)!.text).toContain(c.quote);
    const req = fake!.requests[0]!;
    expect(req.body.messages![0]!.role).toBe('system');
    const user = req.body.messages![1]!.content;
    expect(user).toContain('[1] 《示例工程质量办法》第十条');
    expect(user).toContain(Q);
    // Both parts of the split article are in the passage.
    expect(user).toContain('(四)电气管线');
  });

  it('streams tokens through onToken, with markers shown as labels even when split across deltas', async () => {
    const { answerer } = await setup([{ kind: 'stream', deltas: ['最低保修期', '为5年[', '1]', '。'] }]);
    const tokens: string[] = [];
    const a = await answerer.answer(Q, { onToken: (d) => tokens.push(d) });
    expect(tokens).toEqual(['最低保修期', '为5年', '（《示例工程质量办法》第十条）', '。']);
    expect(a.answer).toBe('最低保修期为5年（《示例工程质量办法》第十条）。');
    expect(fake!.requests[0]!.body.stream).toBe(true);
  });

  it('retries a 429 and then answers', async () => {
    const { answerer } = await setup([
      { kind: 'status', status: 429, retryAfter: '0' },
      { kind: 'complete', content: '为5年[1]。' },
    ]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('llm');
    expect(fake!.requests).toHaveLength(2);
  });

  it('falls back to the extractive answer with a visible note on persistent 500s', async () => {
    const s: Behaviour = { kind: 'status', status: 500, retryAfter: '0' };
    const { answerer } = await setup([s, s, s]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('extractive');
    expect(a.note).toBe(PHRASES.llmFallback);
    expect(a.answer).toContain('为5年');
    expect(fake!.requests).toHaveLength(3);
  });

  it('falls back when the server hangs past the timeout', async () => {
    const { answerer } = await setup([{ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }], 200);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('extractive');
    expect(a.note).toBe(PHRASES.llmFallback);
  });

  it('strips a citation of a passage that does not exist, keeps the valid one', async () => {
    const { answerer } = await setup([{ kind: 'complete', content: '最低保修期为5年[1][9]。' }]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('llm');
    expect(a.answer).toBe('最低保修期为5年（《示例工程质量办法》第十条）。');
    expect(a.note).toBe(PHRASES.llmStripped(1));
  });

  it('falls back to extractive when only non-existent passages are cited', async () => {
    const { answerer } = await setup([{ kind: 'complete', content: '最低保修期为8年[9]。' }]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('extractive');
    expect(a.note).toBe(PHRASES.llmUnverified);
    expect(a.answer).not.toContain('8年');
  });

  it('removes a sentence whose quote is not in its source', async () => {
    const { answerer } = await setup([
      {
        kind: 'complete',
        content: '最低保修期为5年[1]。原文规定「屋面防水工程保修期为十年」[1]。',
      },
    ]);
    const a = await answerer.answer(Q);
    expect(a.mode).toBe('llm');
    expect(a.answer).toBe('最低保修期为5年（《示例工程质量办法》第十条）。');
    expect(a.answer).not.toContain('十年');
    expect(a.note).toBe(PHRASES.llmStripped(1));
  });

  it('condenses a follow-up with the history before retrieval', async () => {
    const { retriever, answerer } = await setup([
      { kind: 'complete', content: '电气管线的最低保修期是几年？' },
      { kind: 'complete', content: '电气管线为2年[1]。' },
    ]);
    const a = await answerer.answer('那电气管线呢？', {
      history: [
        { role: 'user', content: Q },
        { role: 'assistant', content: '为5年（《示例工程质量办法》第十条）。' },
      ],
    });
    const condense = fake!.requests[0]!.body.messages![0]!.content;
    expect(condense).toContain('用户：' + Q);
    expect(condense).toContain('最新问题：那电气管线呢？');
    expect(retriever.calls[0]!.query).toBe('电气管线的最低保修期是几年？');
    expect(a.answer).toBe('电气管线为2年（《示例工程质量办法》第十条）。');
  });

  it('honours the model finding no answer in the passages with a refusal listing nearby documents', async () => {
    const { answerer } = await setup([{ kind: 'complete', content: '知识库中没有找到能回答这个问题的规定。' }]);
    const a = await answerer.answer(Q);
    expect(a.refused).toBe(true);
    expect(a.citations).toEqual([]);
    expect(a.nearby?.[0]).toMatchObject({ title: '示例工程质量办法' });
  });

  it('keeps the follow-up as asked when condensing fails', async () => {
    const { retriever, answerer } = await setup([
      { kind: 'status', status: 500, retryAfter: '0' },
      { kind: 'status', status: 500, retryAfter: '0' },
      { kind: 'status', status: 500, retryAfter: '0' },
      { kind: 'complete', content: '电气管线为2年[1]。' },
    ]);
    const a = await answerer.answer('那电气管线的保修期呢？', { history: [{ role: 'user', content: Q }] });
    expect(retriever.calls[0]!.query).toBe('那电气管线的保修期呢？');
    expect(a.mode).toBe('llm');
  });

  it('refuses without calling the model when retrieval finds nothing relevant', async () => {
    const { answerer } = await setup([{ kind: 'complete', content: '食堂周末开放[1]。' }]);
    const a = await answerer.answer('食堂周末开放吗？');
    expect(a.refused).toBe(true);
    expect(fake!.requests).toHaveLength(0);
  });
});
