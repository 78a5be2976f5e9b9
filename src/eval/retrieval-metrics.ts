// Retrieval metrics for one question. Hits are collapsed to distinct articles first (a long article split into
// parts is one article), so Recall@k counts articles, not chunks — the unit gold is written in.
import type { Hit } from '../core/types';
import { articleKey, goldIndex } from './gold';
import { RECALL_KS, type ArticleRef, type GoldRef, type RecallK, type RetrievalResult } from './types';

export function hitToArticle(hit: Hit): ArticleRef {
  const c = hit.chunk;
  return { title: c.title, article: c.article, file: c.file, headingPath: c.headingPath, chunkId: c.id, text: c.text };
}

/** Distinct articles in rank order; non-article chunks (article '') stay separate per chunk id. */
export function distinctArticles(hits: Hit[], depth: number): ArticleRef[] {
  const seen = new Set<string>();
  const out: ArticleRef[] = [];
  for (const h of hits) {
    const a = hitToArticle(h);
    const key = articleKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
    if (out.length >= depth) break;
  }
  return out;
}

/** 1-based rank of the first retrieved article matching each gold entry (null: not within the list). */
export function goldRanks(retrieved: ArticleRef[], gold: GoldRef[]): (number | null)[] {
  const ranks: (number | null)[] = gold.map(() => null);
  retrieved.forEach((a, i) => {
    // An article may satisfy several gold entries (e.g. the same article listed for two versions).
    gold.forEach((g, gi) => {
      if (ranks[gi] === null && goldIndex(a, [g]) === 0) ranks[gi] = i + 1;
    });
  });
  return ranks;
}

export function scoreRetrieval(retrieved: ArticleRef[], gold: GoldRef[], ms: number): RetrievalResult {
  const ranks = goldRanks(retrieved, gold);
  const recall = {} as Record<RecallK, number>;
  for (const k of RECALL_KS) {
    recall[k] = gold.length === 0 ? 0 : ranks.filter((r) => r !== null && r <= k).length / gold.length;
  }
  const found = ranks.filter((r): r is number => r !== null);
  const first = found.length ? Math.min(...found) : null;
  const mrr10 = first !== null && first <= 10 ? 1 / first : 0;
  // Binary-relevance nDCG@10: each retrieved article that matches a not-yet-credited gold entry gains 1.
  let dcg = 0;
  const credited = new Set<number>();
  retrieved.slice(0, 10).forEach((a, i) => {
    const gi = gold.findIndex((g, j) => !credited.has(j) && goldIndex(a, [g]) === 0);
    if (gi >= 0) {
      credited.add(gi);
      dcg += 1 / Math.log2(i + 2);
    }
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(gold.length, 10); i++) idcg += 1 / Math.log2(i + 2);
  const stored = retrieved.map(({ text: _text, ...rest }) => rest);
  return { retrieved: stored, goldRanks: ranks, recall, mrr10, ndcg10: idcg ? dcg / idcg : 0, ms };
}
