// Read-only access to the chat state database (state.db in the state dir the web chat and Lark bot use).
// An export must never change the state: no directory or database is created, the schema is not touched, and a
// running server keeps writing while we read (SQLite WAL allows one writer beside readers).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FeedbackEntry } from '../core/chat';
import type { RetrievalContext } from '../core/interfaces';
import { ZhiyinError } from '../core/errors';
import { createConversationStore, type ConversationStore, type StoredTurn } from '../store/conversation-store';
import { createFeedbackStore } from '../store/feedback-store';
import { STATE_DB_FILE, type StateDb } from '../store/state-db';
import type { TurnLookup } from './feedback-export';

export interface FeedbackState {
  entries: FeedbackEntry[];
  turns: TurnLookup;
  close(): void;
}

/** Newest schema this reader understands (user_version written by openStateDb). */
const KNOWN_SCHEMA = 1;

export function readFeedbackState(stateDir: string): FeedbackState {
  const dir = path.resolve(stateDir);
  if (!fs.existsSync(dir)) {
    throw new ZhiyinError('E_CONFIG', `State directory ${dir} does not exist (set ZHIYIN_STATE or pass --state)`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new ZhiyinError('E_CONFIG', `State path ${dir} is not a directory`);
  const file = path.join(dir, STATE_DB_FILE);
  if (!fs.existsSync(file)) {
    throw new ZhiyinError('E_CONFIG', `No ${STATE_DB_FILE} in ${dir}: no chat has run with this state directory`);
  }
  let db: StateDb | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > KNOWN_SCHEMA) {
      throw new ZhiyinError(
        'E_CONFIG',
        `State database schema ${version} is newer than this program (${KNOWN_SCHEMA})`,
      );
    }
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const names = new Set(tables.map((t) => t.name));
    if (!names.has('feedback') || !names.has('turns')) {
      throw new ZhiyinError('E_UNREADABLE', `${file} is not a zhiyin state database (no feedback/turns tables)`);
    }
    // Prepared INSERTs are harmless on a read-only connection; only running one would fail.
    // -1 = no LIMIT in SQLite: the export wants every entry, not the newest page.
    // list() is newest first (at DESC, rowid DESC); reversed it is insertion order, which breaks ties in `at`.
    const entries = createFeedbackStore(db).list(-1).reverse();
    const conversations = createConversationStore(db);
    const open = db;
    return {
      entries,
      turns: {
        findByMessage: (t, id) => conversations.findByMessage(t, id),
        contextOf: contextLookup(conversations),
      },
      close: () => open.close(),
    };
  } catch (cause) {
    db?.close();
    if (cause instanceof ZhiyinError) throw cause;
    throw new ZhiyinError('E_UNREADABLE', `Cannot read the state database ${file}`, { cause });
  }
}

/** Every turn of a conversation is wanted, however long it ran. */
const ALL_TURNS = 2 ** 31 - 1;

/**
 * A turn was answered with the context stored on the turn before it (see StoredTurn.context). Only turns since the
 * conversation's last /new are listed by the store, and only the last reset is kept, so an older turn is 'unknown'.
 */
function contextLookup(
  conversations: ConversationStore,
): (turn: StoredTurn) => RetrievalContext | undefined | 'unknown' {
  const cache = new Map<string, StoredTurn[]>();
  return (turn) => {
    let list = cache.get(turn.conversationId);
    if (!list) cache.set(turn.conversationId, (list = conversations.recent(turn.conversationId, ALL_TURNS)));
    const i = list.findIndex((t) => t.transport === turn.transport && t.messageId === turn.messageId);
    if (i < 0) return 'unknown';
    return i === 0 ? undefined : list[i - 1]!.context;
  };
}
