// Extra coverage on the real published/captured Feishu payloads in ../shared/lark (the suites above run on the
// project's own fixtures): each message event is answered through the webhook with the mention handled.
import { describe, expect, it } from 'vitest';
import { waitFor } from './fake-open-platform';
import { HAS_SHARED, harnessPerTest, sharedPayload } from './harness';

const harness = harnessPerTest();

const CASES: { file: string; bot: string; question: string }[] = [
  { file: 'im.message.receive_v1.p2p-text.captured.json', bot: 'ou_nobody', question: '你好' },
  {
    file: 'im.message.receive_v1.group-text-mention.captured.json',
    bot: 'ou_b6ae052c1064dee6c179d7497fd98c49',
    question: 'a',
  },
  {
    file: 'im.message.receive_v1.group-post-mention-bot.captured.json',
    bot: 'ou_27ade7346f1dc5a485d4de0c5944dd13',
    question: '你能看到这个图片吗？',
  },
];

describe.skipIf(!HAS_SHARED)('shared Lark payloads (../shared/lark)', () => {
  it.each(CASES)('answers $file', async ({ file, bot, question }) => {
    const h = await harness({ botOpenId: bot });
    const p = sharedPayload(file);
    const id = (p.event as { message: { message_id: string } }).message.message_id;
    expect((await h.post(p)).status).toBe(200);
    await waitFor(() => h.fake.replies().length === 1);
    expect(h.fake.replies()[0]?.path).toBe(`/open-apis/im/v1/messages/${id}/reply`);
    expect(h.answerer.calls[0]?.question).toBe(question);
  });
});
