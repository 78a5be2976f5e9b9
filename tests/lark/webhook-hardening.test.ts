// Issue 13, webhook half: signature before parsing, bounded size and depth, timestamp freshness, unreadable
// content answered, and de-duplication that remembers an event only once it was answered.
import { describe, expect, it } from 'vitest';
import { harnessPerTest } from './harness';
import { waitFor } from './fake-open-platform';
import { messageEvent, SIGNED_ENV, signedRequest, signHeaders, VERIFICATION_TOKEN } from './signed-events';

const harness = harnessPerTest();
const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
const now = () => Math.floor(Date.now() / 1000);

describe('webhook request checks', () => {
  it('rejects a forged signature with 401 before parsing, however deep the body', async () => {
    const h = await harness({ env: SIGNED_ENV });
    const forged = { ...signHeaders('{}'), 'x-lark-signature': 'f'.repeat(64) };
    expect((await h.post(deep(100_000), forged)).status).toBe(401);
    expect((await h.post('{"a":[]}', forged)).status).toBe(401);
    expect(h.logs.filter((l) => l.event === 'lark.webhook_forged' && l.fields.reason === 'bad_signature')).toHaveLength(
      2,
    );
    expect(h.logs.some((l) => l.level === 'error')).toBe(false);
  });

  it('rejects deep, oversized and malformed bodies with a logged 4xx when no signature is configured', async () => {
    const h = await harness({ env: { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN } });
    expect((await h.post(deep(100_000))).status).toBe(400);
    expect((await h.post(deep(40))).status).toBe(400);
    expect((await h.post(`{"pad":"${'x'.repeat(1_100_000)}"}`)).status).toBe(413);
    expect((await h.post('{"a":')).status).toBe(400);
    expect((await h.post('[1,2]')).status).toBe(400);
    const reasons = h.logs.filter((l) => l.event === 'lark.webhook_rejected').map((l) => l.fields.reason);
    expect(reasons).toEqual(['too_deep', 'too_deep', 'too_large', 'invalid_json', 'not_an_object']);
    // Still serving: a normal event is answered.
    await h.post(messageEvent({ messageId: 'om_after_junk', text: '质量保修' }));
    await waitFor(() => h.fake.replies().length === 1);
  });

  it('rejects signed events whose timestamp is outside the 5-minute window, either way', async () => {
    const h = await harness({ env: SIGNED_ENV });
    for (const [id, ts] of [
      ['om_day', now() - 86_400],
      ['om_month', now() - 30 * 86_400],
      ['om_future', now() + 3600],
      ['om_6min', now() - 360],
      ['om_garbage', 'yesterday'],
    ] as const) {
      const r = signedRequest(messageEvent({ messageId: id }), ts);
      expect((await h.post(r.body, r.headers)).status, id).toBe(401);
    }
    const stale = h.logs.filter((l) => l.fields.reason === 'stale_timestamp');
    expect(stale).toHaveLength(5);
    expect(stale[0]?.fields.ageSeconds).toBeGreaterThanOrEqual(86_400);
    const fresh = signedRequest(messageEvent({ messageId: 'om_fresh' }), now() - 60);
    expect((await h.post(fresh.body, fresh.headers)).status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);
    await h.bot.stop();
    expect(h.fake.replies().map((r) => r.path)).toEqual(['/open-apis/im/v1/messages/om_fresh/reply']);
  });

  it('honours a configured freshness window', async () => {
    const h = await harness({ env: { ...SIGNED_ENV, LARK_WEBHOOK_MAX_AGE_S: '30' } });
    const r = signedRequest(messageEvent({ messageId: 'om_45s' }), now() - 45);
    expect((await h.post(r.body, r.headers)).status).toBe(401);
  });
});

describe('webhook content and de-duplication', () => {
  it('answers a post whose content holds null and scalar nodes, once', async () => {
    const h = await harness({ env: SIGNED_ENV });
    const content = JSON.stringify({
      title: '',
      content: [[null, { tag: 'text', text: '屋面防水' }, 7, 'x'], null, [{ tag: 'text', text: '保修几年' }]],
    });
    const event = messageEvent({ messageId: 'om_nulls', type: 'post', content });
    const first = signedRequest(event);
    expect((await h.post(first.body, first.headers)).status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);
    expect(h.answerer.calls.map((c) => c.question)).toEqual(['屋面防水\n保修几年']);
    const again = signedRequest(event);
    expect((await h.post(again.body, again.headers)).status).toBe(200);
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(1);
    expect(h.logs.some((l) => l.event === 'lark.skipped' && l.fields.reason === 'duplicate')).toBe(true);
  });

  it('leaves an event whose reply never reached the platform re-deliverable, and remembers it once answered', async () => {
    const h = await harness({ env: SIGNED_ENV });
    h.fake.failNext(/messages\/om_lost\/reply$/, 500, { code: 1, msg: 'down' }, 1000);
    const event = messageEvent({ messageId: 'om_lost', text: '屋面防水保修几年' });
    const first = signedRequest(event);
    expect((await h.post(first.body, first.headers)).status).toBe(200);
    await waitFor(() => h.logs.some((l) => l.event === 'lark.error_reply_failed'), 15_000);
    expect(h.chat.dedupe.seen(['lark:msg:om_lost'])).toBe(false);

    h.fake.clearFailures();
    const redelivery = signedRequest(event);
    expect((await h.post(redelivery.body, redelivery.headers)).status).toBe(200);
    await waitFor(() => h.logs.some((l) => l.event === 'lark.replied'));
    await waitFor(() => h.chat.dedupe.seen(['lark:msg:om_lost']));
    const third = signedRequest(event);
    await h.post(third.body, third.headers);
    await h.bot.stop();
    expect(h.answerer.calls).toHaveLength(2);
    expect(h.logs.filter((l) => l.event === 'lark.skipped' && l.fields.reason === 'duplicate')).toHaveLength(1);
  });
});
