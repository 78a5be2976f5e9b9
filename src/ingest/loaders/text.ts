// Plain text → paragraphs. Text exported from PDF (form feeds between pages, page numbers, hard line breaks) goes
// through the same layout normaliser as PDF; text with one paragraph per line is kept as is.
import { normalizeChars, trimAll } from '../normalize-chars';
import { cleanPages, joinLines, looksWrapped, tidySpaces, type Line } from '../layout';
import type { LoadedText } from '../para';

/** Page-number lines that cannot be content; a bare "3" can (a table cell, a list), so it is kept here. */
const EXPLICIT_PAGE_NUMBER = [
  /^[-—–―－]\s*\d{1,4}\s*[-—–―－]$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
];

export function parseText(source: string): LoadedText {
  const pages = source.split('\f');
  const paged = pages.length > 1;
  const lines: Line[] = paged
    ? cleanPages(pages)
    : source
        .split(/\r?\n/)
        .map((raw) => ({ text: trimAll(normalizeChars(raw)), page: 1 }))
        .filter((l) => !EXPLICIT_PAGE_NUMBER.some((re) => re.test(l.text)));
  const keepPage = (p: { text: string; page?: number }) => (paged ? p : { text: p.text });
  if (looksWrapped(lines)) return { paras: joinLines(lines).map(keepPage) };
  return {
    paras: lines.filter((l) => l.text.length > 0).map((l) => keepPage({ text: tidySpaces(l.text), page: l.page })),
  };
}
