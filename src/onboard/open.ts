// Production wiring: the onboarding plugin over the index's chunk store (what retrieval serves) and the
// declarations in the corpus folders. The corpus model is rebuilt when the chunk store changes (an upload).
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Viewer } from '../core/access';
import type { Chunk } from '../core/types';
import { CHUNKS_DB_FILE, openChunkStore } from '../store/chunk-store';
import { createOnboardPlugin, type OnboardPlugin } from './chat-commands';
import { createOnboardCorpus, type OnboardCorpus } from './corpus';
import { readDeclaration, readFrontMatterSteps } from './path';

/** All chunks of the index (read-only open, closed at once); [] when no index exists yet. */
export function readIndexChunks(indexDir: string): Chunk[] {
  if (!fs.existsSync(path.join(indexDir, CHUNKS_DB_FILE))) return [];
  const store = openChunkStore(indexDir);
  try {
    return store.all();
  } finally {
    store.close();
  }
}

/** A corpus getter that reloads when chunks.db was written since the last load. */
export function indexCorpus(indexDir: string): () => OnboardCorpus {
  let cached: { stamp: string; corpus: OnboardCorpus } | undefined;
  const stampOf = () => {
    const files = [CHUNKS_DB_FILE, `${CHUNKS_DB_FILE}-wal`].map((f) => path.join(indexDir, f));
    return files.map((f) => (fs.existsSync(f) ? `${fs.statSync(f).size}:${fs.statSync(f).mtimeMs}` : '-')).join('|');
  };
  return () => {
    const stamp = stampOf();
    if (!cached || cached.stamp !== stamp) {
      const corpus = createOnboardCorpus(readIndexChunks(indexDir));
      // Reading closes the store, which may checkpoint the WAL: take the stamp after the read.
      cached = { stamp: stampOf(), corpus };
    }
    return cached.corpus;
  };
}

/** The onboarding chat plugin for a running server (web chat or Lark bot). */
/**
 * `visible(chunk, viewer)`: the access filter (src/access) for lessons and quizzes; absent = every passage shown
 * (only for tests and tools without an index engine).
 */
export function openOnboardPlugin(
  config: Config,
  now?: () => Date,
  visible?: (chunk: Chunk, viewer: Viewer | undefined) => boolean,
): OnboardPlugin {
  const corpus = indexCorpus(config.indexDir);
  // Front matter is read from the files once per corpus version, not on every message.
  const frontMatter = new WeakMap<OnboardCorpus, ReturnType<typeof readFrontMatterSteps>>();
  return createOnboardPlugin({
    corpus,
    declaration: () => readDeclaration(config.corpusDirs),
    frontMatter: () => {
      const c = corpus();
      const hit = frontMatter.get(c) ?? readFrontMatterSteps(config.corpusDirs, c);
      frontMatter.set(c, hit);
      return hit;
    },
    now,
    visible,
  });
}
