// Checks an LLM answer against the passages it was given: every [n] must name a passage, every quoted span
// (「…」 or “…”) must appear verbatim in a passage the sentence cites. What fails is stripped, never shown.
import type { Chunk } from '../core/types';
import { citeLabel } from './render';

export interface Passage {
  /** 1-based number the model cites. */
  n: number;
  /** The article's parts in order; the passage text is their concatenation. */
  parts: Chunk[];
  text: string;
}

export interface VerifiedAnswer {
  /** Rendered text: [n] replaced by 《标题》第N条, unverifiable sentences removed. */
  text: string;
  /** Passage numbers that survived verification, in first-cited order. */
  cited: number[];
  /** Verified quotes per passage number. */
  quotes: Map<number, string[]>;
  /** How many markers or sentences were removed. */
  stripped: number;
}

const MARKER = /[[［【](\d{1,3})[\]］】]/g;
const QUOTE = /「([^」]+)」|“([^”]+)”/g;

const squash = (s: string) => s.replace(/\s+/g, '');

function splitSentences(text: string): string[] {
  return (
    text.match(/[^。！？\n]*(?:[。！？]+(?:\s*(?:[[［【]\d{1,3}[\]］】])+)?|\n|$)/g)?.filter((s) => s !== '') ?? []
  );
}

export function verifyLlmAnswer(raw: string, passages: Passage[]): VerifiedAnswer {
  const byNumber = new Map(passages.map((p) => [p.n, p]));
  const cited: number[] = [];
  const quotes = new Map<number, string[]>();
  let stripped = 0;
  const kept: string[] = [];

  for (const sentence of splitSentences(raw)) {
    const numbers = [...sentence.matchAll(MARKER)].map((m) => Number(m[1]));
    const valid = numbers.filter((n) => byNumber.has(n));
    stripped += numbers.length - valid.length;
    const sources = valid.length > 0 ? valid.map((n) => byNumber.get(n)!) : passages;

    let ok = true;
    const found: { n: number; quote: string }[] = [];
    for (const m of sentence.matchAll(QUOTE)) {
      const quote = (m[1] ?? m[2] ?? '').trim();
      const home = sources.find((p) => squash(p.text).includes(squash(quote)));
      if (!home) {
        ok = false;
        break;
      }
      found.push({ n: home.n, quote });
    }
    if (!ok) {
      stripped++;
      continue;
    }
    for (const f of found) quotes.set(f.n, [...(quotes.get(f.n) ?? []), f.quote]);
    for (const n of valid) if (!cited.includes(n)) cited.push(n);

    kept.push(
      sentence.replace(MARKER, (_all, d: string) => {
        const p = byNumber.get(Number(d));
        return p ? `（${citeLabel(p.parts[0]!)}）` : '';
      }),
    );
  }
  const text = kept
    .join('')
    .replace(/条）（《/g, '条、《')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, cited, quotes, stripped };
}
