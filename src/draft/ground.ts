// Grounding: finds the corpus articles that apply to a draft through the one Retriever (with the requester's
// viewer, so the access filter decides what may be cited) and verifies every 《X》第N条 a draft cites against them.
import type { Retriever } from '../core/interfaces';
import type { Viewer } from '../core/access';
import type { Citation, Hit } from '../core/types';
import { citationOf, citeLabel } from '../answer/render';

export interface GroundOptions {
  viewer?: Viewer;
  /** Articles cited at most. Default 2. */
  max?: number;
  /**
   * Lowest Hit.confidence (share of the query's informative words the article covers) to cite. Default 0.5, set by
   * hand, not fitted: a draft cites an article only when it covers at least half of the subject's informative words
   * (docs/draft.md lists what the 32 eval requests then cite).
   */
  minConfidence?: number;
}

/** Articles (chunks with a 第N条) that apply to `query`, best first, one per document. */
export async function groundingHits(retriever: Retriever, query: string, options: GroundOptions = {}): Promise<Hit[]> {
  if (!query.trim()) return [];
  const hits = await retriever.search(query, { k: 8, viewer: options.viewer });
  const min = options.minConfidence ?? 0.5;
  const out: Hit[] = [];
  for (const h of hits) {
    if (!h.chunk.article || (h.confidence ?? 0) < min) continue;
    if (out.some((o) => o.chunk.title === h.chunk.title)) continue;
    out.push(h);
    if (out.length >= (options.max ?? 2)) break;
  }
  return out;
}

/** 「根据《A》第N条、《B》第M条的规定，」 or '' when nothing applies. */
export function basisSentence(hits: Hit[]): string {
  if (hits.length === 0) return '';
  return `根据${hits.map((h) => citeLabel(h.chunk)).join('、')}的规定，`;
}

export function citationsOf(hits: Hit[]): Citation[] {
  return hits.map((h) => citationOf(h.chunk, h.chunk.text.slice(0, 120)));
}

const CITE = /《([^》]+)》(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)/g;

/**
 * Every 《X》第N条 in `text` that no hit supports (title and article equal). Same test as answers: a citation is
 * valid only when the article was retrieved for this requester, hence exists and is visible to them.
 */
export function unsupportedCitations(text: string, hits: Hit[]): string[] {
  const known = new Set(hits.map((h) => `${h.chunk.title}|${h.chunk.article}`));
  const bad: string[] = [];
  for (const m of text.matchAll(CITE)) {
    if (!known.has(`${m[1]}|${m[2]}`)) bad.push(m[0]);
  }
  return bad;
}
