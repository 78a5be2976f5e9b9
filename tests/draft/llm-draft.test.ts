// LLM mode over HTTP against the fake OpenAI-compatible server: the model writes the body; citations are verified
// and sentences with facts absent from the request and sources are removed.
import { afterEach, describe, expect, it } from 'vitest';
import { createDrafter } from '../../src/draft/drafter';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { startFakeOpenAI, type FakeOpenAI } from '../llm/fake-openai-server';
import { fixedClock, fixedRetriever, SAFETY } from './fakes';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const REQUEST = '以市建设局名义起草关于开展建设工程安全生产检查的通知，发给各区建设局，检查时间6月1日至30日';

async function drafterWith(content: string) {
  fake = await startFakeOpenAI([{ kind: 'complete', content }]);
  const chatModel = createOpenAIChatModel({
    baseURL: fake.baseURL,
    apiKey: 'k',
    model: 'fake-model',
    timeoutMs: 5000,
    maxRetries: 0,
  });
  return createDrafter({
    chatModel,
    retriever: fixedRetriever([{ chunk: SAFETY, score: 1, confidence: 0.8 }]),
    clock: fixedClock,
  });
}

describe('LLM drafting', () => {
  it('keeps verified sentences, converts [n] to 《X》第N条, removes invented facts and bad citations', async () => {
    const drafter = await drafterWith(
      [
        '为加强建设工程安全生产监督管理，根据[1]，决定开展安全生产检查。',
        '一、检查时间',
        '检查时间为6月1日至30日。',
        '二、检查内容',
        '重点检查施工现场安全防护措施落实情况。本次检查共抽查35个工地，由市安全生产委员会牵头。',
        '三、工作要求',
        '根据《建设工程质量管理条例》第九十条，各单位要认真自查。各单位要按时报送自查情况。',
      ].join('\n'),
    );
    const d = await drafter.draft(REQUEST);
    expect(d.mode).toBe('llm');
    // The prompt went over HTTP with the request, the template structure and the numbered article.
    const prompt = fake!.requests[0]!.body.messages![0]!.content;
    expect(prompt).toContain(REQUEST);
    expect(prompt).toContain('[1] 《建设工程安全生产管理条例》第四十三条');
    expect(prompt).toContain('== 工作要求');
    expect(d.text).toContain('根据《建设工程安全生产管理条例》第四十三条，决定开展安全生产检查。');
    expect(d.text).toContain('检查时间为6月1日至30日。');
    expect(d.text).toContain('各单位要按时报送自查情况。');
    // 35个工地 and 市安全生产委员会 appear nowhere in the request or the article; 第九十条 was never retrieved.
    expect(d.text).not.toContain('35个');
    expect(d.text).not.toContain('第九十条');
    expect(d.removed).toEqual([
      '本次检查共抽查35个工地，由市安全生产委员会牵头。',
      '根据《建设工程质量管理条例》第九十条，各单位要认真自查。',
    ]);
    expect(d.citations.map((c) => c.article)).toEqual(['第四十三条']);
    expect(d.title).toBe('市建设局关于开展建设工程安全生产检查的通知');
    expect(d.closing).toBe('特此通知。');
  });

  it('falls back to the template body when the model fails', async () => {
    fake = await startFakeOpenAI([{ kind: 'status', status: 500 }]);
    const chatModel = createOpenAIChatModel({
      baseURL: fake.baseURL,
      apiKey: 'k',
      model: 'm',
      timeoutMs: 5000,
      maxRetries: 0,
    });
    const d = await createDrafter({ chatModel, clock: fixedClock }).draft(REQUEST);
    expect(d.mode).toBe('template');
    expect(fake.requests).toHaveLength(1);
    expect(d.text).toContain('时间：6月1日至30日。');
  });
});
