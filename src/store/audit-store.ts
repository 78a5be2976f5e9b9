// The audit trail (issue 16): one append-only row per answer — who asked, in which chat, when, which documents
// were retrieved and cited, and how many matching documents the access filter removed. No question text, no
// answer text, no tokens: the row says who saw which documents, nothing a reader of the log could misuse.
import type { Clock, TransportName } from '../core/chat';
import type { StateDb } from './state-db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  transport TEXT NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  chat_type TEXT NOT NULL,
  message_id TEXT NOT NULL,
  refused INTEGER NOT NULL,
  retrieved TEXT NOT NULL,
  cited TEXT NOT NULL,
  filtered INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_at ON audit(at);
CREATE INDEX IF NOT EXISTS audit_by_user ON audit(user_id, at);
-- Append-only: rows are never changed; only the retention prune deletes (whole rows, by age).
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
`;

/** One audit row as written. Documents are `file` (corpus-relative) or `file#第N条` strings. */
export interface AuditInput {
  transport: TransportName;
  userId: string;
  conversationId: string;
  chatType: 'p2p' | 'group';
  messageId: string;
  refused: boolean;
  /** Documents the retrieval returned (after the access filter), distinct, in rank order. */
  retrieved: string[];
  /** Citations of the answer as `file#article`. */
  cited: string[];
  /** Matching documents the access filter removed before ranking. */
  filtered: number;
}

export interface AuditRow extends AuditInput {
  id: number;
  /** ISO time. */
  at: string;
}

export interface AuditQuery {
  /** ISO time or date: rows at or after it. */
  since?: string;
  userId?: string;
  /** Most recent rows first; default 200, at most 10 000. */
  limit?: number;
}

export interface AuditStore {
  record(row: AuditInput): AuditRow;
  list(query?: AuditQuery): AuditRow[];
  /** Delete rows older than `retentionDays` days before now; returns how many were removed. */
  prune(retentionDays: number): number;
}

interface DbRow {
  id: number;
  at: string;
  transport: string;
  user_id: string;
  conversation_id: string;
  chat_type: string;
  message_id: string;
  refused: number;
  retrieved: string;
  cited: string;
  filtered: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** The audit table in the state database (created on first use). */
export function createAuditStore(db: StateDb, options: { clock?: Clock } = {}): AuditStore {
  db.exec(SCHEMA);
  const now = () => (options.clock ? options.clock.now() : new Date());
  const insert = db.prepare(
    `INSERT INTO audit(at, transport, user_id, conversation_id, chat_type, message_id, refused, retrieved, cited, filtered)
     VALUES (@at, @transport, @user_id, @conversation_id, @chat_type, @message_id, @refused, @retrieved, @cited, @filtered)`,
  );
  const del = db.prepare('DELETE FROM audit WHERE at < ?');
  return {
    record(row) {
      const at = now().toISOString();
      const info = insert.run({
        at,
        transport: row.transport,
        user_id: row.userId,
        conversation_id: row.conversationId,
        chat_type: row.chatType,
        message_id: row.messageId,
        refused: row.refused ? 1 : 0,
        retrieved: JSON.stringify(row.retrieved),
        cited: JSON.stringify(row.cited),
        filtered: row.filtered,
      });
      return { ...row, id: Number(info.lastInsertRowid), at };
    },
    list(query = {}) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.since) {
        where.push('at >= ?');
        args.push(new Date(query.since).toISOString());
      }
      if (query.userId) {
        where.push('user_id = ?');
        args.push(query.userId);
      }
      const limit = Math.min(10_000, Math.max(1, query.limit ?? 200));
      const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], DbRow>(sql)
        .all(...args, limit)
        .map((r) => ({
          id: r.id,
          at: r.at,
          transport: r.transport as TransportName,
          userId: r.user_id,
          conversationId: r.conversation_id,
          chatType: r.chat_type === 'group' ? 'group' : 'p2p',
          messageId: r.message_id,
          refused: r.refused === 1,
          retrieved: JSON.parse(r.retrieved) as string[],
          cited: JSON.parse(r.cited) as string[],
          filtered: r.filtered,
        }));
    },
    prune(retentionDays) {
      const cutoff = new Date(now().getTime() - retentionDays * DAY_MS).toISOString();
      return del.run(cutoff).changes;
    },
  };
}
