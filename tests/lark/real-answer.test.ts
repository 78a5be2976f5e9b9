// Real data through the whole bot: ingest ../shared/corpus/gov-works into a temp index, answer a staff question
// offline with the production answerer, deliver it as a Lark event and check the card and 查看原文.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createAnswerer } from '../../src/answer/create';
import { openChat, type OpenedChat } from '../../src/chat/open';
import { runIngest } from '../../src/ingest/run';
import { articleLookup } from '../../src/lark/article';
import { startLarkBot, type LarkBot } from '../../src/lark/bot';
import { openRetriever } from '../../src/retrieve/open';
import { FakeOpenPlatform, waitFor } from './fake-open-platform';
import { CARD_ACTION, cardOf, P2P, payload } from './harness';

const SHARED = path.resolve(process.cwd(), '../shared');
const present = fs.existsSync(path.join(SHARED, 'corpus', 'gov-works')) && fs.existsSync(path.join(SHARED, 'lark'));
if (!present) console.log('skipped: ../shared not found');

describe.skipIf(!present)('Lark bot over the real gov-works corpus', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-lark-real-'));
  let fake: FakeOpenPlatform;
  let chat: OpenedChat;
  let bot: LarkBot;

  beforeAll(async () => {
    const corpus = path.join(SHARED, 'corpus', 'gov-works');
    const indexDir = path.join(tmp, 'index');
    await runIngest({ corpusDirs: [corpus], indexDir });
    fake = await new FakeOpenPlatform().start();
    const config = loadConfig(
      {
        ZHIYIN_STATE: path.join(tmp, 'state'),
        LARK_APP_ID: 'cli_0123456789abcdef',
        LARK_APP_SECRET: 's',
        LARK_DOMAIN: fake.url,
        LARK_MODE: 'webhook',
        PORT: '0',
      },
      tmp,
    );
    const engine = await openRetriever({ ...config, corpusDirs: [corpus], indexDir }, indexDir);
    const sources = () => engine.documents().map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    chat = openChat(config, createAnswerer({ retriever: engine }), sources, { logger: silent });
    bot = await startLarkBot(config, chat, { ...articleLookup(engine), logger: silent });
  });
  afterAll(async () => {
    await bot?.stop();
    chat?.close();
    await fake?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ask = async (text: string, id: string) => {
    const p = payload(P2P);
    const e = p.event as { message: Record<string, unknown> };
    (p.header as Record<string, unknown>).event_id = `evt-${id}`;
    e.message.message_id = id;
    e.message.content = JSON.stringify({ text });
    const before = fake.replies().length;
    await bot.dispatcher.invoke(p, { needCheck: false });
    await waitFor(() => fake.replies().length > before, 30_000);
    return fake.replies().at(-1)!;
  };

  it('answers with the right article cited in the card and sends it in full on 查看原文', async () => {
    const reply = await ask('评标委员会由几人组成？', 'om_real_1');
    const card = cardOf(reply.body);
    const json = JSON.stringify(card);
    if (process.env.SHOW_CARD) console.log(JSON.stringify(card, null, 1));
    expect(json).toContain('五人以上单数');
    expect(json).toMatch(/《(中华人民共和国)?招标投标法》第三十七条/);

    const value = /"value":(\{"a":"article","c":"[^"]+","m":"om_real_1"\})/.exec(json)?.[1];
    expect(value).toBeDefined();
    const trigger = payload(CARD_ACTION);
    (trigger.event as { action: Record<string, unknown> }).action.value = JSON.parse(value!);
    await bot.dispatcher.invoke(trigger, { needCheck: false });
    await waitFor(() => fake.replies().length === 2, 10_000);
    const article = JSON.parse(String(fake.replies()[1]?.body?.content)).text as string;
    expect(article).toMatch(/^《(中华人民共和国)?招标投标法》第三十七条/);
    expect(article).toContain('评标由招标人依法组建的评标委员会负责');
  });

  it('lists the real documents for /sources', async () => {
    const reply = await ask('/sources', 'om_real_2');
    const text = JSON.parse(String(reply.body?.content)).text as string;
    expect(text).toMatch(/知识库共收录 30 份文件/);
    expect(text).toContain('建设工程质量管理条例');
  });
});
