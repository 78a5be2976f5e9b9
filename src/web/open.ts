// Production wiring of the web server's dependencies: the chat core (openChat), the answerer and its search
// engine (openAnswerer), one-file ingest for uploads, the chunk-store manifest for status, and eval reports.
// After a successful upload the engine is reopened so new documents are searchable without a restart.
import fs from 'node:fs';
import path from 'node:path';
import { openAnswerer } from '../answer/open';
import { openChat, type OpenChatOptions, type OpenedChat } from '../chat/open';
import type { Config } from '../config';
import type { SourceInfo } from '../core/chat';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import type { Answerer } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { ingestOneFile } from '../ingest/run';
import { CHUNKS_DB_FILE, openChunkStore } from '../store/chunk-store';
import type { ArticleView, KbStatus, WebDeps } from './deps';
import type { Viewer } from '../core/access';
import type { AccessView } from '../access/engine-access';
import { statusFor } from '../access/console-view';
import { ProvenanceLedger } from '../access/provenance';
import { withProvenance } from '../access/provenance-answerer';
import { findLatestReport } from './latest-report';
import { createUploader } from './uploader';

/** The parts of the retrieval SearchEngine the web needs (all optional so a plainer engine still works). */
interface EngineLike {
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

const NO_INDEX = new ZhiyinError('E_INDEX_MISSING', 'no search index yet', {
  userMessage: '知识库还没有导入任何文档：请在控制台上传文档，或运行 zhiyin ingest。',
});

async function load(config: Config): Promise<Loaded> {
  try {
    return await openAnswerer(config);
  } catch (e) {
    if (!isZhiyinError(e) || e.code !== 'E_INDEX_MISSING') throw e;
    // First run without an index: serve the pages; questions explain how to add documents.
    return { answerer: { answer: () => Promise.reject(NO_INDEX) }, engine: { documents: () => [] } };
  }
}

export async function openWebDeps(config: Config, options: OpenWebOptions = {}): Promise<OpenedWeb> {
  let current = await load(config);
  const provenance = ProvenanceLedger.open(config.stateDir);
  const answerer: Answerer = withProvenance({ answer: (q, o) => current.answerer.answer(q, o) }, provenance);
  const sources = (viewer?: Viewer): SourceInfo[] =>
    (current.engine.documents?.() ?? [])
      .filter((d) => current.engine.access?.visible(viewer, d.file, d.corpusDir) ?? true)
      .map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
  const chat = openChat(config, answerer, sources, options.chat);
  const reportsDir = options.reportsDir ?? path.resolve('evals', 'reports');
  const corpusDir = config.corpusDirs[0];

  const reload = async () => {
    const previous = current;
    current = await load(config);
    previous.engine.close?.();
  };

  const upload = createUploader({
    corpusDir: corpusDir ?? '',
    // Who uploaded what, and the replaced version kept under <state>/versions (issue 16).
    onStored: (file, who, previous) =>
      provenance.recordUpload(file, who ?? { userId: 'web:anonymous', admin: false }, previous),
    ingestOne: async (file) => {
      const summary = await ingestOneFile({ corpusDir: corpusDir ?? '', file, indexDir: config.indexDir });
      // Same bytes as the indexed version: nothing changed, no reload needed.
      if (summary.errors.length === 0 && summary.unchanged === 0) await reload();
      return summary;
    },
  });

  return {
    chat,
    processMessage: chat.processMessage,
    recordFeedback: (input) => chat.recordFeedback({ transport: 'web', ...input }),
    listFeedback: (limit) => chat.feedback.list(limit),
    status: (who) => statusFor(readStatus(config), current.engine.access, who, (f) => provenance.get(f)),
    audit: (query) => chat.audit.list(query),
    upload: (name, bytes, who) => {
      if (!corpusDir) throw new ZhiyinError('E_CONFIG', 'no corpus directory configured');
      return upload(name, bytes, who);
    },
    lookupChunk: (id, viewer) => articleView(current.engine, id, viewer),
    latestReportPath: () => findLatestReport(reportsDir),
    documentCount: () => current.engine.documents?.().length ?? 0,
    close() {
      chat.close();
      current.engine.close?.();
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
 * When the index was last written. The search-index files change only when an ingest rebuilds them; chunks.db
 * is no good for this because closing any reader (status() itself) checkpoints its WAL and bumps its mtime.
 */
function lastIndexWrite(indexDir: string): number {
  const times = fs
    .readdirSync(indexDir)
    .filter((f) => !f.startsWith(CHUNKS_DB_FILE))
    .map((f) => fs.statSync(path.join(indexDir, f)).mtimeMs);
  return times.length > 0 ? Math.max(...times) : fs.statSync(path.join(indexDir, CHUNKS_DB_FILE)).mtimeMs;
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
        m.error ? [{ file: m.file, code: m.error.code, message: m.error.userMessage ?? m.error.message }] : [],
      ),
      documentList: indexed
        .map((m) => ({ title: m.title, file: m.file, chunks: m.chunks }))
        .sort((a, b) => a.file.localeCompare(b.file, 'zh')),
    };
  } finally {
    store.close();
  }
}
