// Local dense vectors with no downloaded model: LSA = TF-IDF (sublinear tf) → randomized truncated SVD
// (Halko et al.), fitted on the corpus at ingest. The model is the term → k-dim projection; a text's vector is
// its TF-IDF row times the projection, L2-normalised.
import { gaussian, orthonormaliseColumns, symmetricEigen } from './linalg';

export interface LsaModel {
  terms: string[];
  idf: Float32Array;
  /** terms × dim, row-major. */
  projection: Float32Array;
  dim: number;
}

interface Sparse {
  rows: number;
  cols: number;
  rowPtr: Uint32Array;
  colIdx: Uint32Array;
  vals: Float32Array;
}

export interface LsaOptions {
  dim?: number;
  oversample?: number;
  powerIterations?: number;
  /** Only terms in at least this many documents get a dimension (rarer ones are noise for LSA). */
  minDf?: number;
  maxTerms?: number;
  /** Fit on an evenly spaced sample of at most this many documents (the projection applies to all). */
  sample?: number;
}

function tfidfRows(docs: string[][], vocab: Map<string, number>, idf: Float32Array): Sparse {
  const rowPtr = new Uint32Array(docs.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let d = 0; d < docs.length; d++) {
    const tf = new Map<number, number>();
    for (const t of docs[d]!) {
      const id = vocab.get(t);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    let norm = 0;
    const start = cols.length;
    for (const [id, f] of tf) {
      const w = (1 + Math.log(f)) * idf[id]!;
      cols.push(id);
      vals.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = start; i < vals.length; i++) vals[i] = vals[i]! / norm;
    rowPtr[d + 1] = cols.length;
  }
  return { rows: docs.length, cols: vocab.size, rowPtr, colIdx: Uint32Array.from(cols), vals: Float32Array.from(vals) };
}

/** out (rows × l) = A · M, M is cols × l. */
function mulA(a: Sparse, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.rows * l);
  for (let i = 0; i < a.rows; i++) {
    const o = i * l;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.vals[p]!;
      const mo = a.colIdx[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * m[mo + c]!;
    }
  }
  return out;
}

/** out (cols × l) = Aᵀ · M, M is rows × l. */
function mulAt(a: Sparse, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.cols * l);
  for (let i = 0; i < a.rows; i++) {
    const mo = i * l;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.vals[p]!;
      const o = a.colIdx[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * m[mo + c]!;
    }
  }
  return out;
}

export function fitLsa(allDocs: string[][], opts: LsaOptions = {}): LsaModel {
  const step = opts.sample && allDocs.length > opts.sample ? allDocs.length / opts.sample : 1;
  const docs = step > 1 ? Array.from({ length: opts.sample! }, (_, i) => allDocs[Math.floor(i * step)]!) : allDocs;
  const dim = opts.dim ?? 128;
  const l = dim + (opts.oversample ?? 10);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const terms = [...df.entries()]
    .filter(([, f]) => f >= (opts.minDf ?? 2) && f < n * 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, opts.maxTerms ?? 60_000)
    .map(([t]) => t);
  const vocab = new Map(terms.map((t, i) => [t, i]));
  const idf = Float32Array.from(terms, (t) => Math.log(n / df.get(t)!));
  const a = tfidfRows(docs, vocab, idf);

  let y = mulA(a, gaussian(a.cols * l, 42), l);
  orthonormaliseColumns(y, a.rows, l);
  for (let it = 0; it < (opts.powerIterations ?? 1); it++) {
    const z = mulAt(a, y, l);
    orthonormaliseColumns(z, a.cols, l);
    y = mulA(a, z, l);
    orthonormaliseColumns(y, a.rows, l);
  }
  const bt = mulAt(a, y, l); // Bᵀ = Aᵀ Q, cols × l
  const c = new Float64Array(l * l);
  for (let j = 0; j < a.cols; j++) {
    const o = j * l;
    for (let x = 0; x < l; x++) {
      const bx = bt[o + x]!;
      if (bx === 0) continue;
      for (let z = x; z < l; z++) c[x * l + z]! += bx * bt[o + z]!;
    }
  }
  for (let x = 0; x < l; x++) for (let z = 0; z < x; z++) c[x * l + z] = c[z * l + x]!;
  const { values, vectors } = symmetricEigen(c, l);
  // V = Bᵀ U_b Σ⁻¹: right singular vectors; keep the top `dim`.
  const projection = new Float32Array(a.cols * dim);
  const inv = Float64Array.from({ length: dim }, (_, k) => 1 / Math.sqrt(Math.max(values[k]!, 1e-12)));
  for (let j = 0; j < a.cols; j++) {
    const o = j * l;
    for (let k = 0; k < dim; k++) {
      let s = 0;
      for (let x = 0; x < l; x++) s += bt[o + x]! * vectors[x * l + k]!;
      projection[j * dim + k] = s * inv[k]!;
    }
  }
  return { terms, idf, projection, dim };
}

export class LsaEmbedder {
  private readonly vocab: Map<string, number>;
  constructor(readonly model: LsaModel) {
    this.vocab = new Map(model.terms.map((t, i) => [t, i]));
  }

  /** L2-normalised vector of a token list; all zeros when no token is known. */
  embedTokens(tokens: string[]): Float32Array {
    const { dim, projection, idf } = this.model;
    const tf = new Map<number, number>();
    for (const t of tokens) {
      const id = this.vocab.get(t);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const out = new Float32Array(dim);
    for (const [id, f] of tf) {
      const w = (1 + Math.log(f)) * idf[id]!;
      const o = id * dim;
      for (let k = 0; k < dim; k++) out[k]! += w * projection[o + k]!;
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += out[k]! * out[k]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < dim; k++) out[k] = out[k]! / norm;
    return out;
  }
}
