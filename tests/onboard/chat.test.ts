// Onboarding through openChat (one processMessage): the commands are listed in /help, an answer-shaped reply
// is taken by the open quiz while a real question still reaches the answerer, unknown roles get a Chinese message,
// the push opt-in is Lark-only, and a missed item comes back REVIEW_GAP_STEPS lessons later.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChat, type OpenedChat } from '../../src/chat/open';
import type { IncomingMessage } from '../../src/core/chat';
import { loadConfig } from '../../src/config';
import { createOnboardPlugin, type OnboardPlugin } from '../../src/onboard/chat-commands';
import { createOnboardCorpus, loadCorpusChunks, type OnboardCorpus } from '../../src/onboard/corpus';
import { parseDeclaration } from '../../src/onboard/path';
import { REVIEW_GAP_STEPS } from '../../src/onboard/service';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { DECLARED_PATH, replyFor, tempCorpus } from './fixture';

let fx: ReturnType<typeof tempCorpus>;
let corpus: OnboardCorpus;
let chat: OpenedChat;
let plugin: OnboardPlugin;
const answerer = new FakeAnswerer();
let n = 0;

const msg = (text: string, transport: IncomingMessage['transport'] = 'web', userId = 'web:wang'): IncomingMessage => ({
  transport,
  conversationId: 'conv-1',
  userId,
  messageId: `m-${++n}`,
  text,
});

beforeAll(async () => {
  fx = tempCorpus();
  corpus = createOnboardCorpus((await loadCorpusChunks([fx.dir])).chunks);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-onboard-chat-'));
  plugin = createOnboardPlugin({
    corpus: () => corpus,
    declaration: () => parseDeclaration(DECLARED_PATH, 'onboarding.yaml'),
  });
  const config = loadConfig({ ZHIYIN_STATE: stateDir, LOG_LEVEL: 'error' }, stateDir);
  chat = openChat(config, answerer, () => [], { plugins: [plugin.plugin], clock: new FixedClock() });
});
afterAll(() => {
  chat?.close();
  fx?.cleanup();
});

describe('onboarding in processMessage', () => {
  it('lists the commands in /help', async () => {
    const help = await chat.processMessage(msg('/help'));
    expect(help.text).toContain('/入职、/onboard');
    expect(help.text).toContain('/下一课');
    expect(help.text).toContain('/进度');
  });

  it('takes an answer-shaped reply for the quiz and a real question for the answerer', async () => {
    await chat.processMessage(msg('/onboard'));
    const calls = answerer.calls.length;
    await chat.processMessage(msg('评标委员会由几人组成？'));
    expect(answerer.calls.length).toBe(calls + 1);
    const item = plugin.onboarding()!.store.openQuiz('web:wang')!.items[0]!;
    const r = await chat.processMessage(msg(replyFor(item)));
    expect(r.text).toContain('回答正确');
    expect(answerer.calls.length).toBe(calls + 1);
  });

  it('explains unknown roles and keeps the push for Lark users', async () => {
    expect((await chat.processMessage(msg('/入职 财务'))).text).toContain('没有「财务」这个岗位');
    expect((await chat.processMessage(msg('/入职 每日推送'))).text).toContain('只支持飞书');
    const lark = await chat.processMessage(msg('/入职 每日推送', 'lark', 'ou_lark_user'));
    expect(lark.text).toContain('已开启每日推送');
    expect(plugin.onboarding()!.store.user('ou_lark_user')).toMatchObject({
      pushOptIn: true,
      pushTarget: 'ou_lark_user',
    });
  });

  it('brings a missed item back in the review round of a later lesson', async () => {
    const o = plugin.onboarding()!;
    const user = 'web:review';
    const missedIds: string[] = [];
    o.start(user);
    for (let step = 1; step <= 1 + REVIEW_GAP_STEPS; step++) {
      if (step > 1) o.next(user);
      let first = true;
      for (;;) {
        const quiz = o.store.openQuiz(user);
        const item = quiz?.items[quiz.position];
        if (!quiz || !item) break;
        if (step === 1 + REVIEW_GAP_STEPS && (item as { review?: boolean }).review) {
          expect(missedIds).toContain(item.id);
          return;
        }
        const wrong = step === 1 && first;
        if (wrong) missedIds.push(item.id);
        o.answer(user, replyFor(item, wrong));
        first = false;
      }
    }
    throw new Error('the missed item did not come back');
  });
});
