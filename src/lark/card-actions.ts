// card.action.trigger: 👍/👎 (stored, card updated in the response or through CardKit), 查看原文 (the full
// article) and 查看完整回答 (the whole answer as text or a file). Responses must come within 3 s: slow sends are
// queued in the background.
import { describeError } from '../chat/log';
import { userMessageFor } from '../chat/user-errors';
import type { Chunk } from '../core/types';
import { answerCard, articleTexts } from './cards';
import { ButtonValueSchema, CardActionSchema } from './events';
import { inThreadFor } from './gate';
import type { LarkHandlerDeps } from './handlers';
import { sendLongText, uuidFor } from './send';
import { handleOnboardAction } from './onboard-actions';
import { OnboardButtonSchema } from './onboard-cards';

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
    const onboard = parsed.success ? OnboardButtonSchema.safeParse(parsed.data.action.value) : undefined;
    if (parsed.success && onboard?.success) return handleOnboardAction(deps, parsed.data, onboard.data);
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
      // 查看原文 through the access filter: the person clicking must be allowed to see the document.
      const op = parsed.data.operator;
      const viewer = await deps.identify?.({ openId: op?.open_id, userId: op?.user_id });
      if (viewer && deps.mayOpen && !deps.mayOpen(action.c, viewer)) return toast('warning', '原文暂不可用。');
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
