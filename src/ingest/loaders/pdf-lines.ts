// Text items of one PDF page (pdf.js getTextContent) → text lines, with over-printed copies removed.
//
// Some producers simulate bold by drawing the same text twice, a fraction of a point apart — whole lines at once,
// or glyph after glyph (pdf.js then merges "路" + "路面" + "面保"… into items that hold each character twice).
// A viewer shows the text once, so each glyph is placed on the page (x from the item's start and its average
// advance) and a glyph equal to one already kept within a small distance is dropped, whatever the drawing order.

/** The fields of a pdf.js TextItem this module reads. */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e/f are the baseline origin in page space (points). */
  transform: number[];
  /** Advance width of the whole item, points. */
  width: number;
  /** Font height, points. */
  height: number;
  hasEOL?: boolean;
}

interface Glyph {
  ch: string;
  x: number;
  y: number;
  /** Average advance of the item's glyphs: the scale for "the same position". */
  advance: number;
  size: number;
}

/**
 * Two copies closer than this are one glyph drawn twice. 1 pt is the bound given for simulated bold
 * (bugs/pdf-overprint-heading: 0.4 pt offsets; producers use 0.2–0.5 pt). A quarter advance also covers the
 * position error of glyphs inside a merged item, while two real neighbours (at least one advance apart) stay apart.
 */
const SAME_POSITION_PT = 1;
/** Gap wider than this (points) between glyphs of one line separates cells (pdf-parse's default cellThreshold). */
const CELL_GAP_PT = 7;

function glyphsOf(item: PdfTextItem): Glyph[] {
  const chars = Array.from(item.str);
  const x0 = item.transform[4] ?? 0;
  const y = item.transform[5] ?? 0;
  const size = Math.abs(item.transform[3] ?? item.height) || item.height || 10;
  const advance = chars.length > 0 ? item.width / chars.length : 0;
  return chars.map((ch, i) => ({ ch, x: x0 + i * advance, y, advance, size }));
}

function isCopy(a: Glyph, b: Glyph): boolean {
  const tol = Math.max(SAME_POSITION_PT, Math.min(a.advance, b.advance) * 0.25);
  return Math.abs(a.x - b.x) < tol && Math.abs(a.y - b.y) < Math.max(SAME_POSITION_PT, a.size * 0.25);
}

/**
 * Lines of one page in drawing order. A new line starts when the baseline moves by more than half the font
 * size; glyphs on one line are concatenated (CJK needs no spaces), with a tab across a wide horizontal gap.
 * Whitespace glyphs are never treated as copies (they carry no ink).
 */
export function pageLines(items: PdfTextItem[]): string[] {
  const kept = new Map<string, Glyph[]>();
  const lines: string[] = [];
  let line = '';
  let last: Glyph | undefined;
  let lastEnd = 0;
  for (const item of items) {
    for (const g of glyphsOf(item)) {
      const blank = /^\s$/u.test(g.ch);
      if (!blank) {
        const same = kept.get(g.ch);
        if (same?.some((k) => isCopy(k, g))) continue;
        if (same) same.push(g);
        else kept.set(g.ch, [g]);
      }
      if (last && Math.abs(g.y - last.y) > Math.max(last.size, g.size) * 0.5) {
        lines.push(line);
        line = '';
      } else if (last && g.x - lastEnd > CELL_GAP_PT && !blank) {
        line += '\t';
      }
      line += g.ch;
      last = g;
      lastEnd = g.x + g.advance;
    }
  }
  if (line) lines.push(line);
  return lines;
}
