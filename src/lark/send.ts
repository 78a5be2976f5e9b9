// Sending helpers shared by the message and card-action handlers: idempotency keys, long texts split or
// uploaded as a file, and the final answer card (with a text fallback when the card is rejected).
import { createHash } from 'node:crypto';
import type { Reply } from '../core/chat';
import { describeError, type OperatorLogger } from '../chat/log';
import type { LarkApi, SendOptions } from './api';
import { answerCard, noticeCard, splitText } from './cards';
import type { AnswerStream } from './stream';
import { onboardCardFor } from './onboard-cards';

/** Idempotency key for one send (the platform limits uuid to 50 characters). */
export function uuidFor(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}

/** Text messages are split at this many characters; beyond MAX_TEXT_PARTS the text goes as a .txt file. */
export const TEXT_PART_CHARS = 4000;
export const MAX_TEXT_PARTS = 3;

export async function sendLongText(
  api: LarkApi,
  replyTo: string,
  text: string,
  inThread: boolean,
  key: string,
  fileName = '全文.txt',
): Promise<void> {
  const parts = splitText(text, TEXT_PART_CHARS);
  if (parts.length > MAX_TEXT_PARTS) {
    await api.replyText(replyTo, `内容较长（${[...text].length} 字），已作为文件发送。`, {
      inThread,
      uuid: uuidFor(key, 'file-note'),
    });
    await api.replyFile(replyTo, fileName, Buffer.from(text, 'utf8'), { inThread, uuid: uuidFor(key, 'file') });
    return;
  }
  for (const [i, part] of parts.entries()) {
    await api.replyText(replyTo, part, { inThread, uuid: uuidFor(key, 'text', String(i)) });
  }
}

/** Files attached to a reply (drafted documents) follow the text, each as a file message. */
async function sendFiles(api: LarkApi, replyTo: string, reply: Reply, inThread: boolean): Promise<void> {
  for (const [i, file] of (reply.files ?? []).entries()) {
    const limit = 30 * 1024 * 1024;
    if (file.content.byteLength > limit) {
      await api.replyText(replyTo, `文件《${file.name}》超过 30 MB，无法通过飞书发送。`, {
        inThread,
        uuid: uuidFor(replyTo, 'file-too-large', String(i)),
      });
      continue;
    }
    await api.replyFile(replyTo, file.name, Buffer.from(file.content), {
      inThread,
      uuid: uuidFor(replyTo, 'reply-file', String(i)),
    });
  }
}

/** Where a reply goes: the question it answers, in or out of its thread, and the stream that may already show it. */
export interface ReplyTarget {
  api: LarkApi;
  log: OperatorLogger;
  replyTo: string;
  inThread: boolean;
  stream: AnswerStream;
}

/** Deliver a processMessage reply: answers as a card (updating the streamed one), everything else as text. */
export async function deliverReply(target: ReplyTarget, reply: Reply): Promise<void> {
  await deliverBody(target, reply);
  await sendFiles(target.api, target.replyTo, reply, target.inThread);
}

async function deliverBody({ api, log, replyTo, inThread, stream }: ReplyTarget, reply: Reply): Promise<void> {
  const send: SendOptions = { inThread, uuid: uuidFor(replyTo, 'answer') };
  if (reply.kind === 'answer' && reply.answer) {
    const card = answerCard({
      questionMessageId: replyTo,
      answer: reply.answer.answer,
      citations: reply.answer.citations,
      refused: reply.answer.refused,
      note: reply.answer.note,
      nearby: reply.answer.nearby,
    });
    try {
      if (await stream.finish(card)) return;
      await api.replyCard(replyTo, card, send);
      return;
    } catch (e) {
      // A rejected card (size, schema) must not swallow the answer: fall back to plain text.
      log.warn('lark.card_failed', { replyTo, error: describeError(e) });
    }
    await sendLongText(api, replyTo, reply.text, inThread, `${replyTo}:fallback`);
    return;
  }
  const onboard = stream.started ? undefined : onboardCardFor(reply);
  if (onboard) {
    try {
      await api.replyCard(replyTo, onboard, send);
      return;
    } catch (e) {
      log.warn('lark.card_failed', { replyTo, error: describeError(e) });
    }
  }
  if (stream.started) {
    await stream.finish(noticeCard(reply.text));
    return;
  }
  await sendLongText(api, replyTo, reply.text, inThread, replyTo);
}
