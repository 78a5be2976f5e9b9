// The baseline every report compares against: plain BM25 over jieba tokens (default cut, no domain dictionary,
// no query analysis), one document per article with the parts of a split article merged — what
// Langchain-Chatchat and the STARD paper use.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Retriever, SearchOptions } from '../core/interfaces';
import type { Chunk, Hit } from '../core/types';
import { Bm25Index } from '../index/bm25';

const WORDISH = /[\p{L}\p{N}]/u;

export function buildBaselineRetriever(chunks: Chunk[]): Retriever {
  const jieba = Jieba.withDict(dict);
  const cut = (s: string) => jieba.cut(s, true).filter((w) => WORDISH.test(w));
  const groups = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const key = c.article ? `${c.corpusDir}\u0000${c.file}\u0000${c.article}` : c.id;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const docs = [...groups.values()].map((g) => g.sort((a, b) => a.part - b.part || a.seq - b.seq));
  const index = Bm25Index.build(docs.map((g) => cut(g.map((c) => c.text).join('\n'))));
  return {
    async search(query: string, options?: SearchOptions): Promise<Hit[]> {
      const k = options?.k ?? 10;
      const scores = new Float32Array(docs.length);
      index.scoreInto(cut(query), scores);
      const order: number[] = [];
      for (let i = 0; i < scores.length; i++) if (scores[i]! > 0) order.push(i);
      order.sort((a, b) => scores[b]! - scores[a]!);
      return order.slice(0, k).map((i) => {
        const g = docs[i]!;
        const first = g[0]!;
        const chunk: Chunk = g.length === 1 ? first : { ...first, text: g.map((c) => c.text).join('\n') };
        return { chunk, score: scores[i]!, via: ['bm25'] };
      });
    },
  };
}
