// Conversations: the recent turns of each conversation (history for follow-ups) and the retrieval context
// carried from the previous answer. Turns are also the lookup table for feedback and "show the rest" buttons.
import type { TransportName } from '../core/chat';
import type { RetrievalContext } from '../core/interfaces';
import type { ChatTurn, Citation } from '../core/types';
import type { StateDb } from './state-db';

/** A citation as stored: everything but the hits (which can be large and change with re-ingests). */
export type StoredCitation = Citation;

export interface StoredTurn {
  transport: TransportName;
  conversationId: string;
  userId: string;
  /** Platform id of the question message; (transport, messageId) is unique. */
  messageId: string;
  at: string;
  question: string;
  answer: string;
  refused: boolean;
  citations: StoredCitation[];
  /** Retrieval context derived from this turn, used by the next question of the conversation. */
  context?: RetrievalContext;
}

export interface ConversationStore {
  append(turn: StoredTurn): void;
  /** Turns since the last reset, oldest first, at most `limit`. */
  recent(conversationId: string, limit: number): StoredTurn[];
  /** The last turn's retrieval context, unless the conversation was reset after it. */
  lastContext(conversationId: string): RetrievalContext | undefined;
  findByMessage(transport: TransportName, messageId: string): StoredTurn | undefined;
  /** Forget the conversation for future questions (/new); old turns stay findable for feedback. */
  reset(conversationId: string, at: string): void;
  /** Delete turns (and reset markers) older than `beforeIso`; feedback keeps its own copy. Returns turns deleted. */
  prune(beforeIso: string): number;
}

interface TurnRow {
  id: number;
  transport: string;
  conversation_id: string;
  user_id: string;
  message_id: string;
  at: string;
  question: string;
  answer: string;
  refused: number;
  citations: string;
  context: string | null;
}

function fromRow(r: TurnRow): StoredTurn {
  return {
    transport: r.transport as TransportName,
    conversationId: r.conversation_id,
    userId: r.user_id,
    messageId: r.message_id,
    at: r.at,
    question: r.question,
    answer: r.answer,
    refused: r.refused === 1,
    citations: JSON.parse(r.citations) as StoredCitation[],
    context: r.context ? (JSON.parse(r.context) as RetrievalContext) : undefined,
  };
}

/** Turn a stored conversation into chat history (user, assistant, user, ...). */
export function turnsToHistory(turns: StoredTurn[], maxChars = 1500): ChatTurn[] {
  const cut = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars)}…` : s);
  return turns.flatMap((t): ChatTurn[] => [
    { role: 'user', content: cut(t.question) },
    { role: 'assistant', content: cut(t.answer) },
  ]);
}

export function createConversationStore(db: StateDb): ConversationStore {
  const insert = db.prepare(
    `INSERT INTO turns(transport, conversation_id, user_id, message_id, at, question, answer, refused, citations, context)
     VALUES (@transport, @conversation_id, @user_id, @message_id, @at, @question, @answer, @refused, @citations, @context)
     ON CONFLICT(transport, message_id) DO UPDATE SET
       conversation_id = excluded.conversation_id, user_id = excluded.user_id, at = excluded.at,
       question = excluded.question, answer = excluded.answer, refused = excluded.refused,
       citations = excluded.citations, context = excluded.context`,
  );
  const resetAfter = db.prepare<[string], { after_turn_id: number }>(
    'SELECT after_turn_id FROM conversation_resets WHERE conversation_id = ?',
  );
  const recentRows = db.prepare<[string, number, number], TurnRow>(
    'SELECT * FROM turns WHERE conversation_id = ? AND id > ? ORDER BY id DESC LIMIT ?',
  );
  const byMessage = db.prepare<[string, string], TurnRow>('SELECT * FROM turns WHERE transport = ? AND message_id = ?');
  const maxId = db.prepare<[string], { id: number | null }>(
    'SELECT MAX(id) AS id FROM turns WHERE conversation_id = ?',
  );
  const upsertReset = db.prepare<[string, number, string]>(
    `INSERT INTO conversation_resets(conversation_id, after_turn_id, at) VALUES (?, ?, ?)
     ON CONFLICT(conversation_id) DO UPDATE SET after_turn_id = excluded.after_turn_id, at = excluded.at`,
  );

  const pruneTurns = db.prepare<[string]>('DELETE FROM turns WHERE at < ?');
  const pruneResets = db.prepare<[string]>('DELETE FROM conversation_resets WHERE at < ?');
  const floor = (conversationId: string) => resetAfter.get(conversationId)?.after_turn_id ?? 0;

  return {
    append(turn) {
      insert.run({
        transport: turn.transport,
        conversation_id: turn.conversationId,
        user_id: turn.userId,
        message_id: turn.messageId,
        at: turn.at,
        question: turn.question,
        answer: turn.answer,
        refused: turn.refused ? 1 : 0,
        citations: JSON.stringify(turn.citations),
        context: turn.context ? JSON.stringify(turn.context) : null,
      });
    },
    recent(conversationId, limit) {
      if (limit <= 0) return [];
      return recentRows.all(conversationId, floor(conversationId), limit).reverse().map(fromRow);
    },
    lastContext(conversationId) {
      const last = recentRows.get(conversationId, floor(conversationId), 1);
      return last?.context ? (JSON.parse(last.context) as RetrievalContext) : undefined;
    },
    findByMessage(transport, messageId) {
      const row = byMessage.get(transport, messageId);
      return row ? fromRow(row) : undefined;
    },
    reset(conversationId, at) {
      upsertReset.run(conversationId, maxId.get(conversationId)?.id ?? 0, at);
    },
    prune(beforeIso) {
      pruneResets.run(beforeIso);
      return pruneTurns.run(beforeIso).changes;
    },
  };
}
