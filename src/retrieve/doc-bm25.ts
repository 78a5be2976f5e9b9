// Document-level BM25 derived from the unit postings (no re-tokenising): a document's term frequency is the
// sum over its articles. Scores "which law is this question about" — laypeople's questions name a topic
// (离婚, 工伤, 商标) long before they match the wording of one article.
import { Bm25Index } from '../index/bm25';

export function documentBm25(units: Bm25Index, unitDoc: Int32Array, docCount: number): Bm25Index {
  const { terms, offsets, docs, tfs, docLen } = units.data;
  const newOffsets = new Uint32Array(terms.length + 1);
  const outDocs: number[] = [];
  const outTfs: number[] = [];
  const acc = new Map<number, number>();
  for (let t = 0; t < terms.length; t++) {
    acc.clear();
    for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
      const d = unitDoc[docs[p]!]!;
      acc.set(d, (acc.get(d) ?? 0) + tfs[p]!);
    }
    for (const [d, f] of acc) {
      outDocs.push(d);
      outTfs.push(f);
    }
    newOffsets[t + 1] = outDocs.length;
  }
  const len = new Float32Array(docCount);
  for (let u = 0; u < docLen.length; u++) len[unitDoc[u]!]! += docLen[u]!;
  return new Bm25Index({
    terms,
    offsets: newOffsets,
    docs: Uint32Array.from(outDocs),
    tfs: Float32Array.from(outTfs),
    docLen: len,
    params: { k1: 1.2, b: 0.75 },
  });
}
