// Checks added to 公文体检 that look at the calendar and at the foot of a document: dates that cannot exist and a
// 成文日期 written above the 发文机关署名. Kept apart from check.ts so each rule reads on its own.

/** Days in a month of the Gregorian calendar (February 29 in leap years: divisible by 4, not by 100 unless by 400). */
export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Dates in `text` that cannot exist: month outside 1–12 or a day past the month's end (「2026年6月31日」
 * 「2026年13月1日」「2月30日」). Arabic-numeral dates only, with or without the year. Returns what was written and why.
 */
export function impossibleDates(text: string): { date: string; reason: string }[] {
  const out: { date: string; reason: string }[] = [];
  for (const m of text.matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)) {
    // 「12月31日」 inside 「2026年12月31日」 is matched once, with its year.
    const year = m[1] ? Number(m[1]) : undefined;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12) out.push({ date: m[0], reason: `没有${month}月` });
    else if (day < 1 || day > daysInMonth(year, month))
      out.push({
        date: m[0],
        reason:
          day < 1
            ? '日期不能为0日'
            : `${year !== undefined ? `${year}年` : ''}${month}月只有${daysInMonth(year, month)}天`,
      });
  }
  return out;
}

/** A line that reads as a 发文机关署名: a body name alone, no punctuation, at most 40 characters. */
export function looksLikeSignature(line: string): boolean {
  return (
    [...line].length <= 40 &&
    !/[，。；：:,;（）()]/.test(line) &&
    /(?:局|委|委员会|厅|办|办公室|政府|单位|公司|部|部门|处|科|中心|院|所|队|站|集团)$/.test(line)
  );
}
