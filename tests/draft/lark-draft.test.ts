// Drafting over the Lark transport, against the fake open platform over HTTP: the draft text is replied, then the
// .docx is uploaded (im/v1/files) and sent as a file message.
import { describe, expect, it } from 'vitest';
import { draftCommands } from '../../src/draft/chat-command';
import { createDrafter } from '../../src/draft/drafter';
import { waitFor } from '../lark/fake-open-platform';
import { HAS_SHARED, harnessPerTest, payload, P2P, P2P_ID } from '../lark/harness';
import { fixedClock } from './fakes';

const harness = harnessPerTest();

describe.skipIf(!HAS_SHARED)('drafting in Lark', () => {
  it('replies with the draft text and sends the .docx as a file message', async () => {
    const drafter = createDrafter({ clock: fixedClock });
    const h = await harness({ commands: draftCommands({ drafter }) });
    const p = payload(P2P);
    const message = (p.event as { message: Record<string, unknown> }).message;
    message.content = JSON.stringify({
      text: '帮我起草一份关于开展安全生产检查的通知，以市建设局名义，发给各区建设局',
    });
    await h.bot.dispatcher.invoke(p, { needCheck: false });
    await waitFor(() => h.fake.replies().length === 2);
    expect(h.answerer.calls).toHaveLength(0);
    const [text, file] = h.fake.replies();
    expect(text!.path).toBe(`/open-apis/im/v1/messages/${P2P_ID}/reply`);
    expect(String(text!.body?.content)).toContain('市建设局关于开展安全生产检查的通知');
    const uploads = h.fake.find(/^POST \/open-apis\/im\/v1\/files$/);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.raw).toContain('市建设局关于开展安全生产检查的通知.docx');
    expect(file!.body?.msg_type).toBe('file');
    expect(String(file!.body?.content)).toContain('file_');
  });
});
