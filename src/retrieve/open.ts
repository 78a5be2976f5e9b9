// Opens the retrieval engine for the product (CLI, chat, web): loads the index from the index dir.
import type { Config } from '../config';
import type { Retriever } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { attachAccess, type AccessView } from '../access/engine-access';
import { OpenAIEmbedder } from '../index/openai-embedder';
import { HybridEngine } from './engine';
import { loadIndex } from './load';

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
}

export async function openRetriever(config: Config, indexDir?: string): Promise<SearchEngine> {
  const idx = loadIndex(indexDir ?? config.indexDir);
  const remote =
    idx.meta.embedder !== 'lsa' && config.embedding
      ? new OpenAIEmbedder({ ...config.embedding, dimension: idx.meta.dim })
      : undefined;
  if (idx.meta.embedder !== 'lsa' && !remote) {
    console.warn(`index built with ${idx.meta.embedder} but EMBEDDING_* is not set: vector channel disabled`);
  }
  const engine = new HybridEngine(idx, undefined, remote);
  attachAccess(engine, config);
  return wrapEngine(engine);
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
