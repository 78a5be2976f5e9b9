// Cache of remote embeddings keyed by chunk textHash, persisted in the index dir so a re-ingest only embeds
// new or changed text. One cache per embedder id; a different model starts a fresh cache.
import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../core/interfaces';
import { loadArrays, saveArrays } from './persist';

export const EMBEDDING_CACHE_FILE = 'embedding-cache.bin';

export async function embedWithCache(
  indexDir: string,
  embedder: Embedder,
  items: { hash: string; text: string }[],
): Promise<{ vectors: Float32Array[]; embedded: number; dim: number }> {
  const file = path.join(indexDir, EMBEDDING_CACHE_FILE);
  const cache = new Map<string, Float32Array>();
  let cachedDim = 0;
  if (fs.existsSync(file)) {
    const { arrays, meta } = loadArrays(file);
    const hashes = meta.hashes as string[];
    cachedDim = Number(meta.dim);
    if (meta.embedder === embedder.id && arrays.vectors) {
      const v = arrays.vectors as Float32Array;
      hashes.forEach((h, i) => cache.set(h, v.subarray(i * cachedDim, (i + 1) * cachedDim)));
    }
  }
  const missing = [...new Map(items.filter((it) => !cache.has(it.hash)).map((it) => [it.hash, it.text]))];
  const fresh = missing.length ? await embedder.embed(missing.map(([, t]) => t)) : [];
  missing.forEach(([h], i) => cache.set(h, fresh[i]!));
  const dim = fresh[0]?.length ?? (cachedDim || embedder.dimension);
  const vectors = items.map((it) => cache.get(it.hash)!);
  // Persist only what the current corpus uses, so the cache does not grow forever.
  const keep = [...new Set(items.map((it) => it.hash))];
  const flat = new Float32Array(keep.length * dim);
  keep.forEach((h, i) => flat.set(cache.get(h)!, i * dim));
  saveArrays(file, { vectors: flat }, { embedder: embedder.id, dim, hashes: keep });
  return { vectors, embedded: missing.length, dim };
}
