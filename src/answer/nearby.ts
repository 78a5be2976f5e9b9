// The closest documents listed with a refusal, made useful: each names the article or section it points at and
// says why it was suggested (the question's words it contains), so the user can judge it instead of guessing.
import type { Hit, NearbyDocument } from '../core/types';
import type { QueryTerm } from './terms';

/** Question words named in a reason, at most. */
const REASON_TERMS = 3;

/**
 * `nearby` with `section` (heading path below the title, for chunks without an article number) and `reason`
 * filled from the best hit of each entry's file. A hit that shares no question word gets the neutral reason
 * 「与问题的用词最接近」. Input entries are not modified.
 */
export function explainNearby(nearby: NearbyDocument[], hits: Hit[], terms: QueryTerm[]): NearbyDocument[] {
  return nearby.map((n) => {
    const hit =
      hits.find((h) => h.chunk.file === n.file && h.chunk.article === n.article) ??
      hits.find((h) => h.chunk.file === n.file);
    if (!hit) return { ...n, reason: '与问题的用词最接近' };
    const c = hit.chunk;
    const section = n.article ? undefined : c.headingPath.slice(1).join(' ') || undefined;
    const words = [...new Set(terms.filter((t) => c.text.includes(t.term)).map((t) => t.term))]
      .sort((a, b) => b.length - a.length)
      .slice(0, REASON_TERMS);
    const reason = words.length ? `含有问题中的${words.map((w) => `“${w}”`).join('')}` : '与问题的用词最接近';
    return { ...n, ...(section ? { section } : {}), reason };
  });
}

/** 《标题》第N条, or 《标题》section for outline/FAQ documents. */
export function nearbyLabel(n: NearbyDocument): string {
  return `《${n.title}》${n.article || n.section || ''}`;
}
