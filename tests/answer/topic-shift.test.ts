// A standalone question after a follow-up-prone conversation is answered fresh; an elliptical follow-up still
// leans on the previous turn. Real ingest, real retriever, real answerer, through processMessage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createAnswerer } from '../../src/answer/create';
import { openChat, type OpenedChat } from '../../src/chat/open';
import { runIngest } from '../../src/ingest/run';
import { openRetriever } from '../../src/retrieve/open';
import { isTopicShift, pointsBack } from '../../src/answer/topic-shift';
import { contextFromAnswer } from '../../src/answer/context';
import type { Answer, Chunk, Hit } from '../../src/core/types';

const PROJECT = `# 某局工程项目现场管理规定

2021年3月1日 发布

<!-- INFO END -->

第一条 为规范本局工程项目现场管理，制定本规定。

第五条 项目经理每月在施工现场的时间不得少于20天，离开现场应当事先报告。

第六条 技术负责人每月在施工现场的时间不得少于15天。

第八条 施工单位应当在每月20日前报送项目进度报告。
`;

const LEAVE = `# 职工休假管理办法

2022年1月1日 发布

<!-- INFO END -->

第一条 为保障职工休息休假权利，制定本办法。

第三条 职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。

第四条 职工结婚的，给予婚假3天。

第五条 技术负责人休假的，技术负责人应当提前安排技术负责人职责的代理人。
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-topic-shift-'));
let chat: OpenedChat;
beforeAll(async () => {
  const corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, '现场管理规定.md'), PROJECT);
  fs.writeFileSync(path.join(corpus, '休假管理办法.md'), LEAVE);
  const indexDir = path.join(tmp, 'index');
  await runIngest({ corpusDirs: [corpus], indexDir });
  const config = loadConfig({ ZHIYIN_STATE: path.join(tmp, 'state') }, tmp);
  const engine = await openRetriever({ ...config, corpusDirs: [corpus], indexDir }, indexDir);
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  chat = openChat(config, createAnswerer({ retriever: engine }), () => [], { logger: silent });
});
afterAll(() => {
  chat?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
async function ask(conversationId: string, text: string): Promise<Answer> {
  n++;
  const reply = await chat.processMessage({ transport: 'cli', conversationId, userId: 'u1', messageId: `m${n}`, text });
  expect(reply.kind).toBe('answer');
  return reply.answer!;
}

describe('topic shift in a conversation (real answerer)', () => {
  it('answers an unrelated standalone question from its own document, not the previous one', async () => {
    const first = await ask('c1', '项目经理每月在施工现场的时间不得少于多少天？');
    expect(first.citations[0]).toMatchObject({ file: '现场管理规定.md', article: '第五条' });
    const shifted = await ask('c1', '年休假几天');
    expect(shifted.refused).toBe(false);
    expect(shifted.citations[0]).toMatchObject({ file: '休假管理办法.md', article: '第三条' });
    // The same question in a fresh conversation gets the same answer.
    const fresh = await ask('c2', '年休假几天');
    expect(fresh.citations[0]).toMatchObject(shifted.citations[0]!);
  });

  it('an elliptical follow-up still uses the previous turn', async () => {
    await ask('c3', '项目经理每月在施工现场的时间不得少于多少天？');
    const follow = await ask('c3', '那技术负责人呢？');
    expect(follow.citations[0]).toMatchObject({ file: '现场管理规定.md', article: '第六条' });
    // Without the previous turn the same words find the other document: the context is what decided.
    const alone = await ask('c4', '那技术负责人呢？');
    expect(alone.citations[0]).toMatchObject({ file: '休假管理办法.md', article: '第五条' });
  });
});

describe('isTopicShift', () => {
  const hit = (file: string, text: string): Hit => ({
    chunk: { file, title: file, headingPath: [], text } as unknown as Chunk,
    score: 1,
  });
  const leave = [hit('b.md', '第三条 职工年休假5天。')];
  const project = [hit('a.md', '第五条 项目经理每月在施工现场的时间不得少于20天。')];

  it('drops the context for a standalone question its own hit supports', () => {
    expect(isTopicShift('年休假几天', leave, project)).toBe(true);
  });
  it('keeps it when the question alone finds no supported answer, or asks nothing of its own', () => {
    expect(isTopicShift('年休假几天', project, project)).toBe(false);
    expect(isTopicShift('年休假', leave, project)).toBe(false);
  });
  it('keeps it for a pointer back unless the contextual answer misses the question entirely', () => {
    expect(pointsBack('那技术负责人呢？')).toBe(true);
    expect(pointsBack('年休假几天')).toBe(false);
    const both = [hit('a.md', '第六条 技术负责人每月在施工现场的时间不得少于15天。')];
    expect(isTopicShift('那技术负责人呢？', [hit('b.md', '第五条 技术负责人请事假。')], both)).toBe(false);
    expect(isTopicShift('那年休假呢？', leave, project)).toBe(true);
  });
});

describe('contextFromAnswer after a topic shift', () => {
  const answer = (file: string): Answer =>
    ({
      answer: '',
      refused: false,
      mode: 'extractive',
      hits: [],
      citations: [{ title: 't', article: '第三条', file, quote: 'q', chunkId: 'c' }],
    }) as Answer;
  const asked = { previousFiles: ['a.md'], previousTerms: ['项目经理', '施工现场'] };

  it('does not chain the old topic once the answer cites none of its files', () => {
    const next = contextFromAnswer('年休假几天', answer('b.md'), asked);
    expect(next.previousFiles).toEqual(['b.md']);
    expect(next.previousTerms).not.toContain('项目经理');
  });
  it('chains it while the conversation stays in the same files', () => {
    expect(contextFromAnswer('那技术负责人呢？', answer('a.md'), asked).previousTerms).toContain('项目经理');
  });
});
