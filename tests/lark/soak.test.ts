// Bounded soak (issue 13): 2,000 questions from 20 concurrent fake users through the real webhook path —
// encrypted, signed events over HTTP, the real SDK dispatcher, the real answer composer over a tiny in-memory
// corpus, replies through the real SDK to the fake open platform. Asserts correctness (every message answered
// exactly once, no 5xx, no error replies); throughput and p95 are reported, not asserted (2-core CI).
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { FakeRetriever } from '../answer/fixtures/fake-retriever';
import { sampleChunks } from '../answer/fixtures/sample-law';
import { FakeAnswerer } from '../chat/fakes';
import { harnessPerTest } from './harness';
import { waitFor } from './fake-open-platform';
import { messageEvent, SIGNED_ENV, signedRequest } from './signed-events';

const harness = harnessPerTest();
const QUESTIONS = Number(process.env.SOAK_QUESTIONS ?? 2000);
const USERS = 20;
const ASKED = ['屋面防水工程的最低保修期是几年？', '评标委员会成员人数有什么要求？', '中标通知书发出后多久订立合同？'];

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] ?? 0;

describe('webhook soak', () => {
  it(`answers ${QUESTIONS} questions from ${USERS} concurrent users exactly once`, { timeout: 600_000 }, async () => {
    const real = createAnswerer({ retriever: new FakeRetriever(sampleChunks()) });
    const h = await harness({
      env: SIGNED_ENV,
      answerer: new FakeAnswerer((q, o) => real.answer(q, o)),
      maxQuestionsPerMinute: QUESTIONS,
    });
    const sentAt = new Map<string, number>();
    const statuses = new Map<number, number>();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        for (let i = u; i < QUESTIONS; i += USERS) {
          const id = `om_soak_${i}`;
          const event = messageEvent({ messageId: id, userId: `ou_soak_${u}`, text: ASKED[i % ASKED.length] });
          const r = signedRequest(event);
          sentAt.set(id, Date.now());
          const res = await h.post(r.body, r.headers);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    await waitFor(() => h.fake.replies().length >= QUESTIONS, 300_000);
    await h.bot.stop();
    const seconds = (Date.now() - started) / 1000;

    expect(Object.fromEntries(statuses)).toEqual({ 200: QUESTIONS });
    const perMessage = new Map<string, number>();
    const latencies: number[] = [];
    for (const r of h.fake.replies()) {
      const id = /messages\/([^/]+)\/reply$/.exec(r.path)?.[1] ?? '';
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      if (perMessage.get(id) === 1) latencies.push(r.at - (sentAt.get(id) ?? r.at));
    }
    const lost = [...sentAt.keys()].filter((id) => !perMessage.has(id));
    const duplicated = [...perMessage].filter(([, n]) => n > 1);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(h.answerer.calls).toHaveLength(QUESTIONS);
    // Every reply is an answer card with a citation, not an error text.
    const cards = h.fake.replies().filter((r) => String(r.body?.content).includes('《示例'));
    expect(cards).toHaveLength(QUESTIONS);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    console.log(
      `soak: ${QUESTIONS} questions, ${USERS} users, ${seconds.toFixed(1)} s, ` +
        `${(QUESTIONS / seconds).toFixed(1)} q/s, reply latency p50 ${percentile(latencies, 50)} ms, ` +
        `p95 ${percentile(latencies, 95)} ms, lost ${lost.length}, duplicated ${duplicated.length}`,
    );
  });
});
