// Pseudo-relevance feedback (RM3-style): the best articles of the first pass lend their most distinctive
// terms to a second BM25 pass — bridges a layperson's words to the statute's vocabulary without a model.
import type { Bm25Index } from '../index/bm25';

/** Unit → terms (CSR), the transpose of the BM25 postings; built once per engine. */
export interface ForwardIndex {
  offsets: Uint32Array;
  terms: Uint32Array;
  tfs: Float32Array;
}

export function forwardIndex(bm25: Bm25Index): ForwardIndex {
  const { offsets, docs, tfs } = bm25.data;
  const n = bm25.size;
  const counts = new Uint32Array(n + 1);
  for (let p = 0; p < docs.length; p++) counts[docs[p]! + 1]!++;
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const cursor = counts.slice(0, n);
  const terms = new Uint32Array(docs.length);
  const ftfs = new Float32Array(docs.length);
  for (let t = 0; t + 1 < offsets.length; t++) {
    for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
      const pos = cursor[docs[p]!]!++;
      terms[pos] = t;
      ftfs[pos] = tfs[p]!;
    }
  }
  return { offsets: counts, terms, tfs: ftfs };
}

/** The `count` highest-weighted terms (tf·idf summed over the feedback units) not already in the query. */
export function feedbackTerms(
  bm25: Bm25Index,
  fwd: ForwardIndex,
  units: number[],
  query: Set<string>,
  count: number,
): string[] {
  const weight = new Map<number, number>();
  for (const u of units) {
    let len = 0;
    for (let p = fwd.offsets[u]!; p < fwd.offsets[u + 1]!; p++) len += fwd.tfs[p]!;
    for (let p = fwd.offsets[u]!; p < fwd.offsets[u + 1]!; p++) {
      const t = fwd.terms[p]!;
      weight.set(t, (weight.get(t) ?? 0) + fwd.tfs[p]! / (len || 1));
    }
  }
  const terms = bm25.data.terms;
  return [...weight.entries()]
    .map(([t, w]) => [t, w * bm25.idfOf(terms[t]!)] as const)
    .filter(([t]) => !query.has(terms[t]!) && !/^第.+[条章节款项编]$/.test(terms[t]!))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([t]) => terms[t]!);
}
