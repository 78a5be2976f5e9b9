// The im.message.receive_v1 handler registered on the EventDispatcher (shared by the long connection and the
// webhook): validate, run the gate steps, acknowledge at once, answer in the background.
import type { OpenedChat } from '../chat/open';
import { describeError, type OperatorLogger } from '../chat/log';
import { userMessageFor } from '../chat/user-errors';
import { ZhiyinError } from '../core/errors';
import type { Chunk } from '../core/types';
import type { LarkApi } from './api';
import type { CardEntities } from './card-entities';
import { MessageReceiveSchema } from './events';
import {
  dedupe,
  groupsOnlyWhenMentioned,
  ignoreOwnMessages,
  perUserRateLimit,
  readContent,
  runSteps,
  toInbound,
  type Inbound,
} from './gate';
import type { InflightTasks } from './inflight';
import { deliverReply, uuidFor } from './send';
import { AnswerStream, DEFAULT_STREAM, type StreamOptions } from './stream';
import type { LarkIdentify } from '../access/lark-identity';
import type { Viewer } from '../core/access';

export interface LarkHandlerDeps {
  chat: OpenedChat;
  api: LarkApi;
  botOpenId: () => string | undefined;
  inflight: InflightTasks;
  logger: OperatorLogger;
  /** Chunk by id, for 查看原文 (wired from the retrieval engine). */
  lookupChunk?: (chunkId: string) => Chunk | undefined;
  /** All parts of the article a chunk belongs to (long articles are split); falls back to lookupChunk. */
  lookupArticle?: (chunkId: string) => Chunk[];
  /** Onboarding: id of the quiz item a user must answer now (see onboard-actions.ts). */
  openQuizItem?: (userId: string) => string | undefined;
  /** Access (src/access): the viewer of a sender in a chat; absent = Lark users ask as anonymous outsiders. */
  identify?: LarkIdentify;
  /** Access: may `viewer` open (查看原文) the chunk? Absent = yes. */
  mayOpen?: (chunkId: string, viewer: Viewer) => boolean;
  stream?: StreamOptions;
  /** Upper bound for answering one question. */
  answerTimeoutMs?: number;
  /** Shared between the message and card-action handlers (streamed cards). */
  entities?: CardEntities;
  /** Questions per user per minute before the bot answers with "请求太频繁". */
  maxQuestionsPerMinute?: number;
}

export const DEFAULT_QUESTIONS_PER_MINUTE = 20;

export const UNREADABLE_TEXT = '抱歉，这条消息的内容无法识别，请直接用文字重新提问。发送 /help 查看用法。';

export const UNSUPPORTED_TEXT = '暂不支持这类消息（图片、文件、语音等），请直接用文字提问。发送 /help 查看用法。';

export function createMessageHandler(deps: LarkHandlerDeps): (data: unknown) => Promise<void> {
  const { chat, logger: log } = deps;
  const handled = dedupe(chat.dedupe);
  const steps = [
    ignoreOwnMessages(deps.botOpenId),
    groupsOnlyWhenMentioned(deps.botOpenId),
    handled.step,
    perUserRateLimit(deps.maxQuestionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE),
    readContent(deps.botOpenId),
  ];

  /** Resolves true when the user got a reply (the answer, a notice or the error text). */
  const answer = async (inbound: Inbound): Promise<boolean> => {
    const { replyTo, inThread } = inbound;
    const started = Date.now();
    try {
      if (inbound.rateLimited) {
        const text = userMessageFor(new ZhiyinError('E_RATE_LIMITED', 'per-user limit'));
        await deps.api.replyText(replyTo, text, { inThread, uuid: uuidFor(replyTo, 'rate-limited') });
        return true;
      }
      if (inbound.unreadable) {
        log.warn('lark.content_unreadable', { messageId: replyTo, type: inbound.event.message.message_type });
        await deps.api.replyText(replyTo, UNREADABLE_TEXT, { inThread, uuid: uuidFor(replyTo, 'unreadable') });
        return true;
      }
      if (!inbound.incoming) {
        await deps.api.replyText(replyTo, UNSUPPORTED_TEXT, { inThread, uuid: uuidFor(replyTo, 'unsupported') });
        return true;
      }
      const stream = new AnswerStream(
        deps.api,
        replyTo,
        { inThread, uuid: uuidFor(replyTo, 'stream') },
        log,
        deps.stream ?? DEFAULT_STREAM,
      );
      const { sender, message } = inbound.event;
      const viewer = await deps.identify?.(
        { openId: sender.sender_id?.open_id, userId: sender.sender_id?.user_id, unionId: sender.sender_id?.union_id },
        { chatId: message.chat_id, chatType: message.chat_type === 'p2p' ? 'p2p' : 'group' },
      );
      const reply = await chat.processMessage(viewer ? { ...inbound.incoming, viewer } : inbound.incoming, {
        onToken: stream.onToken,
        signal: AbortSignal.timeout(deps.answerTimeoutMs ?? 120_000),
      });
      await deliverReply({ api: deps.api, log, replyTo, inThread, stream }, reply);
      if (stream.entity) deps.entities?.set(replyTo, stream.entity);
      log.info('lark.replied', { messageId: replyTo, kind: reply.kind, ms: Date.now() - started });
      return true;
    } catch (e) {
      log.error('lark.reply_failed', { messageId: replyTo, error: describeError(e) });
      // Last resort: tell the user something went wrong (may fail again if the platform is down).
      return deps.api.replyText(replyTo, userMessageFor(e), { inThread, uuid: uuidFor(replyTo, 'error') }).then(
        () => true,
        (again: unknown) => {
          log.error('lark.error_reply_failed', { messageId: replyTo, error: describeError(again) });
          return false;
        },
      );
    }
  };

  return async (data) => {
    const parsed = MessageReceiveSchema.safeParse(data);
    if (!parsed.success) {
      log.warn('lark.event_invalid', { issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) });
      return;
    }
    // Shutting down: fail the delivery (before de-duplication marks it seen) so the platform re-delivers later.
    if (!deps.inflight.accepting) {
      throw new ZhiyinError('E_INTERNAL', 'Bot is shutting down; event left for re-delivery', { retryable: true });
    }
    const inbound = toInbound(parsed.data);
    let verdict: ReturnType<typeof runSteps>;
    try {
      verdict = runSteps(inbound, steps);
    } catch (e) {
      handled.finish(inbound, false); // not answered: a re-delivery must not count as a duplicate
      throw e;
    }
    const ids = { eventId: parsed.data.event_id, messageId: inbound.replyTo, chatType: parsed.data.message.chat_type };
    if (!verdict.ok) {
      handled.finish(inbound, false);
      log.info('lark.skipped', { ...ids, reason: verdict.reason });
      return;
    }
    if (inbound.rateLimited) log.warn('lark.rate_limited', ids);
    const key = inbound.incoming?.conversationId ?? inbound.replyTo;
    // Remembered as handled only once a reply went out (issue 13: a failed delivery must stay re-deliverable).
    deps.inflight.run(key, () => answer(inbound).then((ok) => handled.finish(inbound, ok)));
    log.info('lark.received', { ...ids, type: parsed.data.message.message_type });
  };
}
