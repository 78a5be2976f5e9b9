// Chunks and the ingest manifest live in one SQLite file, INDEX/chunks.db: replacing a file's chunks and
// recording its new hash happen in one transaction, so an interrupted or failed ingest never loses what was
// indexed before. Reading all ~65k chunks of the national corpus takes well under a second.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ZhiyinError } from '../core/errors';
import type { ChunkStore } from '../core/interfaces';
import type { Chunk } from '../core/types';
import {
  CHUNK_COLUMNS,
  rawToChunk,
  rowToChunk,
  rowToManifest,
  type ChunkRow,
  type ManifestRow,
  type RawChunkRow,
} from './chunk-rows';
import type { ManifestEntry } from './chunk-rows';
import { readSnapshot, snapshotFile, writeSnapshot } from './chunk-snapshot';

export type { ManifestEntry } from './chunk-rows';

export const CHUNKS_DB_FILE = 'chunks.db';
const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY,
  corpus_dir TEXT NOT NULL,
  file TEXT NOT NULL,
  seq INTEGER NOT NULL,
  part INTEGER NOT NULL,
  title TEXT NOT NULL,
  article TEXT NOT NULL,
  heading_path TEXT NOT NULL,
  text TEXT NOT NULL,
  page INTEGER,
  version_date TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  ocr INTEGER
);
CREATE INDEX IF NOT EXISTS chunks_by_file ON chunks(corpus_dir, file, seq);
CREATE TABLE IF NOT EXISTS files (
  corpus_dir TEXT NOT NULL,
  file TEXT NOT NULL,
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  title TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT,
  error_user_message TEXT,
  PRIMARY KEY (corpus_dir, file)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export interface SqliteChunkStore extends ChunkStore {
  close(): void;
  count(): number;
  /** Files of the manifest, indexed or failed. */
  manifest(): ManifestEntry[];
  setManifest(entry: ManifestEntry): void;
  removeManifest(corpusDir: string, file: string): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Run `fn` in one transaction (all-or-nothing); nested inside a batch it becomes a savepoint. */
  transaction<T>(fn: () => T): T;
  /** Group many per-file transactions into one commit (a bulk ingest is ~5x faster that way); a crash before
   *  `commitBatch` loses only the batch, whose files are then re-processed by the next ingest. */
  beginBatch(): void;
  commitBatch(): void;
  /** Write the JSON snapshot that makes all() fast (see chunk-snapshot.ts); returns the chunks written. */
  writeSnapshot(): Chunk[];
  hasSnapshot(): boolean;
}

function openDb(file: string): Database.Database {
  try {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // `npm start` and a manual `zhiyin ingest` may overlap: wait for the other writer instead of failing.
    db.pragma('busy_timeout = 10000');
    return db;
  } catch (cause) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Cannot open chunk store ${file}: ${(cause as Error).message}`, {
      cause,
      userMessage: '知识库索引文件已损坏，请重新运行 zhiyin ingest 建立索引。',
    });
  }
}

export function openChunkStore(indexDir: string): SqliteChunkStore {
  fs.mkdirSync(indexDir, { recursive: true });
  const db = openDb(path.join(indexDir, CHUNKS_DB_FILE));
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const version = (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined)
    ?.value;
  if (version !== SCHEMA_VERSION) {
    // An older layout is rebuilt from the corpus rather than migrated: the corpus is the source of truth.
    db.exec('DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS files; DELETE FROM meta;');
  }
  db.exec(SCHEMA);
  // Added after schema 1 shipped: a nullable column, so existing stores gain it without a rebuild.
  const columns = db.prepare('PRAGMA table_info(chunks)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'ocr')) db.exec('ALTER TABLE chunks ADD COLUMN ocr INTEGER');
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);

  const q = {
    // Raw arrays skip the per-row object that better-sqlite3 would build: ~30% faster on 65k chunks.
    all: db.prepare(`SELECT ${CHUNK_COLUMNS} FROM chunks ORDER BY corpus_dir, file, seq`).raw(),
    byFile: db.prepare('SELECT * FROM chunks WHERE corpus_dir = ? AND file = ? ORDER BY seq'),
    byId: db.prepare('SELECT * FROM chunks WHERE id = ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM chunks'),
    del: db.prepare('DELETE FROM chunks WHERE corpus_dir = ? AND file = ?'),
    ins: db.prepare(`INSERT OR REPLACE INTO chunks
      (id, corpus_dir, file, seq, part, title, article, heading_path, text, page, version_date, text_hash, ocr)
      VALUES (@id, @corpusDir, @file, @seq, @part, @title, @article, @headingPath, @text, @page, @versionDate, @textHash, @ocr)`),
    manifest: db.prepare('SELECT * FROM files ORDER BY corpus_dir, file'),
    setManifest: db.prepare(`INSERT OR REPLACE INTO files
      (corpus_dir, file, hash, size, mtime_ms, title, chunks, error_code, error_message, error_user_message)
      VALUES (@corpusDir, @file, @hash, @size, @mtimeMs, @title, @chunks, @errorCode, @errorMessage, @errorUserMessage)`),
    delManifest: db.prepare('DELETE FROM files WHERE corpus_dir = ? AND file = ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };

  const generation = () => (q.getMeta.get('generation') as { value: string } | undefined)?.value ?? 'none';
  const bump = () => q.setMeta.run('generation', randomUUID());
  const replaceFile = db.transaction((corpusDir: string, file: string, chunks: Chunk[]) => {
    q.del.run(corpusDir, file);
    for (const c of chunks) q.ins.run({ ...c, headingPath: JSON.stringify(c.headingPath), ocr: c.ocr ? 1 : null });
    bump();
  });
  const removeFile = db.transaction((corpusDir: string, file: string) => {
    q.del.run(corpusDir, file);
    bump();
  });
  const allFromDb = () => (q.all.all() as RawChunkRow[]).map(rawToChunk);

  return {
    // Inside an open batch the generation may not be committed yet: read the rows themselves.
    all: () => (db.inTransaction ? undefined : readSnapshot(indexDir, generation())) ?? allFromDb(),
    byFile: (corpusDir, file) => (q.byFile.all(corpusDir, file) as ChunkRow[]).map(rowToChunk),
    byId: (id) => {
      const row = q.byId.get(id) as ChunkRow | undefined;
      return row ? rowToChunk(row) : undefined;
    },
    replaceFile: (corpusDir, file, chunks) => replaceFile(corpusDir, file, chunks),
    removeFile: (corpusDir, file) => removeFile(corpusDir, file),
    count: () => (q.count.get() as { n: number }).n,
    manifest: () => (q.manifest.all() as ManifestRow[]).map(rowToManifest),
    setManifest: (e) => {
      q.setManifest.run({
        ...e,
        errorCode: e.error?.code ?? null,
        errorMessage: e.error?.message ?? null,
        errorUserMessage: e.error?.userMessage ?? null,
      });
    },
    removeManifest: (corpusDir, file) => {
      q.delManifest.run(corpusDir, file);
    },
    getMeta: (key) => (q.getMeta.get(key) as { value: string } | undefined)?.value,
    setMeta: (key, value) => {
      q.setMeta.run(key, value);
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    beginBatch: () => {
      if (!db.inTransaction) db.exec('BEGIN');
    },
    commitBatch: () => {
      if (db.inTransaction) db.exec('COMMIT');
    },
    writeSnapshot: () => {
      const chunks = allFromDb();
      writeSnapshot(indexDir, generation(), chunks);
      return chunks;
    },
    hasSnapshot: () => fs.existsSync(snapshotFile(indexDir, generation())),
    close: () => db.close(),
  };
}

/** Every chunk of the index at `indexDir`, read with a store opened and closed for the purpose. */
export function readAllChunks(indexDir: string): Chunk[] {
  const store = openChunkStore(indexDir);
  try {
    return store.all();
  } finally {
    store.close();
  }
}
