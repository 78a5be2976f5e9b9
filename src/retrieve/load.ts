// Loads the persisted retrieval index (written by src/index/build.ts) into memory: the current generation of an
// index dir (loadIndex) or one generation dir (loadGeneration). Every load error is a coded ZhiyinError.
import fs from 'node:fs';
import type { Chunk } from '../core/types';
import { ZhiyinError } from '../core/errors';
import { Bm25Index } from '../index/bm25';
import { indexFiles, INDEX_FORMAT, type RetrievalMeta } from '../index/files';
import { asIndexError, assertSizesIntact } from '../index/generation-check';
import { resolveCurrent } from '../index/generations';
import type { LearnedQuestion } from '../index/learned';
import { LsaEmbedder } from '../index/lsa';
import { loadArrays, readJson } from '../index/persist';
import { VectorIndex } from '../index/vector-store';
import { readUnitSteps } from '../index/unit-store';
import { expandedDim, rerankModelSchema, type RerankModel } from './reranker';

export interface LoadedIndex {
  meta: RetrievalMeta;
  units: Chunk[][];
  bm25: Bm25Index;
  /** Title + heading field (absent in indexes built before it existed). */
  headBm25?: Bm25Index;
  /** Character-bigram field over the article text (absent in indexes built before it existed). */
  bigramBm25?: Bm25Index;
  lsa?: LsaEmbedder;
  vectors?: VectorIndex;
  learned: LearnedQuestion[];
  /** Re-ranking model trained from the learned questions at build time (absent without enough of them). */
  reranker?: RerankModel;
}

/**
 * Load the current generation of `indexDir` (sizes checked against its manifest; checksums are checked by
 * openRetriever and ingest). Errors: E_INDEX_MISSING (never built), E_INDEX_CORRUPT (torn, truncated, garbled
 * or from an older layout), both naming the rebuild command, with 「知识库维护中」 for users when corrupt.
 */
export function loadIndex(indexDir: string): LoadedIndex {
  const genDir = resolveCurrent(indexDir);
  assertSizesIntact(indexDir, genDir);
  try {
    return loadGeneration(genDir);
  } catch (e) {
    throw asIndexError(indexDir, e);
  }
}

/** Load the files of one generation dir as they are (no manifest check: the builder's own re-ranker training). */
export function loadGeneration(genDir: string): LoadedIndex {
  const steps = loadSteps(genDir);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * loadGeneration for a serving process: yields to the event loop between files, so a live swap to a new
 * generation blocks chat and /api/health for at most one file's parse (the largest, the units JSON) at a time.
 */
export async function loadGenerationAsync(genDir: string): Promise<LoadedIndex> {
  const steps = loadSteps(genDir);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* loadSteps(genDir: string): Generator<void, LoadedIndex> {
  const files = indexFiles(genDir);
  if (!fs.existsSync(files.meta)) {
    throw new ZhiyinError('E_INDEX_MISSING', `No retrieval-meta.json in ${genDir}`);
  }
  const meta = readJson<RetrievalMeta>(files.meta);
  if (meta.format !== INDEX_FORMAT) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Index format ${meta.format} != ${INDEX_FORMAT}: re-run ingest`);
  }
  const units = yield* readUnitSteps(files.units);
  const bm25 = loadBm25(files.bm25, files.bm25Terms);
  yield;
  const headBm25 = loadBm25(files.headBm25, files.headBm25Terms);
  yield;
  const bigramBm25 = fs.existsSync(files.bigram) ? loadBm25(files.bigram, files.bigramTerms) : undefined;
  yield;
  let lsa: LsaEmbedder | undefined;
  if (meta.embedder === 'lsa' && fs.existsSync(files.lsa)) {
    const l = loadArrays(files.lsa);
    lsa = new LsaEmbedder({
      terms: readJson<string[]>(files.lsaTerms),
      idf: l.arrays.idf as Float32Array,
      projection: l.arrays.projection as Float32Array,
      dim: Number(l.meta.dim),
    });
  }
  yield;
  const vectors = VectorIndex.open(files.vectors, meta.dim);
  yield;
  const learned = fs.existsSync(files.learned) ? readJson<LearnedQuestion[]>(files.learned) : [];
  const reranker = loadReranker(files.reranker);
  return { meta, units, bm25, headBm25, bigramBm25, lsa, vectors, learned, ...(reranker ? { reranker } : {}) };
}

/** A damaged or outdated model file must not take search down: fall back to the fused order. */
function loadReranker(file: string): RerankModel | undefined {
  if (!fs.existsSync(file)) return undefined;
  let problem: string;
  try {
    const parsed = rerankModelSchema.safeParse(readJson<unknown>(file));
    if (parsed.success && parsed.data.weights.length === expandedDim()) return parsed.data;
    problem = parsed.success ? 'feature count differs' : parsed.error.message;
  } catch (e) {
    problem = (e as Error).message;
  }
  console.warn(`ignoring re-ranker ${file}: ${problem}; search uses the fused order`);
  return undefined;
}

function loadBm25(file: string, termsFile: string): Bm25Index {
  const b = loadArrays(file);
  return new Bm25Index({
    terms: readJson<string[]>(termsFile),
    offsets: b.arrays.offsets as Uint32Array,
    docs: b.arrays.docs as Uint32Array,
    tfs: b.arrays.tfs as Float32Array,
    docLen: b.arrays.docLen as Float32Array,
    params: b.meta.params as { k1: number; b: number },
  });
}
