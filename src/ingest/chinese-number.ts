// Chinese numerals as used in article numbers (第一百二十三条, 第十条之一). Only what statutes use.

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

/** Parse "一百零二" → 102, "十" → 10, "2" → 2. Returns NaN when the text is not a numeral. */
export function parseChineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      current = digit;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return NaN;
    total += (current === 0 ? 1 : current) * unit;
    current = 0;
  }
  return total + current;
}

/** 1..9999 → 一 … 九千九百九十九 in the statute style (十一, not 一十一; 一百一十, 一百零五). */
export function toChineseNumber(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n] ?? '';
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  const parts: string[] = [];
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let rest = n;
  let pendingZero = false;
  for (const [value, name] of units) {
    const q = Math.floor(rest / value);
    rest %= value;
    if (q > 0) {
      if (pendingZero) parts.push('零');
      parts.push((d[q] ?? '') + name);
      pendingZero = false;
    } else if (parts.length > 0) {
      pendingZero = true;
    }
  }
  if (rest > 0) parts.push((pendingZero ? '零' : '') + (d[rest] ?? ''));
  return parts.join('');
}
