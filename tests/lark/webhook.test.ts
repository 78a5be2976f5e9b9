// Own fixture payloads (tests/fixtures/lark) delivered over HTTP to the bot in webhook mode, plus the encrypted
// test vectors from ../shared/lark when present; assertions on what the fake open platform received from the SDK.
import { describe, expect, it } from 'vitest';
import { computeSignature } from '../../src/lark/webhook';
import {
  BOT_OPEN_ID,
  cardOf,
  GROUP_BOT,
  GROUP_BOT_ID,
  GROUP_PERSON,
  GROUP_PERSON_ID,
  GROUP_POST,
  GROUP_POST_ID,
  HAS_SHARED,
  payload,
  sharedPayload,
  sharedPayloadRaw,
  harnessPerTest,
  P2P,
  P2P_ID,
  URL_VERIFY,
  URL_VERIFY_RESPONSE,
  VERIFICATION_TOKEN,
} from './harness';
import { waitFor } from './fake-open-platform';
import { FixedClock } from '../chat/fakes';

const harness = harnessPerTest();

describe('Lark webhook receiver', () => {
  it('answers a p2p text message with a card reply that holds the answer and the citations', async () => {
    const h = await harness();
    const res = await h.post(payload(P2P));
    expect(res.status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);

    const token = h.fake.find(/tenant_access_token/)[0];
    expect(token?.body).toMatchObject({ app_id: 'cli_a1b2c3d4e5f60718', app_secret: 'secret-do-not-log' });
    const reply = h.fake.replies()[0]!;
    expect(reply.path).toBe(`/open-apis/im/v1/messages/${P2P_ID}/reply`);
    expect(reply.headers.authorization).toMatch(/^Bearer t-fake-token-/);
    expect(reply.body).toMatchObject({ msg_type: 'interactive', reply_in_thread: false });
    expect(String(reply.body?.uuid).length).toBeLessThanOrEqual(50);
    const card = JSON.stringify(cardOf(reply.body));
    expect(card).toContain('五人以上单数');
    expect(card).toContain('《中华人民共和国招标投标法》第三十七条');
    expect(card).toContain('《建设工程质量管理条例》第四十条');
    expect(card).toContain('collapsible_panel');
    expect(card).toContain('查看原文');
    expect(card).toContain('"a":"fb","r":"up"');
    expect(h.answerer.calls.map((c) => c.question)).toEqual(['你好']);
    // No secret reaches the operator log.
    expect(JSON.stringify(h.logs)).not.toContain('secret-do-not-log');
    // The log line follows the platform's answer to the reply call.
    await waitFor(() => h.logs.some((l) => l.event === 'lark.replied'));
  });

  it('replies once to a re-delivered event, also after a restart', async () => {
    const first = await harness();
    await first.post(payload(P2P));
    await first.post(payload(P2P));
    await waitFor(() => first.fake.replies().length >= 1);
    await first.bot.stop();
    expect(first.fake.replies()).toHaveLength(1);
    expect(first.logs.some((l) => l.event === 'lark.skipped' && l.fields.reason === 'duplicate')).toBe(true);

    // Restart on the same state dir: the de-duplication window survives.
    harness.forget(first);
    await first.close(true);
    const second = await harness({ stateDir: first.stateDir });
    await second.post(payload(P2P));
    await second.bot.stop();
    expect(second.fake.replies()).toHaveLength(0);
    expect(second.answerer.calls).toHaveLength(0);
  });

  it('answers a group @bot text in the thread with the mention stripped', async () => {
    const h = await harness({ botOpenId: BOT_OPEN_ID });
    const res = await h.post(payload(GROUP_BOT));
    expect(res.status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);
    const reply = h.fake.replies()[0]!;
    expect(reply.path).toBe(`/open-apis/im/v1/messages/${GROUP_BOT_ID}/reply`);
    expect(reply.body?.reply_in_thread).toBe(true);
    expect(h.answerer.calls[0]?.question).toBe('井盖缺失多久补装');
  });

  it('answers in the existing thread of a group message when the bot is the one mentioned', async () => {
    // The fixture mentions a colleague; make the mention point at the bot.
    const h = await harness({ botOpenId: 'ou_fake_bot' });
    const event = payload(GROUP_PERSON);
    const mention = (event.event as { message: { mentions: Array<{ id: { open_id: string } }> } }).message.mentions[0]!;
    mention.id.open_id = 'ou_fake_bot';
    await h.post(event);
    await waitFor(() => h.fake.replies().length === 1);
    const reply = h.fake.replies()[0]!;
    expect(reply.path).toBe(`/open-apis/im/v1/messages/${GROUP_PERSON_ID}/reply`);
    expect(reply.body?.reply_in_thread).toBe(true);
    expect(h.answerer.calls[0]?.question).toBe('路灯坏了找谁');
  });

  it('stays silent in groups when the bot is not mentioned', async () => {
    const h = await harness({ botOpenId: 'ou_fake_bot' });
    // The fixture mentions a colleague (王工), not the bot.
    await h.post(payload(GROUP_PERSON));
    // A group message with no mention at all.
    const noMention = payload(P2P);
    const msg = (noMention.event as { message: Record<string, unknown> }).message;
    msg.chat_type = 'group';
    await h.post(noMention);
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(0);
    expect(h.answerer.calls).toHaveLength(0);
    expect(h.logs.filter((l) => l.fields.reason === 'group_without_mention')).toHaveLength(2);
  });

  it('ignores messages sent by bots', async () => {
    const h = await harness();
    const fromApp = payload(P2P);
    (fromApp.event as { sender: Record<string, unknown> }).sender.sender_type = 'app';
    await h.post(fromApp);
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(0);
  });

  it('reads post (rich text) content and strips the bot mention', async () => {
    const h = await harness({ botOpenId: BOT_OPEN_ID });
    await h.post(payload(GROUP_POST));
    await waitFor(() => h.fake.replies().length === 1);
    expect(h.answerer.calls[0]?.question).toBe('图里这个井盖要多久修好？');
    expect(h.fake.replies()[0]?.path).toBe(`/open-apis/im/v1/messages/${GROUP_POST_ID}/reply`);
  });

  it('answers other message types with a short 暂不支持 text', async () => {
    const h = await harness();
    const image = payload(P2P);
    const msg = (image.event as { message: Record<string, unknown> }).message;
    msg.message_type = 'image';
    msg.content = '{"image_key":"img_v2_xxx"}';
    await h.post(image);
    await waitFor(() => h.fake.replies().length === 1);
    const reply = h.fake.replies()[0]!;
    expect(reply.body?.msg_type).toBe('text');
    expect(JSON.parse(String(reply.body?.content)).text).toContain('暂不支持');
    expect(h.answerer.calls).toHaveLength(0);
  });

  it('greets back with the usage when "你好" arrives with greetings on (the default)', async () => {
    const h = await harness({ greetings: true });
    await h.post(payload(P2P));
    await waitFor(() => h.fake.replies().length === 1);
    const reply = h.fake.replies()[0]!;
    expect(reply.body?.msg_type).toBe('text');
    expect(JSON.parse(String(reply.body?.content)).text).toMatch(/^您好！/);
    expect(h.answerer.calls).toHaveLength(0);
  });

  it('answers /help as text without calling the answerer', async () => {
    const h = await harness();
    const help = payload(P2P);
    (help.event as { message: Record<string, unknown> }).message.content = JSON.stringify({ text: '/help' });
    await h.post(help);
    await waitFor(() => h.fake.replies().length === 1);
    expect(JSON.parse(String(h.fake.replies()[0]?.body?.content)).text).toContain('/sources');
    expect(h.answerer.calls).toHaveLength(0);
  });
});

describe.skipIf(!HAS_SHARED)('Lark webhook security', () => {
  const meta = HAS_SHARED
    ? (sharedPayload('encrypted.third-party-test.meta.json') as {
        encrypt_key: string;
        verification_token: string;
        headers: Record<string, string>;
        signatures: Record<string, string>;
      })
    : undefined;
  const env = () => ({ LARK_ENCRYPT_KEY: meta!.encrypt_key, LARK_VERIFICATION_TOKEN: meta!.verification_token });
  // The captured requests were signed at 1710000000 (2024): the bot's clock is set a minute later so the
  // freshness window accepts them (tests/lark/webhook-hardening.test.ts covers stale timestamps).
  const signedAt = () => new FixedClock(1_710_000_060_000);
  const EVENT = 'encrypted-event.third-party-test.body.json';
  const CHALLENGE = 'encrypted-url_verification.third-party-test.body.json';

  it('decrypts a signed encrypted event and answers it', async () => {
    const h = await harness({ env: env(), botClock: signedAt() });
    const headers = { ...meta!.headers, 'x-lark-signature': meta!.signatures[EVENT]! };
    const res = await h.post(sharedPayloadRaw(EVENT), headers);
    expect(res.status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);
    expect(h.fake.replies()[0]?.path).toBe('/open-apis/im/v1/messages/om_msg/reply');
    expect(h.answerer.calls[0]?.question).toBe('hello');
  });

  it('rejects a forged signature with 401 and does nothing', async () => {
    const h = await harness({ env: env(), botClock: signedAt() });
    const forged = computeSignature(
      meta!.headers['x-lark-request-timestamp']!,
      'other-nonce',
      meta!.encrypt_key,
      sharedPayloadRaw(EVENT),
    );
    const res = await h.post(sharedPayloadRaw(EVENT), { ...meta!.headers, 'x-lark-signature': forged });
    expect(res.status).toBe(401);
    const unsigned = await h.post(sharedPayloadRaw(EVENT));
    expect(unsigned.status).toBe(401);
    // A plain event with a wrong verification token is rejected too.
    const plain = await h.post(payload(P2P));
    expect(plain.status).toBe(401);
    await h.bot.stop();
    expect(h.fake.replies()).toHaveLength(0);
    expect(h.answerer.calls).toHaveLength(0);
  });

  it('answers the encrypted url_verification challenge', async () => {
    const h = await harness({ env: env(), botClock: signedAt() });
    const headers = { ...meta!.headers, 'x-lark-signature': meta!.signatures[CHALLENGE]! };
    const res = await h.post(sharedPayloadRaw(CHALLENGE), headers);
    expect(res).toEqual({ status: 200, json: { challenge: 'ajls384kdjxxxx' } });
  });
});

describe('Lark webhook url_verification', () => {
  it('answers the plain url_verification challenge as documented, and only with the right token', async () => {
    const h = await harness({ env: { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN } });
    const res = await h.post(payload(URL_VERIFY));
    expect(res).toEqual({ status: 200, json: payload(URL_VERIFY_RESPONSE) });
    const wrong = await h.post({ ...payload(URL_VERIFY), token: 'guess' });
    expect(wrong.status).toBe(401);
  });
});
