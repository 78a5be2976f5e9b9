// Chinese ↔ Arabic numerals for article numbers: users type 第26条 as often as 第二十六条.

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parse a Chinese numeral (up to 9999, e.g. "一千二百六十" or "十五") or Arabic digits. NaN when invalid. */
export function parseNumeral(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s) return NaN;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      current = d;
      continue;
    }
    const u = UNITS[ch];
    if (u === undefined) return NaN;
    // "十五" means 15: a unit with no preceding digit counts as one of it.
    total += (current || 1) * u;
    current = 0;
  }
  return total + current;
}

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Render 1..9999 the way statutes number articles: 10 → 十, 15 → 十五, 105 → 一百零五, 1260 → 一千二百六十. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return '零';
  if (n < 20 && n >= 10) return '十' + (n % 10 ? CN[n % 10] : '');
  const parts: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let pendingZero = false;
  for (const [unit, name] of parts) {
    const d = Math.floor(n / unit) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += (CN[d] ?? '') + name;
  }
  return out;
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
