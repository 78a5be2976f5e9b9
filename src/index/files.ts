// Names of the retrieval index files inside the index dir (next to the ingest chunk store).
import path from 'node:path';

/** 4: generations (src/index/generations.ts) and units as JSON Lines. */
export const INDEX_FORMAT = 4;

export function indexFiles(indexDir: string) {
  const p = (name: string) => path.join(indexDir, name);
  return {
    meta: p('retrieval-meta.json'),
    units: p('retrieval-units.json'),
    bm25: p('bm25.bin'),
    bm25Terms: p('bm25-terms.json'),
    headBm25: p('bm25-heading.bin'),
    headBm25Terms: p('bm25-heading-terms.json'),
    bigram: p('bm25-bigram.bin'),
    bigramTerms: p('bm25-bigram-terms.json'),
    lsa: p('lsa.bin'),
    lsaTerms: p('lsa-terms.json'),
    vectors: p('vectors.hnsw'),
    learned: p('learned.json'),
    reranker: p('reranker.json'),
  };
}

export interface RetrievalMeta {
  format: number;
  builtAt: string;
  units: number;
  chunks: number;
  /** 'lsa' for the local default, else the remote embedder id (e.g. openai:bge-m3). */
  embedder: string;
  dim: number;
  learnedQuestions: number;
  /** Whether a re-ranker was trained from the learned questions, and why (absent in older indexes). */
  reranker?: { kept: boolean; reason: string };
  /** Milliseconds per stage, for the bench. */
  timings: Record<string, number>;
}
