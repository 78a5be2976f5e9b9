// Splitting article text into answerable units (sentences, 款, 项) without ever changing their characters,
// so that every unit is a verbatim substring of its chunk and can be quoted.

/** One quotable unit of an article: a sentence of a 款, or a whole 项 line. */
export interface TextUnit {
  /** Verbatim text (never rewritten). */
  text: string;
  /** Index of the line (款/项) the unit came from. */
  line: number;
  /** True for enumerated items such as "（一）…" / "(二)…" / "一、…". */
  isItem: boolean;
  /** True when the unit ends with a colon and introduces a list of items. */
  isStem: boolean;
  /** True for a FAQ question line ("问：…？", "**问：…**"): it frames the answer below it but never answers. */
  isQuestion?: boolean;
}

/** A FAQ question line: 问：/Q：, optionally in Markdown bold. */
export const FAQ_QUESTION = /^\**\s*(?:问|Q)\s*[:：]/;

/** The question of a FAQ question line, without 问： and bold marks. */
export function faqQuestionText(line: string): string {
  return line.replace(FAQ_QUESTION, '').replace(/\*+$/, '').trim();
}

const ARTICLE_PREFIX = /^第[零〇一二三四五六七八九十百千万\d]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*/;
const ITEM_PREFIX = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])/;

/** Removes the leading "第X条 " label of an article's first line. */
export function stripArticleLabel(text: string): string {
  return text.replace(ARTICLE_PREFIX, '');
}

/** Splits a chunk's text into units; sentences inside a 款 are split on 。！？ (kept with the sentence). */
export function splitUnits(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  lines.forEach((raw, line) => {
    const body = line === 0 ? stripArticleLabel(raw) : raw;
    if (!body) return;
    if (FAQ_QUESTION.test(body)) {
      units.push({ text: body, line, isItem: false, isStem: false, isQuestion: true });
      return;
    }
    const isItem = ITEM_PREFIX.test(body);
    const pieces = isItem ? [body] : (body.match(/[^。！？]+[。！？]?/g) ?? [body]);
    for (const p of pieces) {
      const t = p.trim();
      if (!t) continue;
      units.push({ text: t, line, isItem, isStem: /[：:]$/.test(t) });
    }
  });
  return units;
}

/** Character bigrams of the CJK/alphanumeric content (punctuation and spaces removed). */
export function bigrams(text: string): string[] {
  const clean = text.replace(/[^\p{Script=Han}\p{L}\p{N}%]/gu, '');
  const out: string[] = [];
  for (let i = 0; i + 1 < clean.length; i++) out.push(clean.slice(i, i + 2));
  return out;
}

/** Cuts text to at most `max` characters at a sentence/clause boundary when one is near. */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  if (text.length <= max) return { text, clipped: false };
  const head = text.slice(0, max);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('\n'));
  const end = cut > max * 0.5 ? cut + 1 : max;
  return { text: head.slice(0, end).trimEnd(), clipped: true };
}
