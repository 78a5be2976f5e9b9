// Feedback (👍/👎) on answers, kept with the question, the answer text and its citations so a reviewer
// can judge it later without the conversation.
import { randomUUID } from 'node:crypto';
import type { Clock, FeedbackEntry, FeedbackStore, IdSource, TransportName } from '../core/chat';
import type { StateDb } from './state-db';

interface FeedbackRow {
  id: string;
  at: string;
  transport: string;
  user_id: string;
  conversation_id: string;
  message_id: string;
  question: string;
  answer: string;
  rating: string;
  citations: string;
  comment: string | null;
}

export function createFeedbackStore(db: StateDb, options: { clock?: Clock; ids?: IdSource } = {}): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback(id, at, transport, user_id, conversation_id, message_id, question, answer, rating, citations, comment)
     VALUES (@id, @at, @transport, @user_id, @conversation_id, @message_id, @question, @answer, @rating, @citations, @comment)`,
  );
  const list = db.prepare<[number], FeedbackRow>('SELECT * FROM feedback ORDER BY at DESC, rowid DESC LIMIT ?');
  return {
    add(entry) {
      const full: FeedbackEntry = {
        ...entry,
        id: options.ids ? options.ids.next() : randomUUID(),
        at: (options.clock ? options.clock.now() : new Date()).toISOString(),
      };
      insert.run({
        id: full.id,
        at: full.at,
        transport: full.transport,
        user_id: full.userId,
        conversation_id: full.conversationId,
        message_id: full.messageId,
        question: full.question,
        answer: full.answer,
        rating: full.rating,
        citations: JSON.stringify(full.citations),
        comment: full.comment ?? null,
      });
      return full;
    },
    list(limit = 100) {
      return list.all(limit).map((r) => ({
        id: r.id,
        at: r.at,
        transport: r.transport as TransportName,
        userId: r.user_id,
        conversationId: r.conversation_id,
        messageId: r.message_id,
        question: r.question,
        answer: r.answer,
        rating: r.rating === 'down' ? 'down' : 'up',
        citations: JSON.parse(r.citations) as string[],
        ...(r.comment ? { comment: r.comment } : {}),
      }));
    },
  };
}
