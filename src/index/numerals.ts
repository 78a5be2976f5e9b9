// Chinese ↔ Arabic numerals for article numbers: users type 第26条 as often as 第二十六条.

import { parseChineseNumber, toChineseNumber } from '../ingest/chinese-number';

/** Parse a Chinese numeral (up to 9999, e.g. "一千二百六十" or "十五") or Arabic digits. NaN when invalid. */
export function parseNumeral(s: string): number {
  return s ? parseChineseNumber(s) : NaN;
}

/** Render 1..9999 the way statutes number articles: 10 → 十, 15 → 十五, 105 → 一百零五, 1260 → 一千二百六十. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  return n === 0 ? '零' : toChineseNumber(n);
}

/** Canonical article label: "第26条" / "第二十六条" → "第二十六条"; keeps "之一" suffixes. '' when unparseable. */
export function canonicalArticle(label: string): string {
  const m = /^第\s*([0-9零〇一二两三四五六七八九十百千]+)\s*条(之[一二三四五六七八九十]+)?$/.exec(label.trim());
  if (!m || !m[1]) return '';
  const n = parseNumeral(m[1]);
  if (!Number.isFinite(n) || n <= 0) return '';
  return `第${toChineseNumeral(n)}条${m[2] ?? ''}`;
}

/** Rewrite Arabic article numbers in running text to Chinese ones so both spellings share tokens. */
export function normaliseArticleNumbers(text: string): string {
  return text.replace(/第\s*(\d{1,4})\s*(条|章|节|款|项|编)/g, (_m, d: string, unit: string) => {
    return `第${toChineseNumeral(Number(d))}${unit}`;
  });
}
