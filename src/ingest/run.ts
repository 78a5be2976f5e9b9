// Incremental ingest: a manifest of content hashes decides which files are re-processed; chunks of deleted
// files are removed; failed files keep their previous chunks. The search index is rebuilt only when the
// chunks or the learn files changed, so a no-op re-ingest costs a directory walk and a few hashes — and when the
// served index generation fails validation (missing, torn, truncated, garbled): then it is rebuilt, never
// reported "unchanged" over a broken index.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ZhiyinError } from '../core/errors';
import { openChunkStore, type SqliteChunkStore } from '../store/chunk-store';
import { processFile, statAndRead, type IngestError } from './file-step';
import { readBytes, sha256Bytes } from './load-document';
import {
  defaultBuilder,
  defaultVerifier,
  learnFingerprint,
  rebuildSearchIndex,
  type BuildSearchIndex,
  type VerifySearchIndex,
} from './search-index';
import { listCorpusFiles } from './walk';
import { refreshExamples } from '../examples/refresh';

export type { IngestError } from './file-step';

/** Bump when loaders, parser or chunker change their output: every file is then re-processed. */
export const INGEST_VERSION = '5';

export interface IngestSummary {
  /** Documents with indexed chunks, in total after this run. */
  documents: number;
  /** Chunks in the store after this run. */
  chunks: number;
  unchanged: number;
  added: string[];
  changed: string[];
  removed: string[];
  errors: IngestError[];
  ms: number;
  /** Milliseconds spent in buildSearchIndex (0 when it was not needed). */
  indexMs?: number;
  /** Why the served index failed validation and was rebuilt (English, for operators); absent when it was fine. */
  repaired?: string;
}

export interface IngestOptions {
  corpusDirs: string[];
  indexDir: string;
  /** Learn files for the search-index builder; undefined = those of the last build, [] = none. */
  learnFiles?: string[];
  onProgress?: (done: number, total: number, file: string) => void;
  /** Progress of the search-index build that follows the chunking. */
  onIndexProgress?: (stage: string, done: number, total: number) => void;
  /** Test hook: the search-index builder (default: buildSearchIndex from src/index/build). */
  buildIndex?: BuildSearchIndex;
  /**
   * Test hook: validation of the served index. Default: checksums of the current generation when the default
   * builder is used; none with a custom `buildIndex` (a fake builder writes no generation to validate).
   */
  verifyIndex?: VerifySearchIndex | null;
}

/** Files per commit during a bulk ingest (see SqliteChunkStore.beginBatch). */
const COMMIT_EVERY = 100;

const key = (corpusDir: string, file: string) => `${corpusDir}\0${file}`;

function summarize(store: SqliteChunkStore, partial: Omit<IngestSummary, 'documents' | 'chunks'>): IngestSummary {
  const documents = store.manifest().filter((m) => m.chunks > 0).length;
  return { documents, chunks: store.count(), ...partial };
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const corpusDirs = [...new Set(opts.corpusDirs.map((d) => path.resolve(d)))];
  for (const dir of corpusDirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new ZhiyinError('E_CONFIG', `Corpus directory not found: ${dir}`, {
        userMessage: `知识库目录不存在：${dir}`,
      });
    }
  }
  const store = openChunkStore(opts.indexDir);
  try {
    const force = store.getMeta('ingestVersion') !== INGEST_VERSION;
    const manifest = new Map(store.manifest().map((m) => [key(m.corpusDir, m.file), m]));
    const listing: { corpusDir: string; file: string }[] = [];
    for (const corpusDir of corpusDirs) {
      for (const file of await listCorpusFiles(corpusDir)) listing.push({ corpusDir, file });
    }
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    const errors: IngestError[] = [];
    let unchanged = 0;
    let storeChanged = false;
    let done = 0;
    store.beginBatch();
    for (const { corpusDir, file } of listing) {
      if (done > 0 && done % COMMIT_EVERY === 0) {
        store.commitBatch();
        store.beginBatch();
      }
      const previous = manifest.get(key(corpusDir, file));
      const probe = await statAndRead(corpusDir, file, previous, force);
      if (probe.unchanged && previous) {
        unchanged++;
        // Same bytes under a new mtime (touched, copied): remember the mtime so the next run skips the read.
        if (probe.bytes && probe.stat && probe.stat.mtimeMs !== previous.mtimeMs) {
          store.setManifest({ ...previous, size: probe.stat.size, mtimeMs: probe.stat.mtimeMs });
        }
        if (previous.error) errors.push({ file, ...previous.error });
      } else {
        const outcome = await processFile(store, corpusDir, file, previous, probe, true);
        if (outcome.kind === 'failed') errors.push(outcome.error);
        else {
          storeChanged = true;
          (previous ? changed : added).push(file);
        }
      }
      opts.onProgress?.(++done, listing.length, file);
    }
    store.commitBatch();
    const present = new Set(listing.map((l) => key(l.corpusDir, l.file)));
    for (const m of manifest.values()) {
      if (present.has(key(m.corpusDir, m.file))) continue;
      store.transaction(() => {
        store.removeFile(m.corpusDir, m.file);
        store.removeManifest(m.corpusDir, m.file);
      });
      removed.push(m.file);
      storeChanged = storeChanged || m.chunks > 0;
    }
    store.setMeta('ingestVersion', INGEST_VERSION);

    // Without learnFiles, keep the ones the index was last built with: a plain `zhiyin ingest` must not drop what
    // `npm start` learned (and the next start would rebuild again). Pass [] to build without any.
    const learnFiles = opts.learnFiles
      ? opts.learnFiles.map((f) => path.resolve(f))
      : (JSON.parse(store.getMeta('learnFiles') ?? '[]') as string[]);
    const learnChanged = store.getMeta('learnHash') !== learnFingerprint(learnFiles);
    const built = store.getMeta('searchIndexBuilt') === '1';
    const repaired = built && !storeChanged && !learnChanged && !force ? await indexProblem(opts) : undefined;
    if (repaired) console.warn(`search index failed validation (${repaired}): rebuilding it`);
    const needsIndex = storeChanged || learnChanged || force || !built || repaired !== undefined;
    if (!needsIndex && !store.hasSnapshot()) store.writeSnapshot();
    if (!needsIndex && opts.verifyIndex === undefined && !opts.buildIndex) {
      const relinked = (await import('../index/generations')).repairFlatLinks(opts.indexDir);
      // The generation itself was intact (checksums): only the convenience links in the index dir were missing.
      if (relinked.length > 0) console.warn(`index intact; restored link(s) to current/: ${relinked.join(', ')}`);
    }
    const indexMs = needsIndex
      ? await rebuildSearchIndex(
          store,
          opts.indexDir,
          learnFiles,
          opts.buildIndex ?? (await defaultBuilder()),
          opts.onIndexProgress,
        )
      : 0;
    await refreshExamples(opts.indexDir, { rebuilt: needsIndex });
    return summarize(store, {
      unchanged,
      added,
      changed,
      removed,
      errors,
      ms: performance.now() - t0,
      indexMs,
      ...(repaired ? { repaired } : {}),
    });
  } finally {
    store.close();
  }
}

/** The validation problem of the served index, or undefined when it is intact (or validation is off). */
async function indexProblem(opts: IngestOptions): Promise<string | undefined> {
  const verify = opts.verifyIndex === undefined ? (opts.buildIndex ? null : await defaultVerifier()) : opts.verifyIndex;
  if (!verify) return undefined;
  const result = await verify(opts.indexDir);
  return result.ok ? undefined : (result.problem ?? 'invalid');
}

/** Shared start of the one-file operations: the clock, the resolved corpus dir, the '/'-path and the store. */
function openOne(opts: { corpusDir: string; file: string; indexDir: string }) {
  return {
    t0: performance.now(),
    corpusDir: path.resolve(opts.corpusDir),
    file: opts.file.split(path.sep).join('/'),
    store: openChunkStore(opts.indexDir),
  };
}

/** Rebuild the search index after a one-file change, with the learn files recorded by the last full ingest. */
async function rebuildWithRecordedLearning(
  store: SqliteChunkStore,
  opts: { indexDir: string; buildIndex?: BuildSearchIndex },
): Promise<number> {
  const learnFiles = JSON.parse(store.getMeta('learnFiles') ?? '[]') as string[];
  return rebuildSearchIndex(store, opts.indexDir, learnFiles, opts.buildIndex ?? (await defaultBuilder()));
}

/**
 * Re-index one file (web console upload). On failure nothing in the index changes — neither chunks nor the
 * manifest — and the summary carries the error. The search index is rebuilt with the learn files recorded by
 * the last full ingest.
 */
export async function ingestOneFile(opts: {
  corpusDir: string;
  file: string;
  indexDir: string;
  /** Test hook, as in IngestOptions. */
  buildIndex?: BuildSearchIndex;
}): Promise<IngestSummary> {
  const { t0, corpusDir, file, store } = openOne(opts);
  try {
    const previous = store.manifest().find((m) => m.corpusDir === corpusDir && m.file === file);
    const abs = path.join(corpusDir, file);
    const stat = await fsp.stat(abs).catch(() => undefined);
    const bytes = stat ? await readBytes(abs, file).catch(() => undefined) : undefined;
    const base = { unchanged: 0, added: [] as string[], changed: [] as string[], removed: [] as string[] };
    if (bytes && previous && !previous.error && previous.hash === sha256Bytes(bytes)) {
      return summarize(store, { ...base, unchanged: 1, errors: [], ms: performance.now() - t0 });
    }
    const outcome = await processFile(store, corpusDir, file, previous, { bytes, stat }, false);
    if (outcome.kind === 'failed') {
      return summarize(store, { ...base, errors: [outcome.error], ms: performance.now() - t0 });
    }
    (previous ? base.changed : base.added).push(file);
    const indexMs = await rebuildWithRecordedLearning(store, opts);
    return summarize(store, { ...base, errors: [], ms: performance.now() - t0, indexMs });
  } finally {
    store.close();
  }
}

/**
 * Remove one file's chunks and manifest entry (console delete; the caller moved the file out of the corpus) and
 * publish a new index generation without it. `removed` is empty when the file was not indexed.
 */
export async function removeOneFile(opts: {
  corpusDir: string;
  file: string;
  indexDir: string;
  /** Test hook, as in IngestOptions. */
  buildIndex?: BuildSearchIndex;
}): Promise<IngestSummary> {
  const { t0, corpusDir, file, store } = openOne(opts);
  try {
    const previous = store.manifest().find((m) => m.corpusDir === corpusDir && m.file === file);
    const base = { unchanged: 0, added: [] as string[], changed: [] as string[], errors: [] as IngestError[] };
    if (!previous) return summarize(store, { ...base, removed: [], ms: performance.now() - t0 });
    store.transaction(() => {
      store.removeFile(corpusDir, file);
      store.removeManifest(corpusDir, file);
    });
    const indexMs = await rebuildWithRecordedLearning(store, opts);
    return summarize(store, { ...base, removed: [file], ms: performance.now() - t0, indexMs });
  } finally {
    store.close();
  }
}
