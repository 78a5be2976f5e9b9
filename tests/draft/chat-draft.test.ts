// Drafting through the one processMessage: /draft, plain requests, the follow-up that fills missing slots, /check,
// and the .docx in Reply.files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCommands } from '../../src/chat/commands';
import { openChat, type OpenedChat } from '../../src/chat/open';
import { loadConfig } from '../../src/config';
import type { IncomingMessage } from '../../src/core/chat';
import { draftCommands } from '../../src/draft/chat-command';
import { createDrafter } from '../../src/draft/drafter';
import { replyForPage } from '../../src/web/chat-api';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { fixedClock, fixedRetriever, SAFETY } from './fakes';

const opened: OpenedChat[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-draft-chat-'));
  dirs.push(dir);
  const answerer = new FakeAnswerer();
  const retriever = fixedRetriever([{ chunk: SAFETY, score: 1, confidence: 0.8 }]);
  const drafter = createDrafter({ retriever, clock: fixedClock });
  const chat = openChat(loadConfig({ ZHIYIN_STATE: dir }, dir), answerer, () => [], {
    clock: new FixedClock(),
    commands: [...defaultCommands(), ...draftCommands({ drafter })],
  });
  opened.push(chat);
  let n = 0;
  const send = (text: string, viewer?: IncomingMessage['viewer']) =>
    chat.processMessage({ transport: 'web', conversationId: 'c1', userId: 'u1', messageId: `m${++n}`, text, viewer });
  return { send, answerer, retriever };
}

describe('drafting in chat', () => {
  it('a plain 「帮我起草」 request drafts, lists what is missing, attaches the .docx; the next message revises it', async () => {
    const { send, answerer, retriever } = setup();
    const viewer = { principals: ['ou_9'], tenantMember: true };
    const first = await send('帮我起草一份关于开展建设工程安全生产检查的通知，活动时间6月1日至30日', viewer);
    expect(answerer.calls).toHaveLength(0);
    expect(first.kind).toBe('text');
    expect(first.text).toContain('【待补充：发文机关】');
    expect(first.text).toContain('【待补充】发文机关、主送机关');
    expect(first.text).toContain('根据《建设工程安全生产管理条例》第四十三条的规定');
    expect(retriever.calls[0]!.options?.viewer).toEqual(viewer);
    const file = first.files?.[0];
    expect(file?.name).toBe('关于开展建设工程安全生产检查的通知.docx');
    const zip = await JSZip.loadAsync(file!.content);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('6月1日至30日');

    const second = await send('发文机关：市住房和建设局，主送机关：各区建设局');
    expect(answerer.calls).toHaveLength(0);
    expect(second.text.startsWith('市住房和建设局关于开展建设工程安全生产检查的通知')).toBe(true);
    expect(second.text).toContain('各区建设局：');
    expect(second.text).toContain('6月1日至30日');
    expect(second.text).not.toContain('【待补充】');

    // With nothing missing, an ordinary question goes to the answerer again.
    await send('评标委员会由几人组成？');
    expect(answerer.calls).toHaveLength(1);
  });

  it('/draft and /check commands; /new ends the follow-up', async () => {
    const { send, answerer } = setup();
    const d = await send('/draft 关于开展安全检查的通知，以市建设局名义');
    expect(d.text).toContain('【待补充】主送机关');
    await send('/new');
    await send('各区建设局');
    expect(answerer.calls).toHaveLength(1);
    const c = await send(
      '/check 关于开展安全检查的通知\n各区建设局：\n为加强管理,现通知如下。\n市建设局\n2026年06月01日',
    );
    expect(c.text).toContain('[title-form]');
    expect(c.text).toContain('[halfwidth-punctuation]');
    expect(c.text).toContain('[date-format]');
  });

  it('the web page gets a download link for the .docx', async () => {
    const { send } = setup();
    const page = replyForPage(await send('帮我写一份关于购置执法车辆的请示，以市建设局名义，报市政府'));
    expect(page.downloads?.[0]?.name).toBe('市建设局关于购置执法车辆的请示.docx');
    expect(page.downloads?.[0]?.url).toMatch(
      /^data:application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document;base64,UEsDB/,
    );
    expect('files' in page).toBe(false);
  });
});
