// Production wiring of the web server's dependencies: the chat core (openChat), the answerer and its search
// engine (openAnswerer), one-file ingest for uploads, the chunk-store manifest for status, and eval reports.
// The engine follows the index generation live (src/retrieve/live.ts); uploads and deletes run in a child process.
import fs from 'node:fs';
import path from 'node:path';
import { openAnswerer } from '../answer/open';
import { readExamples } from '../examples/store';
import { ingestErrorMessage } from './messages';
import { openChat, type OpenChatOptions, type OpenedChat } from '../chat/open';
import type { Config } from '../config';
import type { SourceInfo } from '../core/chat';
import { ZhiyinError } from '../core/errors';
import type { Answerer, Retriever } from '../core/interfaces';
import { defaultCommands } from '../chat/commands';
import { draftChatCommands } from '../draft/open';
import type { Chunk } from '../core/types';
import { runIngestInChild } from '../ingest/in-child';
import { currentGeneration, MANIFEST_FILE } from '../index/generations';
import { createLiveIndex, unavailableError } from '../retrieve/live';
import { CHUNKS_DB_FILE, openChunkStore } from '../store/chunk-store';
import type { ArticleView, KbStatus, WebDeps } from './deps';
import type { Viewer } from '../core/access';
import type { AccessView } from '../access/engine-access';
import { statusFor } from '../access/console-view';
import { ProvenanceLedger } from '../access/provenance';
import { withProvenance } from '../access/provenance-answerer';
import { findLatestReport } from './latest-report';
import { createDocumentDeleter, trashDirFor } from './document-delete';
import { createUploader } from './uploader';
import { openOnboardPlugin } from '../onboard/open';
import { onboardWebDeps } from './onboard-routes';

/** The parts of the retrieval SearchEngine the web needs (all optional so a plainer engine still works). */
interface EngineLike {
  search?: Retriever['search'];
  chunkById?(id: string): Chunk | undefined;
  articleChunks?(file: string, article: string, corpusDir?: string): Chunk[];
  documents?(): { title: string; file: string; corpusDir?: string; chunks: number; versionDate?: string }[];
  /** The access filter (src/access); absent on a plain engine: every document visible. */
  access?: AccessView;
  close?(): void;
}

interface Loaded {
  answerer: Answerer;
  engine: EngineLike;
}

export interface OpenWebOptions {
  /** Where eval runs write their report directories. Default <cwd>/evals/reports. */
  reportsDir?: string;
  chat?: OpenChatOptions;
}

export interface OpenedWeb extends WebDeps {
  chat: OpenedChat;
  /** Documents currently searchable (0 when no index exists yet). */
  documentCount(): number;
  close(): void;
}

/** While no generation can be opened: questions get 「知识库维护中」 (or how to add documents on a first run). */
function unavailable(e: unknown): Loaded {
  const error = unavailableError(e);
  return { answerer: { answer: () => Promise.reject(error) }, engine: { documents: () => [] } };
}

export async function openWebDeps(config: Config, options: OpenWebOptions = {}): Promise<OpenedWeb> {
  // Follows the index generation live: an ingest by the CLI, an upload or a delete is served without a restart.
  const live = await createLiveIndex<Loaded>({
    indexDir: config.indexDir,
    open: () => openAnswerer(config),
    fallback: unavailable,
    close: (l) => l.engine.close?.(),
  });
  const provenance = ProvenanceLedger.open(config.stateDir);
  const answerer: Answerer = withProvenance({ answer: (q, o) => live.use((l) => l.answerer.answer(q, o)) }, provenance);
  const sources = (viewer?: Viewer): SourceInfo[] => {
    const engine = live.current().engine;
    return (engine.documents?.() ?? [])
      .filter((d) => engine.access?.visible(viewer, d.file, d.corpusDir) ?? true)
      .map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
  };
  const clock = options.chat?.clock;
  // Lessons and quizzes through the same access filter as answers (issue 16), on the engine served now.
  const onboard = openOnboardPlugin(config, clock ? () => clock.now() : undefined, (c, v) => {
    const access = live.current().engine.access;
    return access ? access.chunkFor(v, c) !== undefined : true;
  });
  // Drafting grounds through the engine served now (swapped live); without an index it drafts uncited.
  const retriever: Retriever = {
    search: (q, o) => live.use((l) => l.engine.search?.(q, o) ?? Promise.resolve([])),
  };
  const commands = options.chat?.commands ?? [...defaultCommands(), ...draftChatCommands(config, retriever)];
  const chat = openChat(config, answerer, sources, {
    ...options.chat,
    commands,
    plugins: [...(options.chat?.plugins ?? []), onboard.plugin],
  });
  const reportsDir = options.reportsDir ?? path.resolve('evals', 'reports');
  const corpusDir = config.corpusDirs[0];
  // Uploads and deletes rebuild the same index: one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const inChild = (op: 'ingestOne' | 'removeOne', file: string) =>
    serial(async () => {
      const summary = await runIngestInChild({ op, corpusDir: corpusDir ?? '', file, indexDir: config.indexDir });
      // The child published a new generation: serve it before answering the console.
      if (summary.errors.length === 0 && summary.unchanged === 0) await live.refresh();
      return summary;
    });

  const upload = createUploader({
    corpusDir: corpusDir ?? '',
    // Who uploaded what, and the replaced version kept under <state>/versions (issue 16).
    onStored: (file, who, previous) =>
      provenance.recordUpload(file, who ?? { userId: 'web:anonymous', admin: false }, previous),
    ingestOne: (file) => inChild('ingestOne', file),
  });
  const deleteDocument = createDocumentDeleter({
    corpusDir: corpusDir ?? '',
    trashDir: trashDirFor(config),
    removeOne: (file) => inChild('removeOne', file),
  });

  return {
    chat,
    processMessage: chat.processMessage,
    recordFeedback: (input) => chat.recordFeedback({ transport: 'web', ...input }),
    listFeedback: (limit) => chat.feedback.list(limit),
    status: (who) => statusFor(readStatus(config), live.current().engine.access, who, (f) => provenance.get(f)),
    audit: (query) => chat.audit.list(query),
    upload: (name, bytes, who) => {
      if (!corpusDir) throw new ZhiyinError('E_CONFIG', 'no corpus directory configured');
      return upload(name, bytes, who);
    },
    deleteDocument: (file, by) => {
      if (!corpusDir) throw new ZhiyinError('E_CONFIG', 'no corpus directory configured');
      return deleteDocument(file, by);
    },
    lookupChunk: (id, viewer) => articleView(live.current().engine, id, viewer),
    latestReportPath: () => findLatestReport(reportsDir),
    documentCount: () => live.current().engine.documents?.().length ?? 0,
    onboard: onboardWebDeps(onboard.onboarding),
    examples: () => readExamples(config.indexDir),
    close() {
      chat.close();
      live.close();
    },
  };
}

function articleView(engine: EngineLike, id: string, viewer: Viewer | undefined): ArticleView | undefined {
  const found = engine.chunkById?.(id);
  // 查看原文 through the access filter: a chunk of a document the viewer may not see is "not found".
  const chunk = engine.access ? engine.access.chunkFor(viewer, found) : found;
  if (!chunk) return undefined;
  const parts = chunk.article ? (engine.articleChunks?.(chunk.file, chunk.article, chunk.corpusDir) ?? []) : [];
  const ordered = parts.length > 1 ? [...parts].sort((a, b) => a.part - b.part) : [chunk];
  return {
    chunkId: chunk.id,
    title: chunk.title,
    article: chunk.article,
    file: chunk.file,
    headingPath: chunk.headingPath,
    text: ordered.map((c) => c.text).join('\n'),
  };
}

/**
 * When the index was last written: the manifest of the current generation (written last by every build);
 * chunks.db is no good for this because closing any reader (status() itself) checkpoints its WAL and bumps its
 * mtime, so it is only the fallback before the first build.
 */
function lastIndexWrite(indexDir: string): number {
  const gen = currentGeneration(indexDir);
  const manifest = gen ? path.join(indexDir, gen, MANIFEST_FILE) : undefined;
  if (manifest && fs.existsSync(manifest)) return fs.statSync(manifest).mtimeMs;
  return fs.statSync(path.join(indexDir, CHUNKS_DB_FILE)).mtimeMs;
}

/** Status from the ingest manifest in INDEX/chunks.db. */
export function readStatus(config: Config): KbStatus {
  const base: KbStatus = {
    corpusDirs: config.corpusDirs,
    indexDir: config.indexDir,
    documents: 0,
    chunks: 0,
    errors: [],
    answerMode: config.llm ? 'llm' : 'extractive',
    documentList: [],
  };
  if (!fs.existsSync(path.join(config.indexDir, CHUNKS_DB_FILE))) return base;
  const store = openChunkStore(config.indexDir);
  try {
    const manifest = store.manifest();
    const indexed = manifest.filter((m) => m.chunks > 0);
    const newest = lastIndexWrite(config.indexDir);
    return {
      ...base,
      documents: indexed.length,
      chunks: store.count(),
      lastIngestAt: Number.isFinite(newest) ? new Date(newest).toISOString() : undefined,
      errors: manifest.flatMap((m) =>
        m.error
          ? [{ file: m.file, code: m.error.code, message: ingestErrorMessage(m.error.code, m.error.userMessage) }]
          : [],
      ),
      documentList: indexed
        .map((m) => ({ title: m.title, file: m.file, chunks: m.chunks }))
        .sort((a, b) => a.file.localeCompare(b.file, 'zh')),
    };
  } finally {
    store.close();
  }
}
