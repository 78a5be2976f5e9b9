// Builds the retrieval index from the chunk list: BM25 (CSR postings), dense vectors (local LSA by default or
// an OpenAI-compatible embedder with a textHash cache) in hnswlib, and learned questions. Called by runIngest.
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Chunk } from '../core/types';
import { loadConfig, type Config } from '../config';
import { Bm25Index } from './bm25';
import { embedWithCache } from './embedding-cache';
import { indexFiles, INDEX_FORMAT, type RetrievalMeta } from './files';
import { mapLearned, readLearnFiles } from './learned';
import { fitLsa, LsaEmbedder } from './lsa';
import { OpenAIEmbedder } from './openai-embedder';
import { saveArrays, writeJson } from './persist';
import { tokenize } from './tokenizer';
import { unitIndexText } from './unit-tokens';
import { groupUnits } from './units';
import { buildVectorIndex } from './vector-store';

export interface BuildOptions {
  learnFiles?: string[];
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Embedding settings; default: from loadConfig(). Pass null to force local LSA. */
  embedding?: Config['embedding'] | null;
  /** LSA dimension (default 128, see docs/retrieval.md for the numbers). */
  lsaDim?: number;
}

export async function buildSearchIndex(indexDir: string, chunks: Chunk[], options: BuildOptions): Promise<void> {
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - t;
    t = Date.now();
  };
  fs.mkdirSync(indexDir, { recursive: true });
  const files = indexFiles(indexDir);
  const units = groupUnits(chunks);
  const texts = units.map(unitIndexText);
  const tokens: string[][] = [];
  for (let i = 0; i < texts.length; i++) {
    tokens.push(tokenize(texts[i]!));
    if (i % 2000 === 0) progress('tokenize', i, texts.length);
  }
  progress('tokenize', texts.length, texts.length);
  lap('tokenize');

  const bm25 = Bm25Index.build(tokens);
  saveArrays(
    files.bm25,
    {
      offsets: bm25.data.offsets,
      docs: bm25.data.docs,
      tfs: bm25.data.tfs,
      docLen: bm25.data.docLen,
    },
    { params: bm25.data.params },
  );
  writeJson(files.bm25Terms, bm25.data.terms);
  progress('bm25', 1, 1);
  lap('bm25');

  const embedding = options.embedding === undefined ? safeConfig()?.embedding : (options.embedding ?? undefined);
  let embedderId = 'lsa';
  let dim: number;
  let vectors: Float32Array;
  if (embedding) {
    const embedder = new OpenAIEmbedder(embedding);
    embedderId = embedder.id;
    const items = units.map((u, i) => ({ hash: unitHash(u.chunks.map((c) => c.textHash)), text: texts[i]! }));
    const res = await embedWithCache(indexDir, embedder, items);
    dim = res.dim;
    vectors = new Float32Array(units.length * dim);
    res.vectors.forEach((v, i) => vectors.set(v, i * dim));
    fs.rmSync(files.lsa, { force: true });
    fs.rmSync(files.lsaTerms, { force: true });
  } else {
    const model = fitLsa(tokens, { dim: options.lsaDim ?? 128 });
    dim = model.dim;
    const emb = new LsaEmbedder(model);
    vectors = new Float32Array(units.length * dim);
    tokens.forEach((tk, i) => vectors.set(emb.embedTokens(tk), i * dim));
    saveArrays(files.lsa, { idf: model.idf, projection: model.projection }, { dim });
    writeJson(files.lsaTerms, model.terms);
  }
  progress('vectors', 1, 2);
  lap('embed');
  buildVectorIndex(files.vectors, vectors, dim);
  progress('vectors', 2, 2);
  lap('hnsw');

  const learned = mapLearned(readLearnFiles(options.learnFiles ?? []), units);
  writeJson(files.learned, learned);
  writeJson(
    files.units,
    units.map((u) => u.chunks),
  );
  lap('write');
  const meta: RetrievalMeta = {
    format: INDEX_FORMAT,
    builtAt: new Date().toISOString(),
    units: units.length,
    chunks: chunks.length,
    embedder: embedderId,
    dim,
    learnedQuestions: learned.length,
    timings,
  };
  writeJson(files.meta, meta);
}

function unitHash(hashes: string[]): string {
  return hashes.length === 1 ? hashes[0]! : crypto.createHash('sha256').update(hashes.join(',')).digest('hex');
}

/** Building must not fail on an unrelated config problem (e.g. a half-set LLM_* pair): fall back to local. */
function safeConfig(): Config | undefined {
  try {
    return loadConfig();
  } catch {
    return undefined;
  }
}
