// Acceptance (issue 17) over Lark, against the fake open platform through the real SDK: a new user takes three
// lessons (answers typed as messages and clicked as card buttons), the bot restarts, and the user resumes at
// lesson 4 with scores kept. Then the daily push: one proactive card per working day per opted-in user, never
// twice across restarts or two replicas on the same state file, none on a holiday or before the set time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuizItem } from '../../src/core/onboard';
import { createLarkClient } from '../../src/lark/api';
import { createLarkPushSender } from '../../src/lark/onboard-push';
import { createOnboardPlugin, type OnboardPlugin } from '../../src/onboard/chat-commands';
import { createOnboardCorpus, loadCorpusChunks, type OnboardCorpus } from '../../src/onboard/corpus';
import { parseDeclaration } from '../../src/onboard/path';
import { openQuizItemId } from '../../src/onboard/service';
import { isChineseWorkday, pushTick } from '../../src/onboard/push';
import { cardOf, HAS_SHARED, payload, P2P, startHarness, type Harness } from '../lark/harness';
import { FakeOpenPlatform, waitFor } from '../lark/fake-open-platform';
import { DECLARED_PATH, replyFor, tempCorpus } from './fixture';

const USER = 'ou_newcomer_0001';
let fx: ReturnType<typeof tempCorpus>;
let corpus: OnboardCorpus;
let stateDir: string;
let n = 0;

const plugin = (): OnboardPlugin =>
  createOnboardPlugin({ corpus: () => corpus, declaration: () => parseDeclaration(DECLARED_PATH, 'onboarding.yaml') });
const invoke = (h: Harness, data: unknown) => h.bot.dispatcher.invoke(data, { needCheck: false }) as Promise<unknown>;

function message(text: string): Record<string, unknown> {
  type Obj = Record<string, unknown>;
  const p = payload(P2P) as {
    header: Obj;
    event: { message: Obj; sender: { sender_id: Obj } };
  };
  n++;
  p.header.event_id = `evt-onboard-${n}`;
  p.event.message.message_id = `om_onboard_${n}`;
  p.event.message.content = JSON.stringify({ text });
  p.event.sender.sender_id.open_id = USER;
  return p;
}
function click(value: unknown, cardMessageId: string): Record<string, unknown> {
  type Obj = Record<string, unknown>;
  const p = payload('card-action-trigger.json') as {
    header: Obj;
    event: { operator: Obj; action: Obj; context: Obj };
  };
  n++;
  p.header.event_id = `evt-click-${n}`;
  p.event.operator.open_id = USER;
  p.event.action.value = value;
  p.event.context.open_message_id = cardMessageId;
  return p;
}

/** Send and wait for one more reply; returns the card JSON and the reply's message id on the fake platform. */
async function exchange(h: Harness, send: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const before = h.fake.replies().length;
  await send();
  await waitFor(() => h.fake.replies().length === before + 1, 10_000);
  return cardOf(h.fake.replies()[before]!.body);
}
const openItem = (p: OnboardPlugin): QuizItem | undefined => {
  const quiz = p.onboarding()?.store.openQuiz(USER);
  return quiz?.items[quiz.position];
};

beforeAll(async () => {
  fx = tempCorpus();
  corpus = createOnboardCorpus((await loadCorpusChunks([fx.dir])).chunks);
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-onboard-lark-'));
});
afterAll(() => {
  fx?.cleanup();
  if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
});

describe.skipIf(!HAS_SHARED)('onboarding over Lark (fake open platform)', () => {
  it('three lessons by message and card buttons, a restart, resume at lesson 4 with scores', async () => {
    const fake = await new FakeOpenPlatform().start();
    const p1 = plugin();
    let h = await startHarness({
      fake,
      stateDir,
      plugins: [p1.plugin],
      openQuizItem: (u) => openQuizItemId(p1.onboarding(), u),
    });
    try {
      for (let lesson = 1; lesson <= 3; lesson++) {
        const card = await exchange(h, () => invoke(h, message(lesson === 1 ? '/入职' : '/下一课')));
        expect(JSON.stringify(card)).toContain(`第 ${lesson}/5 课`);
        // Lessons carry their passages' 查看原文 buttons.
        expect(JSON.stringify(card)).toContain('"ob":"article"');
        let item = openItem(p1);
        let byButton = lesson > 1;
        while (item) {
          const reply = replyFor(item);
          const cardMessage = `om_reply_card_${n}`;
          const verdict = byButton
            ? await exchange(h, () => invoke(h, click({ ob: 'answer', t: reply, i: item!.id }, cardMessage)))
            : await exchange(h, () => invoke(h, message(reply)));
          expect(JSON.stringify(verdict)).toContain('回答正确');
          if (byButton && openItem(p1)) {
            // Clicking the same (now stale) button again answers nothing.
            const replies = h.fake.replies().length;
            const res = (await invoke(h, click({ ob: 'answer', t: reply, i: item.id }, cardMessage))) as {
              toast?: { content: string };
            };
            expect(res.toast?.content).toContain('已经回答过了');
            expect(h.fake.replies()).toHaveLength(replies);
          }
          byButton = !byButton;
          item = openItem(p1);
        }
      }
      expect(
        p1
          .onboarding()
          ?.status(USER)
          ?.done.map((r) => r.step),
      ).toEqual([1, 2, 3]);
    } finally {
      await h.close(true);
    }

    const p2 = plugin();
    h = await startHarness({ fake, stateDir, plugins: [p2.plugin] });
    try {
      const before = h.fake.replies().length;
      await invoke(h, message('/进度'));
      await waitFor(() => h.fake.replies().length === before + 1, 10_000);
      const text = JSON.parse(String(h.fake.replies()[before]!.body?.content)) as { text: string };
      expect(text.text).toContain('下一课是第 4/5 课');
      const status = p2.onboarding()!.status(USER)!;
      expect(status.step).toBe(4);
      expect(status.done.map((r) => `${r.step}:${r.score}/${r.total}`)).toEqual(
        status.done.map((r) => `${r.step}:${r.total}/${r.total}`),
      );
      const card = await exchange(h, () => invoke(h, message('/入职')));
      expect(JSON.stringify(card)).toContain('第 4/5 课');
    } finally {
      await h.close(true);
      await fake.close();
    }
  });

  it('daily push: once per working day per opted-in user, across restarts and two replicas', async () => {
    const fake = await new FakeOpenPlatform().start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-onboard-push-'));
    const replicas = [plugin(), plugin()];
    const harnesses = [
      await startHarness({ fake, stateDir: dir, plugins: [replicas[0]!.plugin] }),
      await startHarness({ fake, stateDir: dir, plugins: [replicas[1]!.plugin] }),
    ];
    try {
      const h = harnesses[0]!;
      await exchange(h, () => invoke(h, message('/入职 每日推送')));
      const { client } = createLarkClient({
        appId: h.config.lark!.appId,
        appSecret: h.config.lark!.appSecret,
        domain: fake.url,
        logger: h.chat.logger,
        retry: { baseMs: 1, maxDelayMs: 5 },
      });
      const send = createLarkPushSender(client, h.chat.logger, { baseMs: 1, maxDelayMs: 5 });
      const tick = (o: OnboardPlugin, iso: string) =>
        pushTick({
          onboarding: o.onboarding()!,
          send,
          time: '09:00',
          timeZone: 'Asia/Shanghai',
          now: () => new Date(iso),
        });
      // 2026-12-01 (Tuesday) 08:30 Beijing: before the push time.
      expect((await tick(replicas[0]!, '2026-12-01T00:30:00Z')).skipped).toBe('before_time');
      // 09:05 on the same day: both replicas tick at once; exactly one sends.
      const [a, b] = await Promise.all([
        tick(replicas[0]!, '2026-12-01T01:05:00Z'),
        tick(replicas[1]!, '2026-12-01T01:05:00Z'),
      ]);
      expect(a.sent.length + b.sent.length).toBe(1);
      // A restarted replica on the same state file, later that day: nothing more.
      const restarted = plugin();
      const h3 = await startHarness({ fake, stateDir: dir, plugins: [restarted.plugin] });
      harnesses.push(h3);
      expect((await tick(restarted, '2026-12-01T08:00:00Z')).sent).toEqual([]);
      expect(fake.created()).toHaveLength(1);
      const created = fake.created()[0]!;
      expect(created.body).toMatchObject({ receive_id: USER, msg_type: 'interactive' });
      expect(String(created.body?.content)).toContain('入职学习');
      // National Day 2026-10-01 is a holiday; 2026-10-10 (a Saturday) is a 调休 working day.
      expect(isChineseWorkday('2026-10-01')).toBe(false);
      expect(isChineseWorkday('2026-10-10')).toBe(true);
      expect((await tick(restarted, '2026-10-01T02:00:00Z')).skipped).toBe('not_workday');
      // The next working day: one more.
      expect((await tick(restarted, '2026-12-02T02:00:00Z')).sent).toEqual([USER]);
      expect(fake.created()).toHaveLength(2);
      // A failed send releases the slot; the next tick retries it (and then it is sent once).
      fake.failNext(/^POST \/open-apis\/im\/v1\/messages$/, 400, { code: 230001, msg: 'bad request' }, 1);
      expect((await tick(restarted, '2026-12-03T02:00:00Z')).failed).toEqual([USER]);
      expect((await tick(restarted, '2026-12-03T02:01:00Z')).sent).toEqual([USER]);
      expect((await tick(replicas[1]!, '2026-12-03T03:00:00Z')).sent).toEqual([]);
    } finally {
      for (const h of harnesses) await h.close(true);
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
