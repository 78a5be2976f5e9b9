// One SQLite file in config.stateDir holds all runtime state (conversations, feedback, event de-duplication),
// so a restart keeps the de-duplication window and the conversations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ZhiyinError } from '../core/errors';

export type StateDb = Database.Database;

export const STATE_DB_FILE = 'state.db';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transport TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  at TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  refused INTEGER NOT NULL,
  citations TEXT NOT NULL,
  context TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS turns_by_message ON turns(transport, message_id);
CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns(conversation_id, id);
CREATE TABLE IF NOT EXISTS conversation_resets (
  conversation_id TEXT PRIMARY KEY,
  after_turn_id INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  transport TEXT NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  rating TEXT NOT NULL,
  citations TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX IF NOT EXISTS feedback_by_at ON feedback(at);
CREATE TABLE IF NOT EXISTS seen_events (
  key TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_events_by_at ON seen_events(at);
`;

/** Open (creating when needed) the state database in `stateDir`; ':memory:' gives a throw-away one. */
export function openStateDb(stateDir: string): StateDb {
  let db: StateDb;
  try {
    if (stateDir === ':memory:') {
      db = new Database(':memory:');
    } else {
      fs.mkdirSync(stateDir, { recursive: true });
      db = new Database(path.join(stateDir, STATE_DB_FILE));
      db.pragma('journal_mode = WAL');
      // FULL syncs the WAL at every commit: a turn or a 👍 acknowledged to the user survives kill -9 and power
      // loss alike (NORMAL may lose the last commits on power loss). State writes are few and small.
      db.pragma('synchronous = FULL');
    }
  } catch (e) {
    throw new ZhiyinError('E_CONFIG', `Cannot open the state database in ${stateDir}`, { cause: e });
  }
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new ZhiyinError(
      'E_CONFIG',
      `State database schema ${version} is newer than this program (${SCHEMA_VERSION}).`,
    );
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}
