// The dispatcher the WSClient uses (invoke with needCheck:false, as the SDK's WS receiver does), card actions,
// streaming into CardKit, retries, token refresh, size limits and graceful shutdown.
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types';
import { cardBytes } from '../../src/lark/cards';
import { FakeAnswerer, fixedAnswer } from '../chat/fakes';
import { waitFor } from './fake-open-platform';
import {
  CARD_ACTION,
  CARD_OPERATOR,
  cardOf,
  GROUP_BOT,
  GROUP_BOT_ID,
  payload,
  harnessPerTest,
  P2P,
  P2P_ID,
  type Harness,
} from './harness';

const harness = harnessPerTest();
const invoke = (h: Harness, data: unknown) => h.bot.dispatcher.invoke(data, { needCheck: false }) as Promise<unknown>;

function cardAction(value: unknown): Record<string, unknown> {
  const p = payload(CARD_ACTION);
  (p.event as { action: Record<string, unknown> }).action.value = value;
  return p;
}

const CHUNK: Chunk = {
  id: 'chunk-ztb-37',
  file: 'gov-works/招标投标法(2017-12-27).md',
  corpusDir: '/corpus',
  title: '中华人民共和国招标投标法',
  article: '第三十七条',
  headingPath: ['中华人民共和国招标投标法', '第四章 开标、评标和中标', '第三十七条'],
  text: '第三十七条 评标由招标人依法组建的评标委员会负责。\n依法必须进行招标的项目，其评标委员会由招标人的代表和有关技术、经济等方面的专家组成，成员人数为五人以上单数。',
  page: null,
  versionDate: '2017-12-27',
  part: 0,
  seq: 40,
  textHash: 'x',
};

describe('Lark dispatcher (long-connection path)', () => {
  it('acknowledges at once and answers in the background', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const answerer = new FakeAnswerer(async () => {
      await gate;
      return fixedAnswer();
    });
    const h = await harness({ answerer });
    const started = Date.now();
    const ack = await invoke(h, payload(P2P));
    expect(ack).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.fake.replies()).toHaveLength(0);
    release();
    await waitFor(() => h.fake.replies().length === 1);
    expect(h.fake.replies()[0]?.path).toBe(`/open-apis/im/v1/messages/${P2P_ID}/reply`);
  });

  it('records 👍 from a card action, answers with a toast and an updated card', async () => {
    const h = await harness();
    await invoke(h, payload(P2P));
    await waitFor(() => h.fake.replies().length === 1);
    const res = (await invoke(h, cardAction({ a: 'fb', r: 'up', m: P2P_ID }))) as Record<string, unknown>;
    expect(res.toast).toMatchObject({ type: 'success' });
    const card = JSON.stringify((res.card as { data: unknown }).data);
    expect((res.card as { type: string }).type).toBe('raw');
    expect(card).toContain('已收到您的反馈：👍 有用');
    expect(card).toContain('《中华人民共和国招标投标法》第三十七条');
    expect(card).not.toContain('"a":"fb"');
    expect(h.chat.feedback.list()).toEqual([
      expect.objectContaining({
        transport: 'lark',
        userId: CARD_OPERATOR,
        messageId: P2P_ID,
        rating: 'up',
        question: '你好',
      }),
    ]);
    // The platform re-delivers the same callback: recorded once.
    await invoke(h, cardAction({ a: 'fb', r: 'up', m: P2P_ID }));
    expect(h.chat.feedback.list()).toHaveLength(1);
  });

  it('sends the full article for 查看原文 in the conversation', async () => {
    const h = await harness({ lookupChunk: (id) => (id === CHUNK.id ? CHUNK : undefined) });
    await invoke(h, payload(P2P));
    await waitFor(() => h.fake.replies().length === 1);
    const res = (await invoke(h, cardAction({ a: 'article', c: 'chunk-ztb-37', m: P2P_ID }))) as Record<
      string,
      unknown
    >;
    expect(res.toast).toMatchObject({ type: 'info' });
    await waitFor(() => h.fake.replies().length === 2);
    const sent = h.fake.replies()[1]!;
    expect(sent.path).toBe(`/open-apis/im/v1/messages/${P2P_ID}/reply`);
    const text = JSON.parse(String(sent.body?.content)).text as string;
    expect(text).toContain('《中华人民共和国招标投标法》第三十七条');
    expect(text).toContain('第四章 开标、评标和中标');
    expect(text).toContain('成员人数为五人以上单数');
  });

  it('answers the published card callback (unknown button value) with a harmless toast', async () => {
    const h = await harness();
    const res = (await invoke(h, payload(CARD_ACTION))) as Record<string, unknown>;
    expect(res.toast).toMatchObject({ type: 'info' });
    expect(h.chat.feedback.list()).toHaveLength(0);
  });

  it('streams LLM tokens into a CardKit card and finishes it with the citations', async () => {
    const answerer = new FakeAnswerer(async (_q, o) => {
      for (const t of ['评标委员会', '成员人数为', '五人以上单数。']) {
        o?.onToken?.(t);
        await new Promise((r) => setTimeout(r, 30));
      }
      return fixedAnswer({ mode: 'llm' });
    });
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    await waitFor(() => h.fake.find(/^PUT \/open-apis\/cardkit\/v1\/cards\/[^/]+$/).length === 1);

    const create = h.fake.find(/^POST \/open-apis\/cardkit\/v1\/cards$/);
    expect(create).toHaveLength(1);
    const created = JSON.parse(String(create[0]?.body?.data)) as { config: { streaming_mode: boolean } };
    expect(created.config.streaming_mode).toBe(true);
    // The card is created with the first token already in it.
    expect(String(create[0]?.body?.data)).toContain('评标委员会');
    const cardId = 'card_' + /card_(\d+)/.exec(JSON.stringify(h.fake.replies()[0]?.body))?.[1];
    expect(cardOf(h.fake.replies()[0]?.body)).toEqual({ type: 'card', data: { card_id: cardId } });
    expect(h.fake.replies()).toHaveLength(1);

    const contents = h.fake.find(/^PUT \/open-apis\/cardkit\/v1\/cards\/[^/]+\/elements\/answer\/content$/);
    expect(contents.length).toBeGreaterThanOrEqual(1);
    const texts = contents.map((c) => String(c.body?.content));
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true);
    expect(texts.at(-1)).toBe('评标委员会成员人数为五人以上单数。');

    const settings = h.fake.find(/^PATCH \/open-apis\/cardkit\/v1\/cards\/[^/]+\/settings$/);
    expect(JSON.parse(String(settings[0]?.body?.settings))).toEqual({ config: { streaming_mode: false } });
    const update = h.fake.find(/^PUT \/open-apis\/cardkit\/v1\/cards\/[^/]+$/)[0]!;
    expect(update.path).toBe(`/open-apis/cardkit/v1/cards/${cardId}`);
    expect(String((update.body?.card as { data: string }).data)).toContain('《中华人民共和国招标投标法》第三十七条');
    const seqs = [...contents, settings[0]!, update].map((r) => Number(r.body?.sequence));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('acknowledges feedback on a streamed card through CardKit with a higher sequence', async () => {
    const answerer = new FakeAnswerer(async (_q, o) => {
      o?.onToken?.('评标委员会');
      await new Promise((r) => setTimeout(r, 20));
      return fixedAnswer({ mode: 'llm' });
    });
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    const updates = () => h.fake.find(/^PUT \/open-apis\/cardkit\/v1\/cards\/[^/]+$/);
    await waitFor(() => updates().length === 1);
    await waitFor(() => h.bot.inflight() === 0);
    const res = (await invoke(h, cardAction({ a: 'fb', r: 'down', m: P2P_ID }))) as Record<string, unknown>;
    expect(res.toast).toMatchObject({ type: 'success' });
    expect(res.card).toBeUndefined();
    await waitFor(() => updates().length === 2);
    const [final, rated] = updates();
    expect(rated?.path).toBe(final?.path);
    expect(Number(rated?.body?.sequence)).toBeGreaterThan(Number(final?.body?.sequence));
    expect(String((rated?.body?.card as { data: string }).data)).toContain('已收到您的反馈：👎 没用');
    expect(h.chat.feedback.list()[0]?.rating).toBe('down');
  });

  it('falls back to patching a normal card when CardKit is unavailable', async () => {
    const answerer = new FakeAnswerer(async (_q, o) => {
      o?.onToken?.('评标委员会');
      await new Promise((r) => setTimeout(r, 40));
      o?.onToken?.('由五人以上单数组成。');
      await new Promise((r) => setTimeout(r, 40));
      return fixedAnswer({ mode: 'llm' });
    });
    const h = await harness({ answerer });
    h.fake.failNext(/^POST \/open-apis\/cardkit\/v1\/cards$/, 400, { code: 200750, msg: 'no permission' });
    await invoke(h, payload(P2P));
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(1);
    const patches = h.fake.find(/^PATCH \/open-apis\/im\/v1\/messages\/om_reply_\d+$/);
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(String(patches.at(-1)?.body?.content)).toContain('《中华人民共和国招标投标法》第三十七条');
  });

  it('retries a rate-limited send with the same uuid', async () => {
    const h = await harness();
    h.fake.failNext(/\/reply$/, 429, { code: 99991400, msg: 'request trigger frequency limit' }, 1, {
      'x-ogw-ratelimit-reset': '0',
    });
    h.fake.failNext(/\/reply$/, 200, { code: 230020, msg: 'frequency limit' }, 1);
    h.fake.failNext(/\/reply$/, 503, { code: 1, msg: 'busy' }, 1);
    await invoke(h, payload(P2P));
    await h.bot.stop();
    const attempts = h.fake.replies();
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((a) => a.body?.uuid)).size).toBe(1);
    expect(h.logs.filter((l) => l.event === 'lark.retry')).toHaveLength(3);
  });

  it('refreshes an invalid tenant token and retries', async () => {
    const h = await harness();
    h.fake.failNext(/\/reply$/, 400, { code: 99991663, msg: 'Invalid access token for authorization' }, 1);
    await invoke(h, payload(P2P));
    await h.bot.stop();
    expect(h.fake.find(/tenant_access_token/)).toHaveLength(2);
    const replies = h.fake.replies();
    expect(replies).toHaveLength(2);
    expect(replies[0]?.headers.authorization).not.toBe(replies[1]?.headers.authorization);
  });

  it('keeps a very long answer under the card size limit and sends the rest as a file on request', async () => {
    const long = '依法必须进行招标的项目，其评标委员会由招标人的代表和有关技术、经济等方面的专家组成。'.repeat(600);
    const answerer = new FakeAnswerer(() =>
      fixedAnswer({
        answer: long,
        citations: Array.from({ length: 12 }, (_, i) => ({
          ...fixedAnswer().citations[0]!,
          article: `第${i + 1}条`,
          quote: '条文'.repeat(800),
        })),
      }),
    );
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    await waitFor(() => h.fake.replies().length === 1);
    const card = cardOf(h.fake.replies()[0]?.body);
    expect(cardBytes(card)).toBeLessThanOrEqual(28_000);
    expect(JSON.stringify(card)).toContain('查看完整回答');
    expect(JSON.stringify(card)).toContain('另有');

    await invoke(h, cardAction({ a: 'full', m: P2P_ID }));
    await waitFor(() => h.fake.find(/^POST \/open-apis\/im\/v1\/files$/).length === 1 && h.fake.replies().length === 3);
    const upload = h.fake.find(/^POST \/open-apis\/im\/v1\/files$/)[0]!;
    expect(upload.headers['content-type']).toMatch(/multipart\/form-data/);
    expect(upload.raw).toContain('回答全文.txt');
    const fileMsg = h.fake.replies()[2]!;
    expect(fileMsg.body?.msg_type).toBe('file');
    expect(JSON.parse(String(fileMsg.body?.content))).toEqual({ file_key: expect.stringMatching(/^file_/) });
  });

  it('finishes replies in flight on stop()', async () => {
    const answerer = new FakeAnswerer(async () => {
      await new Promise((r) => setTimeout(r, 200));
      return fixedAnswer();
    });
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    expect(h.bot.inflight()).toBe(1);
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(1);
    expect(h.bot.inflight()).toBe(0);
  });

  it('answers a user over the per-minute limit with a short notice instead of searching', async () => {
    const h = await harness({ maxQuestionsPerMinute: 2 });
    for (let i = 0; i < 3; i++) {
      const p = payload(P2P);
      (p.header as Record<string, unknown>).event_id = `evt-rl-${i}`;
      (p.event as { message: Record<string, unknown> }).message.message_id = `om_rl_${i}`;
      await invoke(h, p);
    }
    await h.bot.stop();
    expect(h.answerer.calls).toHaveLength(2);
    const last = h.fake.replies().find((r) => r.path.includes('om_rl_2'))!;
    expect(JSON.parse(String(last.body?.content)).text).toBe('请求太频繁，请稍后再试。');
  });

  it('tells the user when the answerer fails, without internals', async () => {
    const answerer = new FakeAnswerer(() => {
      throw new Error('ECONNREFUSED 10.0.0.5:8000 at Socket.connect');
    });
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    await waitFor(() => h.fake.replies().length === 1);
    const text = JSON.parse(String(h.fake.replies()[0]?.body?.content)).text as string;
    expect(text).toContain('内部错误');
    expect(text).not.toContain('ECONNREFUSED');
  });
});

describe('Lark shutdown', () => {
  it('fails events that arrive while stopping so the platform re-delivers them', async () => {
    const answerer = new FakeAnswerer(async () => {
      await new Promise((r) => setTimeout(r, 150));
      return fixedAnswer();
    });
    const h = await harness({ answerer });
    await invoke(h, payload(P2P));
    const stopping = h.bot.stop();
    const late = payload(GROUP_BOT);
    await expect(invoke(h, late)).rejects.toThrow(/shutting down/);
    await stopping;
    expect(h.fake.replies()).toHaveLength(1);
    // Not marked as seen: after a restart the re-delivery is answered.
    expect(h.chat.dedupe.firstSeen([`lark:msg:${GROUP_BOT_ID}`])).toBe(true);
  });
});

describe('Lark reply files', () => {
  it('uploads files a command attaches (e.g. a drafted .docx) and sends them after the text', async () => {
    const h = await harness({
      commands: [
        {
          name: 'draft',
          summary: '起草公文',
          run: () => ({
            kind: 'text',
            text: '已起草《关于开展安全检查的通知》。',
            files: [{ name: '关于开展安全检查的通知.docx', content: Buffer.from('PK fake docx') }],
          }),
        },
      ],
    });
    const p = payload(P2P);
    (p.event as { message: Record<string, unknown> }).message.content = JSON.stringify({ text: '/draft 安全检查通知' });
    await invoke(h, p);
    await waitFor(() => h.fake.replies().length === 2);
    const [text, file] = h.fake.replies();
    expect(JSON.parse(String(text?.body?.content)).text).toBe('已起草《关于开展安全检查的通知》。');
    expect(file?.body?.msg_type).toBe('file');
    const upload = h.fake.find(/^POST \/open-apis\/im\/v1\/files$/)[0]!;
    expect(upload.raw).toContain('关于开展安全检查的通知.docx');
    expect(upload.raw).toMatch(/name="file_type"\r\n\r\ndoc\r\n/);
    expect(upload.raw).toContain('PK fake docx');
  });
});
