// Loads the persisted retrieval index (written by src/index/build.ts) into memory.
import fs from 'node:fs';
import type { Chunk } from '../core/types';
import { ZhiyinError } from '../core/errors';
import { Bm25Index } from '../index/bm25';
import { indexFiles, INDEX_FORMAT, type RetrievalMeta } from '../index/files';
import type { LearnedQuestion } from '../index/learned';
import { LsaEmbedder } from '../index/lsa';
import { loadArrays, readJson } from '../index/persist';
import { VectorIndex } from '../index/vector-store';

export interface LoadedIndex {
  meta: RetrievalMeta;
  units: Chunk[][];
  bm25: Bm25Index;
  lsa?: LsaEmbedder;
  vectors?: VectorIndex;
  learned: LearnedQuestion[];
}

export function loadIndex(indexDir: string): LoadedIndex {
  const files = indexFiles(indexDir);
  if (!fs.existsSync(files.meta)) {
    throw new ZhiyinError('E_INDEX_MISSING', `No retrieval index in ${indexDir}`, {
      userMessage: '知识库还没有建立索引，请先运行 zhiyin ingest。',
    });
  }
  const meta = readJson<RetrievalMeta>(files.meta);
  if (meta.format !== INDEX_FORMAT) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Index format ${meta.format} != ${INDEX_FORMAT}: re-run ingest`);
  }
  const units = readJson<Chunk[][]>(files.units);
  const b = loadArrays(files.bm25);
  const bm25 = new Bm25Index({
    terms: readJson<string[]>(files.bm25Terms),
    offsets: b.arrays.offsets as Uint32Array,
    docs: b.arrays.docs as Uint32Array,
    tfs: b.arrays.tfs as Float32Array,
    docLen: b.arrays.docLen as Float32Array,
    params: b.meta.params as { k1: number; b: number },
  });
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
  const vectors = VectorIndex.open(files.vectors, meta.dim);
  const learned = fs.existsSync(files.learned) ? readJson<LearnedQuestion[]>(files.learned) : [];
  return { meta, units, bm25, lsa, vectors, learned };
}
