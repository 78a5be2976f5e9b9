// Builds the retrieval index from the chunk list: BM25 (CSR postings), dense vectors (local LSA by default or
// an OpenAI-compatible embedder with a textHash cache) in hnswlib, and learned questions. Called by runIngest.
// Each build is a new generation (src/index/generations.ts): written aside, manifest last, then switched to.
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Chunk } from '../core/types';
import { loadConfig, type Config } from '../config';
import { Bm25Index } from './bm25';
import { embedWithCache } from './embedding-cache';
import { createGeneration, publishGeneration, writeManifest } from './generations';
import { indexFiles, INDEX_FORMAT, type RetrievalMeta } from './files';
import { mapLearned, readLearnFiles } from './learned';
import { fitLsa, LsaEmbedder } from './lsa';
import { OpenAIEmbedder } from './openai-embedder';
import { saveArrays, writeJson } from './persist';
import { tokenize } from './tokenizer';
import { charBigrams } from './bigrams';
import { unitBodyText, unitHeadingText } from './unit-tokens';
import { groupUnits } from './units';
import { writeUnits } from './unit-store';
import { buildVectorIndex } from './vector-store';
import { trainReranker } from '../retrieve/rerank-train';
import { loadGeneration } from '../retrieve/load';

export interface BuildOptions {
  learnFiles?: string[];
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Embedding settings; default: from loadConfig(). Pass null to force local LSA. */
  embedding?: Config['embedding'] | null;
  /** LSA dimension (default 128, see docs/retrieval.md for the numbers). */
  lsaDim?: number;
}

/**
 * Build a new generation of the search index in INDEX/gen-N/ and switch `current` to it. Returns the generation
 * dir. A crash or kill before the switch leaves the previous generation served (the half-written one is
 * garbage-collected by a later build).
 */
export async function buildSearchIndex(indexDir: string, chunks: Chunk[], options: BuildOptions): Promise<string> {
  const progress = options.onProgress ?? (() => {});
  const genDir = createGeneration(indexDir);
  try {
    // Token lists of every unit (~200 MB on national) are released before training loads the index again.
    const meta = await writeSearchIndex(genDir, indexDir, chunks, options);
    const t = Date.now();
    const reranker = await buildReranker(genDir, meta.embedder, progress);
    writeJson(indexFiles(genDir).meta, { ...meta, reranker, timings: { ...meta.timings, rerank: Date.now() - t } });
    writeManifest(genDir);
  } catch (e) {
    fs.rmSync(genDir, { recursive: true, force: true });
    throw e;
  }
  progress('publish', 0, 1);
  publishGeneration(indexDir, genDir);
  progress('publish', 1, 1);
  return genDir;
}

/** Write the index files into `genDir`; the embedding cache stays in `cacheDir` (shared by generations). */
async function writeSearchIndex(
  genDir: string,
  cacheDir: string,
  chunks: Chunk[],
  options: BuildOptions,
): Promise<RetrievalMeta> {
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - t;
    t = Date.now();
  };
  const files = indexFiles(genDir);
  const units = groupUnits(chunks);
  const texts = units.map(unitBodyText);
  const heads = units.map(unitHeadingText);
  const tokens: string[][] = [];
  const headTokens: string[][] = [];
  // Headings repeat across the articles of a chapter: tokenise each distinct heading text once.
  const headCache = new Map<string, string[]>();
  for (let i = 0; i < texts.length; i++) {
    tokens.push(tokenize(texts[i]!));
    let h = headCache.get(heads[i]!);
    if (!h) headCache.set(heads[i]!, (h = tokenize(heads[i]!)));
    headTokens.push(h);
    if (i % 2000 === 0) progress('tokenize', i, texts.length);
  }
  progress('tokenize', texts.length, texts.length);
  lap('tokenize');

  saveBm25(files.bm25, files.bm25Terms, Bm25Index.build(tokens, BODY_BM25));
  saveBm25(files.headBm25, files.headBm25Terms, Bm25Index.build(headTokens, HEADING_BM25));
  saveBm25(
    files.bigram,
    files.bigramTerms,
    Bm25Index.buildFrom(texts.length, (i) => charBigrams(texts[i]!), BIGRAM_BM25),
  );
  progress('bm25', 1, 1);
  lap('bm25');

  const embedding = options.embedding === undefined ? safeConfig()?.embedding : (options.embedding ?? undefined);
  let embedderId = 'lsa';
  let dim: number;
  let vectors: Float32Array;
  if (embedding) {
    const embedder = new OpenAIEmbedder(embedding);
    embedderId = embedder.id;
    const items = units.map((u, i) => ({
      hash: unitHash(
        heads[i]!,
        u.chunks.map((c) => c.textHash),
      ),
      text: `${heads[i]}\n${texts[i]}`,
    }));
    const res = await embedWithCache(cacheDir, embedder, items);
    dim = res.dim;
    vectors = new Float32Array(units.length * dim);
    res.vectors.forEach((v, i) => vectors.set(v, i * dim));
  } else {
    const lsaTokens = tokens.map((t, i) => [...headTokens[i]!, ...t]);
    const model = fitLsa(lsaTokens, { dim: options.lsaDim ?? 96, sample: LSA_SAMPLE, powerIterations: 0 });
    dim = model.dim;
    const emb = new LsaEmbedder(model);
    vectors = new Float32Array(units.length * dim);
    lsaTokens.forEach((tk, i) => vectors.set(emb.embedTokens(tk), i * dim));
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
  writeUnits(
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
  return meta;
}

/**
 * Train the re-ranker from the learned questions (src/retrieve/rerank-train.ts). Only for the local vectors:
 * training searches ~1,000 questions, and with a remote embedder each would be an embedding request.
 */
async function buildReranker(
  genDir: string,
  embedderId: string,
  progress: NonNullable<BuildOptions['onProgress']>,
): Promise<{ kept: boolean; reason: string }> {
  if (embedderId !== 'lsa') return { kept: false, reason: `not trained with a remote embedder (${embedderId})` };
  const result = await trainReranker(loadGeneration(genDir), { onProgress: (d, n) => progress('rerank', d, n) });
  if (result.model) writeJson(indexFiles(genDir).reranker, result.model);
  return { kept: Boolean(result.model), reason: result.reason };
}

/** BM25 parameters chosen on gov-works dev (k1 0.8 vs 1.2: R@1 0.767 vs 0.733; b 0.75 vs 0.5: 0.733 vs 0.700). */
const BODY_BM25 = { k1: 0.8, b: 0.75 };
const HEADING_BM25 = { k1: 1.2, b: 0.5 };
const BIGRAM_BM25 = { k1: 1.2, b: 0.75 };
/** LSA is fitted on at most this many units (then applied to all): keeps the national build inside budget. */
const LSA_SAMPLE = 16_000;

function saveBm25(file: string, termsFile: string, bm25: Bm25Index): void {
  const { offsets, docs, tfs, docLen, params, terms } = bm25.data;
  saveArrays(file, { offsets, docs, tfs, docLen }, { params });
  writeJson(termsFile, terms);
}

/** Cache key of a unit's embedding input: its heading text and the textHash of every part. */
function unitHash(heading: string, hashes: string[]): string {
  return crypto.createHash('sha256').update(heading).update('\u0000').update(hashes.join(',')).digest('hex');
}

/** Building must not fail on an unrelated config problem (e.g. a half-set LLM_* pair): fall back to local. */
function safeConfig(): Config | undefined {
  try {
    return loadConfig();
  } catch (e) {
    console.warn(`config invalid (${(e as Error).message}); building with local LSA vectors`);
    return undefined;
  }
}
