// Scores the units of an article against the question, so the answer can lead with the sentence or 项 that
// actually answers it (for "屋面防水保修几年": the (二) line containing "5年", not the article's opening).
import type { Chunk } from '../core/types';
import { coverage, queryTerms, type QueryTerm } from './terms';
import { faqQuestionText, splitUnits, type TextUnit } from './text';

export interface ScoredUnit extends TextUnit {
  score: number;
  /** The chunk (part of the article) the unit's text comes from verbatim. */
  chunk: Chunk;
  /** Position of the unit within the whole article. */
  index: number;
  /** Headings the unit sits under (chapter, section; for a FAQ entry its question): what it is about. */
  topic: string;
  /** For an answer inside a FAQ section: the question line it answers (without 问：). */
  faq?: string;
}

/** What sort of number a question asks for. */
export type QuantityKind = 'time' | 'count' | 'amount' | 'any';

/** What kind of answer the question asks for, read from its question words. */
export interface AnswerKind {
  /** A number, and which sort: a period ("几年", "多久"), a count ("几个人"), an amount or share ("上限", "多少钱"). */
  quantity?: QuantityKind;
  /** An enumeration: conditions, cases, ways ("哪些", "哪几种", "条件", "情形"). */
  list: boolean;
  /** Yes/no about what is allowed ("可以…吗", "能不能", "是否"). */
  permission: boolean;
  /** A limit: the least ("最少要留多少天") or the most ("最多能收多少") allowed. */
  bound?: 'min' | 'max';
  /** A period between two events ("从发出招标文件到投标截止…"), which laws state as "自…起至…止". */
  span: boolean;
}

function quantityKind(q: string): QuantityKind | undefined {
  if (/多久|多长时间|多长|几天|多少天|几日|多少日|几年|多少年|几个月|多少个月|什么时候|何时|期限|时限|几号/.test(q))
    return 'time';
  if (/几个人|几人|多少人|几名|几次|多少次|几家|多少家|几个|多少个|几位/.test(q)) return 'count';
  if (/上限|下限|比例|占比|比重|多少钱|金额|最多|最高|不超过|多少|百分之/.test(q)) return 'amount';
  if (/几|最低|最少|至少|多大/.test(q)) return 'any';
  return undefined;
}

export function answerKind(question: string): AnswerKind {
  return {
    quantity: quantityKind(question),
    list: /哪些|哪几|哪种|什么情况|什么情形|情形|条件|方式|程序|怎么办|如何处理|怎么处理|应该怎么/.test(question),
    permission: /可以|能不能|能否|可不可以|是否|允许|吗[？?]?$/.test(question),
    bound: /最少|至少|最短|最低|不少于|下限/.test(question)
      ? 'min'
      : /最多|最高|最长|上限|不超过|封顶/.test(question)
        ? 'max'
        : undefined,
    span: /从.{2,}(到|至)/.test(question),
  };
}

const NUM = '(?:[\\d０-９]+(?:\\.\\d+)?|[零〇一二三四五六七八九十百千万两]+)';
const QUANTITY: Record<QuantityKind, RegExp> = {
  time: new RegExp(`${NUM}\\s*(?:个?工作日|日|天|个?月|年|小时|周|个采暖期)`),
  count: new RegExp(`${NUM}\\s*(?:人|名|次|家|个|位|项)`),
  amount: new RegExp(`${NUM}\\s*(?:%|％|元|万元|亿元|倍)|百分之|分之[一二三四五六七八九十]`),
  any: new RegExp(`${NUM}\\s*(?:%|％|日|天|年|个?月|次|人|倍|元|个|家)|百分之|分之`),
};

/** Whether a text holds the sort of number the question asks for (true when it asks for none). */
export function hasQuantity(text: string, kind: AnswerKind): boolean {
  return !kind.quantity || QUANTITY[kind.quantity].test(text);
}

/** Bonus of a unit holding the sort of number asked for: enough to beat a unit that only repeats the terms. */
export const QUANTITY_BONUS = 0.3;
/** How legal texts state a lower or an upper limit. */
const BOUND = {
  min: /不得少于|不少于|不应少于|至少|最短|最少|最低|以上/,
  max: /不得超过|不超过|不应超过|最多|最高|最长|以内|上限/,
} as const;
const SPAN = /自.{2,}起.*至|从.{2,}至/;
/** Bonus of a unit stating the period between the two events a span question names: as strong as a number. */
export const SPAN_BONUS = 0.3;
/** Bonus of a unit stating the sort of limit asked for. */
export const BOUND_BONUS = 0.15;
/** A permission question is answered by a permission or a prohibition, less so by a mere duty. */
const PERMIT = /不得|禁止|严禁|不能|不应|可以|有权|无需|不需要|不必/;
const DUTY = /应当|必须/;

/** Headings below the title, without the article label: they name the topic of every unit beneath them. */
export function topicOf(chunk: Chunk): string {
  const path = chunk.headingPath.slice(1);
  return (chunk.article && path.at(-1) === chunk.article ? path.slice(0, -1) : path).join(' ');
}

function unitScore(text: string, isStem: boolean, terms: QueryTerm[], kind: AnswerKind, topic = ''): number {
  // "密码有效期为90天" answers "OA系统的密码多久要改一次" because its heading says "OA系统密码…".
  let score = coverage(terms, topic ? `${topic} ${text}` : text);
  if (kind.quantity && hasQuantity(text, kind)) score += QUANTITY_BONUS;
  if (kind.bound && BOUND[kind.bound].test(text)) score += BOUND_BONUS;
  if (kind.span && SPAN.test(text)) score += SPAN_BONUS;
  if (kind.list && isStem) score += 0.2;
  if (kind.permission) score += PERMIT.test(text) ? 0.15 : DUTY.test(text) ? 0.05 : 0;
  return score;
}

/** Scores every unit of an article (given as its parts in order). */
export function scoreUnits(parts: Chunk[], terms: QueryTerm[], kind: AnswerKind): ScoredUnit[] {
  const out: ScoredUnit[] = [];
  for (const chunk of parts) {
    const base = topicOf(chunk);
    const heading = chunk.headingPath.at(-1)?.replace(/\s+/g, '');
    let faq: string | undefined;
    for (const u of splitUnits(chunk.text)) {
      // The section's own heading repeated as the chunk's first line ("1. OA系统密码忘记了怎么办？") is its title,
      // not an answer: it frames like a FAQ question line.
      if (heading && u.line === 0 && u.text.replace(/\s+/g, '') === heading) {
        out.push({ ...u, isQuestion: true, score: 0, chunk, index: out.length, topic: base });
        continue;
      }
      // A FAQ answer is about its question: "一名导师同时带教的新员工不超过2人" answers "最多能带几个新人" because
      // it stands under 「导师是怎么分配的？」. The question line itself frames, it never answers (score 0).
      if (u.isQuestion) {
        faq = faqQuestionText(u.text);
        out.push({ ...u, score: 0, chunk, index: out.length, topic: base, faq });
        continue;
      }
      const topic = faq ? `${base} ${faq}` : base;
      out.push({ ...u, score: unitScore(u.text, u.isStem, terms, kind, topic), chunk, index: out.length, topic, faq });
    }
  }
  return out;
}

/** Splits "多久必须开工？可以延期几次？" into its parts, each answered by its own lead sentence. */
export function subQuestions(question: string): string[] {
  const parts = question
    .split(/[？?！!。；;]/)
    .map((p) => p.trim())
    .filter((p) => p.replace(/[\p{P}\s]/gu, '').length >= 3);
  return parts.length > 1 ? parts.slice(0, 3) : [question];
}

/** The unit that best answers one (sub-)question, with its score. */
export function bestFor(
  units: ScoredUnit[],
  terms: QueryTerm[],
  kind: AnswerKind,
): { unit: ScoredUnit; score: number } | undefined {
  let best: ScoredUnit | undefined;
  let bestScore = -1;
  for (const u of units) {
    if (u.isQuestion) continue;
    const s = unitScore(u.text, u.isStem, terms, kind, u.topic);
    if (s > bestScore) [best, bestScore] = [u, s];
  }
  return best && bestScore > 0 ? { unit: best, score: bestScore } : undefined;
}

/**
 * The units to lead with: the best unit for each part of the question, each 项 preceded by the stem that
 * introduces its list, and for "哪些/条件" questions whose best unit is that stem, the items that follow it.
 */
export function pickLead(units: ScoredUnit[], question?: string): ScoredUnit[] {
  if (units.length === 0) return [];
  const ranked = [...units].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Set<ScoredUnit>([ranked[0]!]);
  if (question) {
    const parts = subQuestions(question);
    if (parts.length > 1) {
      for (const p of parts) {
        const u = bestFor(units, queryTerms(p), answerKind(p));
        if (u) chosen.add(u.unit);
      }
    }
  }
  const withContext = new Set<ScoredUnit>();
  for (const u of chosen) {
    if (u.isItem) {
      const stem = units
        .slice(0, u.index)
        .reverse()
        .find((x) => x.isStem);
      if (stem) withContext.add(stem);
    }
    withContext.add(u);
    const items: ScoredUnit[] = [];
    if (u.isStem) {
      for (const next of units.slice(u.index + 1)) {
        if (!next.isItem) break;
        items.push(next);
      }
    }
    // "带什么" asks for what the list holds as much as "哪些" does, once the lead is a stem introducing a list.
    if (question && (answerKind(question).list || /什么|啥/.test(question)))
      for (const it of items) withContext.add(it);
    else if (items.length > 0) {
      // A lead-in line ("设计变更按照金额分级审批：") says nothing by itself: the item that best answers goes with
      // it (the highest-scoring one; the first on a tie).
      const best = [...items].sort((a, b) => b.score - a.score || a.index - b.index)[0]!;
      withContext.add(best);
    }
  }
  return [...withContext].sort((a, b) => a.index - b.index);
}
