// Parsing the 《标题》第N条 labels stored in feedback rows (built by citationLabel in src/chat/render.ts).
// Only exact label shapes are accepted: a label we cannot read is reported, never guessed at.
import { canonicalArticle } from '../index/numerals';

export type ParsedLabel =
  { kind: 'article'; title: string; article: string } | { kind: 'document'; title: string } | { kind: 'unparseable' };

// The title runs to the LAST 》 so titles quoting another act with 〈〉 or nested 《》 stay whole.
const LABEL = /^《(.+)》(.*)$/s;

export function parseCitationLabel(label: string): ParsedLabel {
  const m = LABEL.exec(label.trim());
  if (!m) return { kind: 'unparseable' };
  const title = m[1]!.trim();
  const rest = m[2]!.trim();
  if (!title || !balancedQuotes(title)) return { kind: 'unparseable' };
  if (!rest) return { kind: 'document', title };
  // Keep the article as written (it came from the chunk, and learned.ts matches it exactly); only check its shape.
  if (!canonicalArticle(rest)) return { kind: 'unparseable' };
  return { kind: 'article', title, article: rest };
}

/** 《》 inside a title must nest properly; "A》第一条《B" is two labels run together, not one title. */
function balancedQuotes(title: string): boolean {
  let depth = 0;
  for (const ch of title) {
    if (ch === '《') depth++;
    else if (ch === '》' && --depth < 0) return false;
  }
  return depth === 0;
}
