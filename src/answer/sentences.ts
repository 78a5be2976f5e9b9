// Scores the units of an article against the question, so the answer can lead with the sentence or 项 that
// actually answers it (for "屋面防水保修几年": the (二) line containing "5年", not the article's opening).
import type { Chunk } from '../core/types';
import { coverage, type QueryTerm } from './terms';
import { splitUnits, type TextUnit } from './text';

export interface ScoredUnit extends TextUnit {
  score: number;
  /** The chunk (part of the article) the unit's text comes from verbatim. */
  chunk: Chunk;
  /** Position of the unit within the whole article. */
  index: number;
}

/** What kind of answer the question asks for, read from its question words. */
export interface AnswerKind {
  /** A number: a period, an amount, a count, a share ("几年", "多少", "多久", "上限"). */
  quantity: boolean;
  /** An enumeration: conditions, cases, ways ("哪些", "哪几种", "条件", "情形"). */
  list: boolean;
  /** Yes/no about what is allowed ("可以…吗", "能不能", "是否"). */
  permission: boolean;
}

export function answerKind(question: string): AnswerKind {
  return {
    quantity: /几|多少|多久|多长|多大|期限|上限|下限|比例|占比|最高|最低|最多|最少|至少|比重/.test(question),
    list: /哪些|哪几|哪种|什么情况|什么情形|情形|条件|方式|程序|怎么办|如何处理|怎么处理|应该怎么/.test(question),
    permission: /可以|能不能|能否|可不可以|是否|允许|吗[？?]?$/.test(question),
  };
}

const QUANTITY =
  /[\d０-９]+(?:\.\d+)?\s*(?:%|％|日|天|年|个月|月|次|人|倍|元|万元|小时|个)|[零一二三四五六七八九十百千两]+(?:日|天|年|个月|次|人|倍|个工作日|分之)|百分之|分之[一二三四五六七八九十]/;
const MODAL = /不得|应当|必须|可以|禁止|严禁|不能|不应|无需|不需要/;

/** Scores every unit of an article (given as its parts in order). */
export function scoreUnits(parts: Chunk[], terms: QueryTerm[], kind: AnswerKind): ScoredUnit[] {
  const out: ScoredUnit[] = [];
  for (const chunk of parts) {
    for (const u of splitUnits(chunk.text)) {
      let score = coverage(terms, u.text);
      if (kind.quantity && QUANTITY.test(u.text)) score += 0.25;
      if (kind.list && u.isStem) score += 0.2;
      if (kind.permission && MODAL.test(u.text)) score += 0.1;
      out.push({ ...u, score, chunk, index: out.length });
    }
  }
  return out;
}

/**
 * The units to lead with: the best one, plus a second one that scores nearly as well (two-part questions),
 * each item preceded by the stem that introduces its list so the item reads in context.
 */
export function pickLead(units: ScoredUnit[]): ScoredUnit[] {
  if (units.length === 0) return [];
  const ranked = [...units].sort((a, b) => b.score - a.score || a.index - b.index);
  const best = ranked[0]!;
  const chosen = [best];
  const second = ranked[1];
  if (second && second.score >= best.score * 0.85 && second.score > 0.3) chosen.push(second);
  const withStems = new Set<ScoredUnit>();
  for (const u of chosen) {
    if (u.isItem) {
      const stem = [...units.slice(0, u.index)].reverse().find((x) => x.isStem);
      if (stem) withStems.add(stem);
    }
    withStems.add(u);
  }
  return [...withStems].sort((a, b) => a.index - b.index);
}
