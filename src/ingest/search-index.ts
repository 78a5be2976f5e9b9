// The hand-over to the retrieval code: rebuild the search index from the chunk store when something changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../core/types';
import type { BuildOptions } from '../index/build';
import type { VerifyResult } from '../index/generation-check';
import type { SqliteChunkStore } from '../store/chunk-store';

/** buildSearchIndex from src/index/build (returns the new generation dir) or a test fake. */
export type BuildSearchIndex = (indexDir: string, chunks: Chunk[], options: BuildOptions) => Promise<unknown>;
/** Checks the served index (verifyIndex from src/index/generations, or a test fake). */
export type VerifySearchIndex = (indexDir: string) => Promise<VerifyResult>;
export type IndexProgress = (stage: string, done: number, total: number) => void;

/** Loaded on first use: a no-op re-ingest never pays for loading the tokenizer and vector libraries. */
export async function defaultBuilder(): Promise<BuildSearchIndex> {
  return (await import('../index/build')).buildSearchIndex;
}

/** Loaded on first use, like the builder: full checksum validation of the current generation. */
export async function defaultVerifier(): Promise<VerifySearchIndex> {
  const { verifyIndex } = await import('../index/generation-check');
  return (dir) => verifyIndex(dir, { checksums: true });
}

/** Paths and contents of the learn files: a change in either requires a rebuild. */
export function learnFingerprint(files: string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(f + '\0');
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from('missing'));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Write the chunk snapshot, build the search index from it, and record what it was built with. */
export async function rebuildSearchIndex(
  store: SqliteChunkStore,
  indexDir: string,
  learnFiles: string[],
  build: BuildSearchIndex,
  onProgress?: IndexProgress,
): Promise<number> {
  const t0 = performance.now();
  store.setMeta('searchIndexBuilt', '0');
  // One builder at a time per index dir: the later one then reads the later chunks, so an older build can never
  // be switched to after a newer one (a CLI ingest while the console uploads).
  await withBuildLock(indexDir, () => build(indexDir, store.writeSnapshot(), { learnFiles, onProgress }));
  store.setMeta('searchIndexBuilt', '1');
  store.setMeta('learnFiles', JSON.stringify(learnFiles));
  store.setMeta('learnHash', learnFingerprint(learnFiles));
  return performance.now() - t0;
}

const LOCK_FILE = '.build.lock';

/**
 * Run `fn` holding INDEX/.build.lock (created exclusively, holding the pid). A lock whose pid is gone (a killed
 * build) is taken over; a live holder is waited for, polling every 200 ms.
 */
export async function withBuildLock<T>(indexDir: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(indexDir, { recursive: true });
  const lock = path.join(indexDir, LOCK_FILE);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!holderAlive(lock)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8'));
  } catch {
    return true; // being written right now: look again shortly
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
