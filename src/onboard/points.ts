// Key points of a lesson, extracted (never written): the section headings, and the sentences that carry an
// obligation (应当/必须/不得…), a number, a deadline or who approves what. Each keeps its citation.
import type { KeyPoint, KeyPointKind } from '../core/onboard';
import type { Chunk } from '../core/types';
import { citationOf, isPreamble, sectionOf, sentencesOf, type OnboardCorpus } from './corpus';
import { findSlots, RESPONSIBILITY } from './slots';

const OBLIGATION = /应当|必须|不得|严禁|禁止|须|应于|不准/u;
/** Points per lesson: a lesson card stays readable (about one screen). */
export const MAX_POINTS = 8;

const PRIORITY: Record<KeyPointKind, number> = { approval: 0, deadline: 1, obligation: 2, number: 3, heading: 4 };

function kindOf(corpus: OnboardCorpus, sentence: string): KeyPointKind | undefined {
  const slots = findSlots(sentence, corpus.bodies);
  if (slots.some((s) => s.kind === 'body') && RESPONSIBILITY.test(sentence)) return 'approval';
  if (slots.some((s) => s.kind === 'deadline')) return 'deadline';
  if (OBLIGATION.test(sentence)) return 'obligation';
  if (slots.length > 0) return 'number';
  return undefined;
}

/**
 * Key points of the passages: the headings (once each), then up to MAX_POINTS sentences by priority
 * (approval, deadline, obligation, number), shown in reading order.
 */
export function keyPoints(corpus: OnboardCorpus, chunks: readonly Chunk[]): KeyPoint[] {
  const headings: KeyPoint[] = [];
  const seenHeadings = new Set<string>();
  const found: { point: KeyPoint; order: number }[] = [];
  let order = 0;
  for (const chunk of chunks) {
    if (isPreamble(chunk)) continue;
    const section = sectionOf(chunk);
    if (section && !seenHeadings.has(section)) {
      seenHeadings.add(section);
      const line = chunk.headingPath[chunk.headingPath.length - 1] ?? section;
      headings.push({ kind: 'heading', text: line, citation: citationOf(chunk, line) });
    }
    for (const sentence of sentencesOf(chunk.text)) {
      if ([...sentence].length < 8 || /[？?]$/u.test(sentence)) continue;
      const kind = kindOf(corpus, sentence);
      if (kind) found.push({ point: { kind, text: sentence, citation: citationOf(chunk, sentence) }, order: order++ });
    }
  }
  const chosen = [...found]
    .sort((a, b) => PRIORITY[a.point.kind] - PRIORITY[b.point.kind] || a.order - b.order)
    .slice(0, MAX_POINTS)
    .sort((a, b) => a.order - b.order)
    .map((x) => x.point);
  return [...headings.slice(0, 4), ...chosen];
}
