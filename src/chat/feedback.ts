// Recording 👍/👎 for an answer. Transports only know which message was rated; the question, the answer text
// and its citations are looked up from the stored conversation turn.
import type { FeedbackEntry, FeedbackRating, FeedbackStore, TransportName } from '../core/chat';
import { ZhiyinError } from '../core/errors';
import type { ConversationStore } from '../store/conversation-store';
import { silentLogger, type OperatorLogger } from './log';
import { citationLabel } from './render';

export interface FeedbackRequest {
  transport: TransportName;
  userId: string;
  /** Optional: the stored turn knows its conversation; when given it must match. */
  conversationId?: string;
  /** Id of the question message the rated answer replied to (IncomingMessage.messageId). */
  messageId: string;
  rating: FeedbackRating;
  comment?: string;
}

export type RecordFeedback = (request: FeedbackRequest) => FeedbackEntry;

export function createRecordFeedback(deps: {
  sessions: ConversationStore;
  feedback: FeedbackStore;
  logger?: OperatorLogger;
}): RecordFeedback {
  const log = deps.logger ?? silentLogger;
  return (req) => {
    if (req.rating !== 'up' && req.rating !== 'down') {
      throw new ZhiyinError('E_BAD_REQUEST', `Unknown rating ${String(req.rating)}`);
    }
    const turn = deps.sessions.findByMessage(req.transport, req.messageId);
    // On the web each person rates only their own answers: rating someone else's would copy their question and
    // answer into the rater's feedback log (issue 16). In a Lark group anyone who reads the card may rate it.
    const foreign = turn !== undefined && req.transport === 'web' && turn.userId !== req.userId;
    if (!turn || foreign || (req.conversationId !== undefined && req.conversationId !== turn.conversationId)) {
      throw new ZhiyinError('E_BAD_REQUEST', `No answer stored for ${req.transport} message ${req.messageId}`, {
        userMessage: '找不到这条回答，可能已经过期。',
      });
    }
    const entry = deps.feedback.add({
      transport: req.transport,
      userId: req.userId,
      conversationId: turn.conversationId,
      messageId: req.messageId,
      question: turn.question,
      answer: turn.answer,
      rating: req.rating,
      citations: [...new Set(turn.citations.map(citationLabel))],
      ...(req.comment ? { comment: req.comment.slice(0, 2000) } : {}),
    });
    log.info('chat.feedback', { transport: req.transport, messageId: req.messageId, rating: req.rating });
    return entry;
  };
}
