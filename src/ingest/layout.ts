// Layout normaliser for text extracted from PDF (and hard-wrapped plain text): drops running headers/footers
// and page numbers, then re-joins lines broken mid-sentence into paragraphs. Chinese has no spaces between
// words, so joined lines are concatenated without inserting one.
import { normalizeChars, trimAll } from './normalize-chars';
import { ARTICLE_START, DATE_START, DIVISION_HEADING, TERMINAL_PUNCT, outlineLevel, type Para } from './para';

const PAGE_NUMBER = [
  /^[-—–―－~\s]*\d{1,4}[-—–―－~\s]*$/, // "— 3 —", "- 3 -", "3"
  /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/, // "第 3 页 共 20 页"
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // "3 / 20"
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
];

export function isPageNumber(line: string): boolean {
  const t = trimAll(line);
  return PAGE_NUMBER.some((re) => re.test(t));
}

export interface Line {
  text: string;
  page: number;
}

/** Lines in the first/last two positions of a page that recur (digits ignored) on at least half the pages. */
function runningLines(pages: string[][]): Set<string> {
  const out = new Set<string>();
  if (pages.length < 2) return out;
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => l.replace(/\d+/g, '#')));
    for (const key of edge) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) if (n >= Math.max(2, pages.length / 2) && key.length <= 40) out.add(key);
  return out;
}

/** Remove running headers/footers and page numbers; keep page numbers on the remaining lines. */
export function cleanPages(pageTexts: string[]): Line[] {
  const pages = pageTexts.map((p) =>
    p
      .split(/\r?\n/)
      .map((l) => trimAll(normalizeChars(l)))
      .filter((l) => l.length > 0),
  );
  const running = runningLines(pages);
  const out: Line[] = [];
  pages.forEach((lines, i) => {
    for (const text of lines) {
      if (isPageNumber(text) || running.has(text.replace(/\d+/g, '#'))) continue;
      out.push({ text, page: i + 1 });
    }
  });
  return out;
}

/** A line that begins a new paragraph whatever the previous line looked like. */
function startsBlock(line: string, inHeader: boolean): boolean {
  if (DIVISION_HEADING.test(line)) return true;
  // Dated lines start paragraphs only in the header block (history lines); in the body a line that begins with
  // a date is usually a sentence wrapped before "2019年4月23日起施行".
  if (inHeader && DATE_START.test(line)) return true;
  const art = ARTICLE_START.exec(line);
  if (art && /^[\s\u3000]/.test(line.slice(art[0].length))) return true;
  return outlineLevel(line) > 0;
}

/** Typical full line length (90th percentile), the width at which the source wrapped its lines. */
function fullWidth(lines: Line[]): number {
  const lengths = lines.map((l) => l.text.length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)] ?? 0;
}

function joinText(a: string, b: string): string {
  // Latin words broken across lines need their space back; CJK text does not.
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** Tidy spaces the extractor left around CJK punctuation (e.g. a tab before "，"). */
export function tidySpaces(text: string): string {
  return text
    .replace(/[ \u3000]+([，。；：、！？）》”’」』】])/g, '$1')
    .replace(/([，。；：、！？（《“‘「『【])[ \u3000]+/g, '$1')
    .replace(/ {2,}/g, ' ');
}

/**
 * Re-join wrapped lines. A line ends its paragraph when it is clearly shorter than the wrap width (the last
 * line of a paragraph, a title or a heading) or when the next line starts a structural unit (第X条 + space,
 * 第X章, an outline marker, or in the header block a dated history line). A full-width line is a wrapped one even when it happens to
 * end in "。" — the rare wrong join costs nothing for retrieval, a wrong split would cut an article.
 */
export function joinLines(lines: Line[]): Para[] {
  const width = fullWidth(lines.filter((l) => l.text.length > 0));
  const paras: Para[] = [];
  let cur: Para | undefined;
  let last = '';
  // Until the first article or 章 heading we are in the title/history block.
  let inHeader = true;
  for (const line of lines) {
    if (inHeader && (DIVISION_HEADING.test(line.text) || ARTICLE_START.test(line.text))) inHeader = false;
    if (line.text === '') {
      // An explicit blank line (plain text) always ends the paragraph.
      if (cur) paras.push(cur);
      cur = undefined;
      last = '';
      continue;
    }
    const shortPrev = last.length < width * 0.75;
    const brk =
      !cur ||
      startsBlock(line.text, inHeader) ||
      (shortPrev && (TERMINAL_PUNCT.test(last) || isHeadingLike(last, width)));
    if (brk) {
      if (cur) paras.push(cur);
      cur = { text: line.text, page: line.page };
    } else if (cur) {
      cur.text = joinText(cur.text, line.text);
    }
    last = line.text;
  }
  if (cur) paras.push(cur);
  return paras.map((p) => ({ ...p, text: tidySpaces(p.text) }));
}

/** A short line without sentence punctuation: a title, heading or label rather than wrapped prose. */
function isHeadingLike(line: string, width: number): boolean {
  return line.length < width * 0.6 && !/[，、]$/.test(line);
}

/**
 * True when the text was hard-wrapped at a fixed width: many lines have about the same length and most of those
 * stop mid-sentence. Paragraph-per-line text fails the second test, since its lines end in "。".
 */
export function looksWrapped(lines: Line[]): boolean {
  const nonEmpty = lines.filter((l) => l.text.length > 0);
  if (nonEmpty.length < 5) return false;
  const width = fullWidth(nonEmpty);
  const near = nonEmpty.filter((l) => l.text.length >= width * 0.85 && l.text.length <= width * 1.15);
  const open = near.filter((l) => !TERMINAL_PUNCT.test(l.text)).length;
  return near.length / nonEmpty.length >= 0.4 && open / near.length >= 0.5;
}
