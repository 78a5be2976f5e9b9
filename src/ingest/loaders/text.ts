// Plain text → paragraphs. Text exported from PDF or typed with hard line breaks is re-joined by the layout
// normaliser; text with one paragraph per line is kept as is.
import { normalizeChars, trimAll } from '../normalize-chars';
import { joinLines, looksWrapped, tidySpaces, type Line } from '../layout';
import type { LoadedText } from '../para';

export function parseText(source: string): LoadedText {
  // Form feeds separate pages in text exported from PDF.
  const pages = source.split('\f');
  const lines: Line[] = [];
  pages.forEach((page, i) => {
    for (const raw of page.split(/\r?\n/)) lines.push({ text: trimAll(normalizeChars(raw)), page: i + 1 });
  });
  const paged = pages.length > 1;
  const strip = (l: Line) => (paged ? l : { text: l.text });
  if (looksWrapped(lines)) return { paras: joinLines(lines).map((p) => (paged ? p : { text: p.text })) };
  return {
    paras: lines.filter((l) => l.text.length > 0).map((l) => ({ ...strip(l), text: tidySpaces(l.text) })),
  };
}
