// Dense vectors in hnswlib (cosine space), persisted next to the other index files.
import fs from 'node:fs';
import hnswlib from 'hnswlib-node';
import { ZhiyinError } from '../core/errors';

// hnswlib-node is CommonJS: named ESM imports are not statically detectable, so take the class off the default.
const { HierarchicalNSW } = hnswlib;
type HierarchicalNSW = InstanceType<typeof HierarchicalNSW>;

export const VECTORS_FILE = 'vectors.hnsw';

export function buildVectorIndex(file: string, vectors: Float32Array, dim: number): void {
  const n = vectors.length / dim;
  const index = new HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: Math.max(1, n), m: 12, efConstruction: 48, randomSeed: 7 });
  for (let i = 0; i < n; i++) {
    const v = vectors.subarray(i * dim, (i + 1) * dim);
    // All-zero vectors (no known term) have no direction; leave them out of the graph.
    if (v.some((x) => x !== 0)) index.addPoint(Array.from(v), i);
  }
  index.writeIndexSync(file);
}

export class VectorIndex {
  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dim: number,
  ) {}

  static open(file: string, dim: number): VectorIndex | undefined {
    if (!fs.existsSync(file)) return undefined;
    const index = new HierarchicalNSW('cosine', dim);
    try {
      index.readIndexSync(file);
    } catch (cause) {
      // hnswlib throws a bare Error ("Index seems to be corrupted or unsupported"): give it a code.
      throw new ZhiyinError('E_INDEX_CORRUPT', `Vector index unreadable: ${file} (${(cause as Error).message})`, {
        cause,
      });
    }
    index.setEf(128);
    return new VectorIndex(index, dim);
  }

  /** Nearest units with cosine similarity (1 - distance). */
  search(query: Float32Array, k: number): { ids: number[]; sims: number[] } {
    if (!query.some((x) => x !== 0)) return { ids: [], sims: [] };
    const n = Math.min(k, this.index.getCurrentCount());
    if (n <= 0) return { ids: [], sims: [] };
    const r = this.index.searchKnn(Array.from(query), n);
    return { ids: r.neighbors, sims: r.distances.map((d) => 1 - d) };
  }
}
