// Opens the retrieval engine for the product (CLI, chat, web): loads the current index generation from the
// index dir after checking it against its manifest (sizes and sha256), so a damaged index is never served.
import path from 'node:path';
import type { Config } from '../config';
import type { Retriever } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { attachAccess, type AccessView } from '../access/engine-access';
import { OpenAIEmbedder } from '../index/openai-embedder';
import { HybridEngine } from './engine';
import { asIndexError, assertGenerationIntact } from '../index/generation-check';
import { resolveCurrent } from '../index/generations';
import { loadGenerationAsync } from './load';

export interface DocumentSummary {
  title: string;
  file: string;
  corpusDir: string;
  chunks: number;
  versionDate: string;
}

export interface SearchEngine extends Retriever {
  chunkById(id: string): Chunk | undefined;
  /** All parts of an article, in order (the answer needs the whole article). */
  articleChunks(file: string, article: string, corpusDir?: string): Chunk[];
  /** Chunks before/after a chunk in its document. */
  neighbours(id: string, before?: number, after?: number): Chunk[];
  documents(): DocumentSummary[];
  /** How distinctive the question's words are for each document, by file (src/retrieve/affinity.ts). */
  documentAffinity(question: string): Map<string, number>;
  /** The access filter's view of the documents (src/access): who may see what, for /sources, 查看原文, console. */
  access: AccessView;
  close(): void;
  /** Name of the index generation the engine serves (e.g. gen-000007), when it came from one. */
  generation?: string;
}

/**
 * Open the engine on the current generation. Errors (ZhiyinError): E_INDEX_MISSING when no build has finished,
 * E_INDEX_CORRUPT (operator message names `zhiyin ingest --index DIR`; users see 「知识库维护中」) when a file is
 * missing, truncated or fails its checksum, or hnswlib/JSON cannot read it.
 */
export async function openRetriever(config: Config, indexDir?: string): Promise<SearchEngine> {
  const dir = indexDir ?? config.indexDir;
  const genDir = resolveCurrent(dir);
  await assertGenerationIntact(dir, genDir, true);
  let idx;
  try {
    idx = await loadGenerationAsync(genDir);
  } catch (e) {
    throw asIndexError(dir, e);
  }
  const remote =
    idx.meta.embedder !== 'lsa' && config.embedding
      ? new OpenAIEmbedder({ ...config.embedding, dimension: idx.meta.dim })
      : undefined;
  if (idx.meta.embedder !== 'lsa' && !remote) {
    console.warn(`index built with ${idx.meta.embedder} but EMBEDDING_* is not set: vector channel disabled`);
  }
  const engine = new HybridEngine(idx, undefined, remote);
  attachAccess(engine, config);
  return { ...wrapEngine(engine), generation: path.basename(genDir) };
}

export function wrapEngine(engine: HybridEngine): SearchEngine {
  return {
    search: (q, o) => engine.search(q, o),
    chunkById: (id) => engine.chunkById(id),
    articleChunks: (file, article, corpusDir) => engine.articleChunks(file, article, corpusDir),
    documentAffinity: (question) => engine.documentAffinity(question),
    neighbours(id, before = 1, after = 1) {
      const c = engine.chunkById(id);
      if (!c) return [];
      const doc = engine.docs.find((d) => d.file === c.file && d.corpusDir === c.corpusDir);
      const all = (doc?.units ?? []).flatMap((u) => engine.unitChunks(u));
      const i = all.findIndex((x) => x.id === id);
      return all.slice(Math.max(0, i - before), i + after + 1);
    },
    documents: () =>
      engine.docs.map(({ title, file, corpusDir, chunks, versionDate }) => ({
        title,
        file,
        corpusDir,
        chunks,
        versionDate,
      })),
    access: attachAccess(engine),
    close() {},
  };
}
