// Card buttons of onboarding cards: an option button answers the open question, 下一课 moves on — both become
// an ordinary message through the one processMessage (so the chat, the web and Lark judge answers the same way)
// — and 查看原文 sends the passage. The reply is a new card under the clicked one, sent in the background so
// the callback answers within the platform's 3 s.
import { describeError } from '../chat/log';
import type { IncomingMessage } from '../core/chat';
import { articleTexts } from './cards';
import type { CardActionResponse } from './card-actions';
import type { CardActionEvent } from './events';
import type { LarkHandlerDeps } from './handlers';
import { onboardCardFor, type OnboardButton } from './onboard-cards';
import { sendLongText, uuidFor } from './send';

export async function handleOnboardAction(
  deps: LarkHandlerDeps,
  event: CardActionEvent,
  button: OnboardButton,
): Promise<CardActionResponse> {
  const { chat, logger: log } = deps;
  const userId = event.operator?.open_id ?? '';
  const cardMessage = event.context?.open_message_id ?? '';
  if (!userId || !cardMessage) return { toast: { type: 'warning', content: '无法识别操作的用户或卡片。' } };
  const key = event.event_id ?? `${cardMessage}:${JSON.stringify(button)}`;
  if (!chat.dedupe.firstSeen([`lark:evt:${key}`])) return {};
  log.info('lark.onboard_action', { action: button.ob, messageId: cardMessage });

  if (button.ob === 'article') {
    const parts = deps.lookupArticle?.(button.c) ?? [];
    const one = deps.lookupChunk?.(button.c);
    const chunks = parts.length > 0 ? parts : one ? [one] : [];
    if (chunks.length === 0) return { toast: { type: 'warning', content: '原文暂不可用（知识库可能已更新）。' } };
    deps.inflight.run(`${userId}:onboard-article`, async () => {
      try {
        for (const [i, text] of articleTexts(chunks).entries()) {
          await deps.api.replyText(cardMessage, text, { inThread: false, uuid: uuidFor(key, 'article', String(i)) });
        }
      } catch (e) {
        log.error('lark.onboard_article_failed', { messageId: cardMessage, error: describeError(e) });
      }
    });
    return { toast: { type: 'info', content: '正在发送原文……' } };
  }

  // A button of an older card must not answer the question that is open now.
  if (button.ob === 'answer' && deps.openQuizItem && deps.openQuizItem(userId) !== button.i) {
    return { toast: { type: 'warning', content: '这道题已经回答过了，请回答最新的题目。' } };
  }
  const message: IncomingMessage = {
    transport: 'lark',
    conversationId: `lark:${event.context?.open_chat_id ?? userId}`,
    userId,
    messageId: `card:${key}`,
    text: button.ob === 'answer' ? button.t : '/下一课',
    chatType: 'p2p',
  };
  deps.inflight.run(`${userId}:onboard`, async () => {
    try {
      const reply = await chat.processMessage(message);
      const card = onboardCardFor(reply);
      const send = { inThread: false, uuid: uuidFor(key, 'onboard') };
      if (card) await deps.api.replyCard(cardMessage, card, send);
      else await sendLongText(deps.api, cardMessage, reply.text, false, `${key}:onboard`);
    } catch (e) {
      log.error('lark.onboard_action_failed', { messageId: cardMessage, error: describeError(e) });
    }
  });
  return { toast: { type: 'info', content: button.ob === 'answer' ? '已收到您的回答。' : '正在准备下一课……' } };
}
