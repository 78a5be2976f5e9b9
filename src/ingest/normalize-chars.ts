// Character-level normalisation applied to every extracted text, whatever the format.
// PDF generators often emit Kangxi radicals (U+2F00–U+2FDF) and CJK Radicals Supplement forms (U+2E80–U+2EFF)
// instead of the unified ideographs: "⼯程" looks like "工程" but matches nothing. Full NFKC would also turn
// Chinese punctuation (，：（）) into ASCII, so it is applied only to those ranges.

/** CJK Radicals Supplement forms that stand for a whole character (NFKC leaves most of them alone). */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EBC': '月',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECA': '足',
  '\u2ECB': '车',
  '\u2ED1': '长',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEB': '齐',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF3': '龟',
};

const COMPAT_RANGES = /[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/** Map look-alike radicals to ideographs and full-width letters/digits to ASCII; keep Chinese punctuation. */
export function normalizeChars(text: string): string {
  let out = text.replace(COMPAT_RANGES, (ch) => RADICAL_SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
  // Zero-width characters and soft hyphens come from Word/HTML and break substring matching.
  out = out.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
  // Non-breaking and other exotic spaces become plain spaces; the ideographic space U+3000 is kept
  // because LawRefBook uses it after article numbers and it carries no meaning beyond whitespace.
  out = out.replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ');
  out = out.replace(/\t/g, ' ');
  return out;
}

/** Trim including the ideographic space. */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}
