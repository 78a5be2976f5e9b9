// BM25 over pre-tokenised documents, stored as CSR postings in typed arrays (62k docs → a few MB, loads fast).

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface Bm25Data {
  terms: string[];
  /** postings of term t live in [offsets[t], offsets[t+1]). */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Float32Array;
  docLen: Float32Array;
  params: Bm25Params;
}

export class Bm25Index {
  readonly vocab: Map<string, number>;
  private readonly idf: Float32Array;
  private readonly avgLen: number;

  constructor(readonly data: Bm25Data) {
    this.vocab = new Map(data.terms.map((t, i) => [t, i]));
    const n = data.docLen.length;
    this.idf = new Float32Array(data.terms.length);
    for (let t = 0; t < data.terms.length; t++) {
      const df = data.offsets[t + 1]! - data.offsets[t]!;
      this.idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data.docLen[i]!;
    this.avgLen = n ? sum / n : 1;
  }

  get size(): number {
    return this.data.docLen.length;
  }

  /** Build from token lists; `weights` (optional, same shape) lets a field count more than once per token. */
  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }, weights?: number[][]): Bm25Index {
    return Bm25Index.buildFrom(docs.length, (d) => docs[d]!, params, weights && ((d) => weights[d]));
  }

  /**
   * Build from a token producer called once per document, in order: the token lists never all exist at once
   * (character bigrams of the national corpus would hold ~8M short strings, ~350 MB, at the same time).
   */
  static buildFrom(
    count: number,
    tokensOf: (d: number) => string[],
    params: Bm25Params = { k1: 1.2, b: 0.75 },
    weightsOf?: (d: number) => number[] | undefined,
  ): Bm25Index {
    const vocab = new Map<string, number>();
    const terms: string[] = [];
    const docLen = new Float32Array(count);
    // First pass: per-doc term frequencies as parallel arrays (no per-token objects).
    const perDoc: { ids: Uint32Array; tf: Float32Array }[] = [];
    const df: number[] = [];
    for (let d = 0; d < count; d++) {
      const local = new Map<number, number>();
      const toks = tokensOf(d);
      const w = weightsOf?.(d);
      let len = 0;
      for (let i = 0; i < toks.length; i++) {
        const tok = toks[i]!;
        let id = vocab.get(tok);
        if (id === undefined) {
          id = terms.length;
          vocab.set(tok, id);
          terms.push(tok);
          df.push(0);
        }
        const wt = w?.[i] ?? 1;
        local.set(id, (local.get(id) ?? 0) + wt);
        len += wt;
      }
      docLen[d] = len;
      const ids = new Uint32Array(local.size);
      const tf = new Float32Array(local.size);
      let j = 0;
      for (const [id, f] of local) {
        ids[j] = id;
        tf[j++] = f;
        df[id]!++;
      }
      perDoc.push({ ids, tf });
    }
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t]! + df[t]!;
    const cursor = offsets.slice(0, terms.length);
    const total = offsets[terms.length]!;
    const pd = new Uint32Array(total);
    const ptf = new Float32Array(total);
    for (let d = 0; d < perDoc.length; d++) {
      const { ids, tf } = perDoc[d]!;
      for (let j = 0; j < ids.length; j++) {
        const pos = cursor[ids[j]!]!++;
        pd[pos] = d;
        ptf[pos] = tf[j]!;
      }
    }
    return new Bm25Index({ terms, offsets, docs: pd, tfs: ptf, docLen, params });
  }

  idfOf(term: string): number {
    const t = this.vocab.get(term);
    return t === undefined ? 0 : this.idf[t]!;
  }

  /**
   * Accumulate BM25 scores of the query terms into `out` (dense, one slot per doc), each term scaled by
   * `termWeights` (default 1). Returns the sum of the matched terms' IDF — the best score a perfect
   * one-occurrence match could reach, used to normalise scores into a confidence.
   */
  scoreInto(queryTerms: string[], out: Float32Array, scale = 1, termWeights?: number[]): number {
    const { k1, b } = this.data.params;
    const { offsets, docs, tfs, docLen } = this.data;
    let idfSum = 0;
    const seen = new Set<number>();
    for (let q = 0; q < queryTerms.length; q++) {
      const t = this.vocab.get(queryTerms[q]!);
      if (t === undefined || seen.has(t)) continue;
      seen.add(t);
      const w = this.idf[t]! * (termWeights?.[q] ?? 1) * scale;
      idfSum += this.idf[t]! * (termWeights?.[q] ?? 1);
      const norm = k1 * (1 - b);
      const normB = (k1 * b) / this.avgLen;
      for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        out[d]! += (w * tf * (k1 + 1)) / (tf + norm + normB * docLen[d]!);
      }
    }
    return idfSum;
  }
}
