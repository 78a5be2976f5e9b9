// Production wiring of the web server's dependencies: the chat core (openChat), the answerer and its search
// engine (openAnswerer), one-file ingest for uploads, the chunk-store manifest for status, and eval reports.
// After a successful upload the engine is reopened so new documents are searchable without a restart.
import fs from 'node:fs';
import path from 'node:path';
import { openAnswerer } from '../answer/open';
import { readExamples } from '../examples/store';
import { ingestErrorMessage } from './messages';
import { openChat, type OpenChatOptions, type OpenedChat } from '../chat/open';
import type { Config } from '../config';
import type { SourceInfo } from '../core/chat';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import type { Answerer } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { ingestOneFile } from '../ingest/run';
import { CHUNKS_DB_FILE, openChunkStore } from '../store/chunk-store';
import type { ArticleView, KbStatus, WebDeps } from './deps';
import { findLatestReport } from './latest-report';
import { createUploader } from './uploader';

/** The parts of the retrieval SearchEngine the web needs (all optional so a plainer engine still works). */
interface EngineLike {
  chunkById?(id: string): Chunk | undefined;
  articleChunks?(file: string, article: string, corpusDir?: string): Chunk[];
  documents?(): { title: string; file: string; chunks: number; versionDate?: string }[];
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
  const answerer: Answerer = { answer: (q, o) => current.answerer.answer(q, o) };
  const sources = (): SourceInfo[] =>
    (current.engine.documents?.() ?? []).map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
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
    status: () => readStatus(config),
    upload: (name, bytes) => {
      if (!corpusDir) throw new ZhiyinError('E_CONFIG', 'no corpus directory configured');
      return upload(name, bytes);
    },
    lookupChunk: (id) => articleView(current.engine, id),
    latestReportPath: () => findLatestReport(reportsDir),
    documentCount: () => current.engine.documents?.().length ?? 0,
    examples: () => readExamples(config.indexDir),
    close() {
      chat.close();
      current.engine.close?.();
    },
  };
}

function articleView(engine: EngineLike, id: string): ArticleView | undefined {
  const chunk = engine.chunkById?.(id);
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
