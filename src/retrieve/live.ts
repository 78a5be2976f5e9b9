// Live index swap for serving processes (web chat, Lark bot): watch the `current` generation pointer of the index
// dir (fs.watch plus a cheap readlink poll, since watch events are not delivered on every file system) and, when
// it moves, open the new generation beside the old one and switch atomically. Requests keep the generation they
// started with: each holds a reference, and the old generation is closed only when its last request finished.
import fs from 'node:fs';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import type { Answerer } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { currentGeneration, MAINTENANCE_MESSAGE, rebuildCommand } from '../index/generations';
import type { SearchEngine } from './open';

/** Poll interval of the pointer (one readlink); fs.watch usually reports sooner. */
export const LIVE_POLL_MS = 1_000;

export interface LiveIndexOptions<T> {
  indexDir: string;
  /** Open what serves the current generation (e.g. openAnswerer). Errors are coded ZhiyinErrors. */
  open: () => Promise<T>;
  /** What serves while no generation can be opened (index missing or damaged); `error` is why. */
  fallback: (error: unknown) => T;
  /** Release a generation no request uses any more. */
  close?: (value: T) => void;
  pollMs?: number;
  /** Operator log line (English). */
  log?: (level: 'info' | 'error', msg: string, fields: Record<string, unknown>) => void;
}

export interface LiveIndex<T> {
  /** What serves now (for quick lookups that need no reference, e.g. 查看原文). */
  current(): T;
  /** Run `fn` on the generation being served, keeping it open until `fn` settles. */
  use<R>(fn: (value: T) => Promise<R>): Promise<R>;
  /** The generation served (undefined while the fallback serves). */
  generation(): string | undefined;
  /** Check the pointer now and resolve once the generation it names is served (or failed to open). */
  refresh(): Promise<void>;
  close(): void;
}

interface Holder<T> {
  value: T;
  generation?: string;
  inflight: number;
  retired: boolean;
}

/**
 * Open the current generation (or the fallback when that fails) and keep following the pointer.
 * A generation that fails to open is logged and the previous one keeps serving.
 */
export async function createLiveIndex<T>(options: LiveIndexOptions<T>): Promise<LiveIndex<T>> {
  const log = options.log ?? defaultLog;
  let loading: Promise<void> | undefined;
  /** Generation whose open failed: not retried until the pointer moves again. */
  let failed: string | undefined;
  let closed = false;
  let active = await openHolder();

  async function openHolder(): Promise<Holder<T>> {
    const generation = currentGeneration(options.indexDir);
    try {
      const value = await options.open();
      return { value, generation, inflight: 0, retired: false };
    } catch (e) {
      logOpenError(e, generation);
      failed = generation;
      return { value: options.fallback(e), inflight: 0, retired: false };
    }
  }

  function logOpenError(e: unknown, generation: string | undefined): void {
    const code = isZhiyinError(e) ? e.code : 'E_INTERNAL';
    // No index yet is a normal first run; anything else is damage an operator must repair.
    log(code === 'E_INDEX_MISSING' ? 'info' : 'error', 'index.open_failed', {
      code,
      generation,
      err: e instanceof Error ? e.message : String(e),
      fix: `run \`${rebuildCommand(options.indexDir)}\``,
    });
  }

  function release(h: Holder<T>): void {
    if (h.retired && h.inflight === 0) options.close?.(h.value);
  }

  async function swapTo(generation: string): Promise<void> {
    try {
      const value = await options.open();
      if (closed) return options.close?.(value);
      const previous = active;
      active = { value, generation, inflight: 0, retired: false };
      previous.retired = true;
      release(previous);
      failed = undefined;
      log('info', 'index.swapped', { from: previous.generation, to: generation });
    } catch (e) {
      failed = generation;
      logOpenError(e, generation);
    }
  }

  function check(): Promise<void> {
    if (closed) return Promise.resolve();
    if (loading) return loading;
    const generation = currentGeneration(options.indexDir);
    if (!generation || generation === active.generation || generation === failed) return Promise.resolve();
    loading = swapTo(generation).finally(() => {
      loading = undefined;
    });
    return loading;
  }

  const timer = setInterval(() => void check(), options.pollMs ?? LIVE_POLL_MS);
  timer.unref();
  let watcher: fs.FSWatcher | undefined;
  try {
    watcher = fs.watch(options.indexDir, (_event, name) => {
      if (name === null || String(name) === 'current') void check();
    });
    watcher.on('error', () => watcher?.close());
    watcher.unref();
  } catch {
    watcher = undefined; // no index dir yet: the poll notices the first generation
  }

  return {
    current: () => active.value,
    generation: () => active.generation,
    async use(fn) {
      const h = active;
      h.inflight++;
      try {
        return await fn(h.value);
      } finally {
        h.inflight--;
        release(h);
      }
    },
    async refresh() {
      // A load in progress may be of an older pointer: check again once it is done.
      for (let i = 0; i < 3; i++) {
        await check();
        if (!loading) return;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      watcher?.close();
      active.retired = true;
      release(active);
    },
  };
}

function defaultLog(level: 'info' | 'error', msg: string, fields: Record<string, unknown>): void {
  console.error(JSON.stringify({ level, msg, ...fields }));
}

/** The user-facing error while no generation can be served: first run (nothing built) or maintenance. */
export function unavailableError(e: unknown): ZhiyinError {
  if (isZhiyinError(e) && e.code === 'E_INDEX_MISSING') {
    return new ZhiyinError('E_INDEX_MISSING', 'no search index yet', {
      userMessage: '知识库还没有导入任何文档：请在控制台上传文档，或运行 zhiyin ingest。',
    });
  }
  return new ZhiyinError('E_INDEX_CORRUPT', 'search index cannot be opened', {
    cause: e,
    userMessage: MAINTENANCE_MESSAGE,
  });
}

/** A SearchEngine that forwards every call to the engine served now (for the Lark bot's 查看原文 and /sources). */
export function liveEngine(live: LiveIndex<{ engine: SearchEngine }>): SearchEngine {
  const e = () => live.current().engine;
  return {
    search: (q, o) => live.use((v) => v.engine.search(q, o)),
    chunkById: (id: string): Chunk | undefined => e().chunkById(id),
    articleChunks: (file, article, corpusDir) => e().articleChunks(file, article, corpusDir),
    neighbours: (id, before, after) => e().neighbours(id, before, after),
    documents: () => e().documents(),
    documentAffinity: (question) => e().documentAffinity(question),
    // A view that always asks the engine served now: an index swap brings its access records along.
    access: {
      visible: (viewer, file, corpusDir) => e().access.visible(viewer, file, corpusDir),
      chunkFor: (viewer, chunk) => e().access.chunkFor(viewer, chunk),
      record: (file, corpusDir) => e().access.record(file, corpusDir),
      hidden: () => e().access.hidden(),
    },
    close: () => live.close(),
    get generation() {
      return live.generation();
    },
  };
}

/** Fallback of a live answerer: every question gets unavailableError(e); the engine is empty. */
export function unavailableAnswerer(e: unknown): { answerer: Answerer; engine: SearchEngine } {
  const error = unavailableError(e);
  return {
    answerer: { answer: () => Promise.reject(error) },
    engine: {
      search: () => Promise.reject(error),
      chunkById: () => undefined,
      articleChunks: () => [],
      neighbours: () => [],
      documents: () => [],
      documentAffinity: () => new Map(),
      // Nothing is served: nothing is visible.
      access: { visible: () => false, chunkFor: () => undefined, record: () => undefined, hidden: () => [] },
      close() {},
    },
  };
}
