// Event handlers registered on the EventDispatcher (shared by the long connection and the webhook).
// im.message.receive_v1: validate, run the gate steps, acknowledge at once, answer in the background.
// card.action.trigger: feedback (stored, card updated in the response), 查看原文 and 查看完整回答.
import type { OpenedChat } from '../chat/open';
import { describeError, type OperatorLogger } from '../chat/log';
import { userMessageFor } from '../chat/user-errors';
import { ZhiyinError } from '../core/errors';
import type { Chunk } from '../core/types';
import type { LarkApi } from './api';
import { answerCard, articleTexts } from './cards';
import { ButtonValueSchema, CardActionSchema, MessageReceiveSchema } from './events';
import {
  dedupe,
  groupsOnlyWhenMentioned,
  ignoreOwnMessages,
  inThreadFor,
  perUserRateLimit,
  readContent,
  runSteps,
  toInbound,
  type Inbound,
} from './gate';
import type { InflightTasks } from './inflight';
import { deliverReply, sendLongText, uuidFor } from './send';
import { AnswerStream, DEFAULT_STREAM, type StreamOptions } from './stream';

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
  stream?: StreamOptions;
  /** Upper bound for answering one question. */
  answerTimeoutMs?: number;
  /** Shared between the message and card-action handlers (streamed cards). */
  entities?: CardEntities;
  /** Questions per user per minute before the bot answers with "请求太频繁". */
  maxQuestionsPerMinute?: number;
}

export const DEFAULT_QUESTIONS_PER_MINUTE = 20;

export const UNSUPPORTED_TEXT = '暂不支持这类消息（图片、文件、语音等），请直接用文字提问。发送 /help 查看用法。';

/**
 * Streamed answers live in CardKit card entities, which are updated through CardKit (with a higher sequence)
 * rather than by the callback's raw card. Remembered per question message, most recent 1,000.
 */
export class CardEntities {
  private readonly map = new Map<string, { cardId: string; sequence: number }>();
  set(messageId: string, entity: { cardId: string; sequence: number }): void {
    this.map.delete(messageId);
    this.map.set(messageId, entity);
    if (this.map.size > 1000) this.map.delete(this.map.keys().next().value as string);
  }
  /** Take the next sequence number for an update of the card answering `messageId`. */
  next(messageId: string): { cardId: string; sequence: number } | undefined {
    const e = this.map.get(messageId);
    if (!e) return undefined;
    e.sequence += 1;
    return { ...e };
  }
}

export function createMessageHandler(deps: LarkHandlerDeps): (data: unknown) => Promise<void> {
  const { chat, logger: log } = deps;
  const steps = [
    ignoreOwnMessages(deps.botOpenId),
    groupsOnlyWhenMentioned(deps.botOpenId),
    dedupe(chat.dedupe),
    perUserRateLimit(deps.maxQuestionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE),
    readContent(deps.botOpenId),
  ];

  const answer = async (inbound: Inbound): Promise<void> => {
    const { replyTo, inThread } = inbound;
    const started = Date.now();
    try {
      if (inbound.rateLimited) {
        const text = userMessageFor(new ZhiyinError('E_RATE_LIMITED', 'per-user limit'));
        await deps.api.replyText(replyTo, text, { inThread, uuid: uuidFor(replyTo, 'rate-limited') });
        return;
      }
      if (!inbound.incoming) {
        await deps.api.replyText(replyTo, UNSUPPORTED_TEXT, { inThread, uuid: uuidFor(replyTo, 'unsupported') });
        return;
      }
      const stream = new AnswerStream(
        deps.api,
        replyTo,
        { inThread, uuid: uuidFor(replyTo, 'stream') },
        log,
        deps.stream ?? DEFAULT_STREAM,
      );
      const reply = await chat.processMessage(inbound.incoming, {
        onToken: stream.onToken,
        signal: AbortSignal.timeout(deps.answerTimeoutMs ?? 120_000),
      });
      await deliverReply(deps.api, log, replyTo, inThread, reply, stream);
      if (stream.entity) deps.entities?.set(replyTo, stream.entity);
      log.info('lark.replied', { messageId: replyTo, kind: reply.kind, ms: Date.now() - started });
    } catch (e) {
      log.error('lark.reply_failed', { messageId: replyTo, error: describeError(e) });
      // Last resort: tell the user something went wrong (may fail again if the platform is down).
      await deps.api
        .replyText(replyTo, userMessageFor(e), { inThread, uuid: uuidFor(replyTo, 'error') })
        .catch(() => {});
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
    const verdict = runSteps(inbound, steps);
    const ids = { eventId: parsed.data.event_id, messageId: inbound.replyTo, chatType: parsed.data.message.chat_type };
    if (!verdict.ok) {
      log.info('lark.skipped', { ...ids, reason: verdict.reason });
      return;
    }
    if (inbound.rateLimited) log.warn('lark.rate_limited', ids);
    const key = inbound.incoming?.conversationId ?? inbound.replyTo;
    deps.inflight.run(key, () => answer(inbound));
    log.info('lark.received', { ...ids, type: parsed.data.message.message_type });
  };
}

export interface CardActionResponse {
  toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

export function createCardActionHandler(deps: LarkHandlerDeps): (data: unknown) => Promise<CardActionResponse> {
  const { chat, logger: log } = deps;
  const toast = (type: NonNullable<CardActionResponse['toast']>['type'], content: string): CardActionResponse => ({
    toast: { type, content },
  });

  const articleOf = (chunkId: string): Chunk[] => {
    const parts = deps.lookupArticle?.(chunkId) ?? [];
    if (parts.length > 0) return parts;
    const one = deps.lookupChunk?.(chunkId);
    return one ? [one] : [];
  };

  return async (data) => {
    const parsed = CardActionSchema.safeParse(data);
    const value = parsed.success ? ButtonValueSchema.safeParse(parsed.data.action.value) : undefined;
    if (!parsed.success || !value?.success) {
      log.warn('lark.card_action_unknown', { eventId: parsed.success ? parsed.data.event_id : undefined });
      return toast('info', '该操作已过期或不受支持。');
    }
    const action = value.data;
    const userId = parsed.data.operator?.open_id ?? 'unknown';
    if (parsed.data.event_id && !chat.dedupe.firstSeen([`lark:evt:${parsed.data.event_id}`])) return {};
    const turn = chat.sessions.findByMessage('lark', action.m);
    if (!turn) return toast('warning', '找不到这条回答，可能已经过期。');
    const inThread = inThreadFor(turn.conversationId);
    log.info('lark.card_action', { action: action.a, messageId: action.m });

    if (action.a === 'fb') {
      try {
        chat.recordFeedback({ transport: 'lark', userId, messageId: action.m, rating: action.r });
      } catch (e) {
        log.warn('lark.feedback_failed', { messageId: action.m, error: describeError(e) });
        return toast('error', userMessageFor(e));
      }
      const card = answerCard({
        questionMessageId: action.m,
        answer: turn.answer,
        citations: turn.citations,
        refused: turn.refused,
        rated: action.r,
      });
      const entity = deps.entities?.next(action.m);
      if (entity) {
        deps.inflight.run(`${turn.conversationId}:card`, async () => {
          await deps.api
            .updateCardEntity(entity.cardId, card, entity.sequence)
            .catch((e: unknown) => log.warn('lark.card_update_failed', { error: describeError(e) }));
        });
        return toast('success', '已记录您的反馈，谢谢！');
      }
      return { toast: { type: 'success', content: '已记录您的反馈，谢谢！' }, card: { type: 'raw', data: card } };
    }

    if (action.a === 'article') {
      const chunks = articleOf(action.c);
      const citation = turn.citations.find((c) => c.chunkId === action.c);
      const texts =
        chunks.length > 0
          ? articleTexts(chunks)
          : citation
            ? [`《${citation.title}》${citation.article}\n\n${citation.quote}\n\n（原文暂不可用，以上为引用摘录。）`]
            : [];
      if (texts.length === 0) return toast('warning', '原文暂不可用。');
      deps.inflight.run(`${turn.conversationId}:article`, async () => {
        try {
          for (const [i, text] of texts.entries()) {
            await deps.api.replyText(action.m, text, {
              inThread,
              uuid: uuidFor(action.m, 'article', action.c, String(i)),
            });
          }
        } catch (e) {
          log.error('lark.article_failed', { messageId: action.m, error: describeError(e) });
        }
      });
      return toast('info', '正在发送原文……');
    }

    deps.inflight.run(`${turn.conversationId}:full`, async () => {
      try {
        await sendLongText(deps.api, action.m, turn.answer, inThread, `${action.m}:full`, '回答全文.txt');
      } catch (e) {
        log.error('lark.full_answer_failed', { messageId: action.m, error: describeError(e) });
      }
    });
    return toast('info', '正在发送完整回答……');
  };
}
