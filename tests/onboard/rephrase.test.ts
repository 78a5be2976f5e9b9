// LLM rephrasing over HTTP against the fake OpenAI server: a faithful rewrite is kept, a rewrite that changes a
// number, drops the blank or gives the answer away is rejected and the original item stays; an HTTP error too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuizItem } from '../../src/core/onboard';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { createOnboardCorpus, loadCorpusChunks, type OnboardCorpus } from '../../src/onboard/corpus';
import { generateQuiz } from '../../src/onboard/quiz';
import { rephraseQuiz } from '../../src/onboard/rephrase';
import { startFakeOpenAI, type FakeOpenAI } from '../llm/fake-openai-server';
import { tempCorpus } from './fixture';

let fx: ReturnType<typeof tempCorpus>;
let corpus: OnboardCorpus;
let server: FakeOpenAI | undefined;

beforeAll(async () => {
  fx = tempCorpus();
  corpus = createOnboardCorpus((await loadCorpusChunks([fx.dir])).chunks);
});
afterAll(async () => {
  await server?.close();
  fx?.cleanup();
});

describe('rephraseQuiz', () => {
  it('keeps a faithful rewrite and rejects one that alters the facts', async () => {
    const all = generateQuiz(corpus, corpus.chunks, 100);
    const item = all.find((i) => i.kind === 'cloze' && i.question.includes('报到后____到人事科办理工作证')) as QuizItem;
    expect(item).toBeDefined();
    const faithful = '新同事请注意：报到后____到人事科办理工作证，这个期限是多久？';
    const altered = '新同事请注意：报到后____到人事科办理工作证，7日内能办完吗？';
    const noBlank = '新员工报到后多久去人事科办理工作证？';
    const giveAway = '报到后____（3个工作日内）到人事科办理工作证。';
    server = await startFakeOpenAI([
      { kind: 'complete', content: faithful },
      { kind: 'complete', content: altered },
      { kind: 'complete', content: noBlank },
      { kind: 'complete', content: giveAway },
      { kind: 'status', status: 500 },
    ]);
    const model = createOpenAIChatModel({
      baseURL: server.baseURL,
      apiKey: 'k',
      model: 'fake',
      timeoutMs: 5000,
      maxRetries: 0,
    });
    const { items, outcomes } = await rephraseQuiz(model, corpus, [item, item, item, item, item]);
    expect(outcomes).toEqual(['', 'fact_changed', 'blank_missing', 'fact_changed', 'llm_error']);
    expect(items[0]?.question).toBe(faithful);
    for (const kept of items.slice(1)) expect(kept.question).toBe(item.question);
    // The model saw the question only (no answer in the prompt).
    const prompt = JSON.stringify(server.requests[0]?.body.messages);
    expect(prompt).toContain('办理工作证');
    expect(prompt).not.toContain('3个工作日内');
  });
});
