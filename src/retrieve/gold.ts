// Gold matching for eval files (../shared/README.md): a hit matches a gold entry when it comes from one of the
// gold files (paths relative to shared/corpus; the hit's path is relative to ITS corpus dir, so we compare
// suffixes) — or, failing that, from a document whose title equals the gold law after removing 中华人民共和国
// and whitespace — AND its article number equals the gold article.
import { canonicalArticle } from '../index/numerals';

export interface GoldEntry {
  law: string;
  article: string;
  files?: string[];
}

export interface EvalQuestion {
  id: string;
  question: string;
  answerable?: boolean;
  gold: GoldEntry[];
  facts?: string[];
}

export interface HitRef {
  file: string;
  title: string;
  article: string;
}

export function normaliseLawTitle(title: string): string {
  return title.replace(/中华人民共和国/g, '').replace(/[\s《》]/g, '');
}

function sameArticle(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || (canonicalArticle(a) || a) === (canonicalArticle(b) || b);
}

export function goldFileMatches(goldFile: string, hitFile: string): boolean {
  const g = goldFile.replace(/\\/g, '/');
  const h = hitFile.replace(/\\/g, '/');
  return g === h || g.endsWith('/' + h);
}

export function matchesGold(hit: HitRef, gold: GoldEntry): boolean {
  if (!sameArticle(hit.article, gold.article)) return false;
  if (gold.files?.some((f) => goldFileMatches(f, hit.file))) return true;
  return normaliseLawTitle(hit.title) === normaliseLawTitle(gold.law);
}

/** Rank (1-based) of the first hit matching each gold entry; Infinity when not found. */
export function goldRanks(hits: HitRef[], gold: GoldEntry[]): number[] {
  return gold.map((g) => {
    const i = hits.findIndex((h) => matchesGold(h, g));
    return i < 0 ? Infinity : i + 1;
  });
}

/** Recall@k for one question: the fraction of its gold entries found in the top k (STARD's definition). */
export function recallAt(ranks: number[], k: number): number {
  if (!ranks.length) return 0;
  return ranks.filter((r) => r <= k).length / ranks.length;
}

/** Reciprocal rank of the first relevant hit within the top k (0 when none). */
export function mrrAt(ranks: number[], k: number): number {
  const best = Math.min(...ranks);
  return best <= k ? 1 / best : 0;
}
