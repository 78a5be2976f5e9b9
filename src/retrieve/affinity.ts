// Term-to-document affinity: how distinctive the question's words are for each document, computed from the
// corpus itself. "投标人", "中标通知书" are the vocabulary of 招标投标法 and its 实施条例; "供应商", "采购人" that of
// the procurement laws. When two laws state nearly the same rule, the one whose vocabulary the question speaks
// is the one staff mean.
import type { Bm25Index } from '../index/bm25';

/**
 * Per document, in [0, 1]: the IDF-weighted mean over the question's terms of P(document | term), where a
 * term's use is measured as a density (occurrences per token of the document) so a long code (民法典) does not
 * win merely by being long. Terms found in nearly every document carry almost no weight, and so do words the
 * corpus uses only a handful of times: a vocabulary is what a document keeps using (投标人: 168 times in gov-works),
 * not a phrase that happens to occur once (三家: 4 times, all in one article).
 */
/** Corpus frequency at which a term counts half as vocabulary (ctf / (ctf + RECURRENCE)). */
export const RECURRENCE = 20;

export function documentAffinity(docIndex: Bm25Index, tokens: string[]): Float32Array {
  const { offsets, docs, tfs, docLen } = docIndex.data;
  const out = new Float32Array(docIndex.size);
  let totalWeight = 0;
  for (const term of new Set(tokens)) {
    const t = docIndex.vocab.get(term);
    if (t === undefined) continue;
    let sum = 0;
    let ctf = 0;
    for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
      sum += tfs[p]! / Math.max(1, docLen[docs[p]!]!);
      ctf += tfs[p]!;
    }
    const w = (docIndex.idfOf(term) * ctf) / (ctf + RECURRENCE);
    if (w <= 0 || sum <= 0) continue;
    for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
      const d = docs[p]!;
      out[d]! += (w * tfs[p]!) / Math.max(1, docLen[d]!) / sum;
    }
    totalWeight += w;
  }
  if (totalWeight > 0) for (let d = 0; d < out.length; d++) out[d]! /= totalWeight;
  return out;
}
