// Answer-type agreement: a question asking for a specific value (a floor, a time of day, a period, an amount,
// a count) is answered only by a sentence that states such a value about the question's subject. Coverage alone
// is fooled by a FAQ entry that mentions 局长, 办公室 and 4楼 in three different sentences.
import { askedTypes, statesType, type AnswerType } from '../retrieve/answer-type';
import type { Candidate } from './candidates';
import { answerKind, hasQuantity, type ScoredUnit } from './sentences';
import { matchWithAlternatives, type QueryTerm } from './terms';

/** Kinds of value a question can ask for; retrieval's types plus a place (floor/room) and a time of day. */
export type ValueKind = 'place' | 'clock' | Exclude<AnswerType, 'conditions'>;

// Retrieval's answer types do not know places or clock times; these two are the only new patterns.
const ASKS_PLACE = /几楼|几层|哪个房间|哪间|几号房|哪个办公室|在哪(?![些种类])/;
const ASKS_CLOCK = /几点/;
const MOMENT = /什么时候|何时/g;
const INTERROGATIVE = /多少|几|多久|多长|何时|什么时候|哪/;
const STATES_PLACE = /[0-9一二三四五六七八九十]+\s*(?:楼|层|号楼)|[0-9]+\s*室|[0-9]+号/;
// "多久清疏一次" asks for a frequency, which rules state as a period without a number: 每年汛期前, 每月.
const STATES_FREQUENCY = /每(?:个)?(?:年|半年|季度|季|月|周|星期|日|天)/;
const STATES_CLOCK = /[0-9]{1,2}[:：][0-9]{2}|[0-9一二三四五六七八九十]+\s*(?:点|时)/;

/** The value kinds the question asks for (empty: it asks for none, or for a list/permission). */
export function askedValueKinds(question: string): ValueKind[] {
  // "单项设计变更金额30万元，由谁审批？" names an amount but asks for a person: only a question word asks for a value.
  if (!INTERROGATIVE.test(question)) return [];
  const kinds: ValueKind[] = [];
  if (ASKS_PLACE.test(question)) kinds.push('place');
  if (ASKS_CLOCK.test(question)) kinds.push('clock');
  // "什么时候/何时" asks for a moment, which statutes state as an event ("交付时设立", "自…之日起"), not a value.
  for (const t of askedTypes(question.replace(MOMENT, ''))) if (t !== 'conditions') kinds.push(t);
  return kinds;
}

/** Whether a text states a value of the kind: retrieval's patterns, or the composer's quantity patterns. */
export function statesValue(text: string, kind: ValueKind): boolean {
  if (kind === 'place') return STATES_PLACE.test(text);
  if (kind === 'clock') return STATES_CLOCK.test(text);
  if (kind === 'time' && STATES_FREQUENCY.test(text)) return true;
  return statesType(text, kind) || hasQuantity(text, { ...answerKind(''), quantity: kind });
}

/** How many of the question's most specific terms must sit in the sentence with the value. */
export const SUBJECT_TERMS = 2;
/**
 * A term counts as present from this match: a statutory equivalent counts, as does half of a term's bigrams
 * (招投标 in 招标投标法); one bigram of three does not.
 */
export const SUBJECT_MATCH = 0.4;

// Nouns naming the kind of value asked for ("哪个房间", "多长时间"): the value itself, not what it is about.
const VALUE_NOUNS = new Set(['房间', '地方', '位置', '时间', '期限', '时限', '金额', '比例', '人数', '数量', '天数']);

/**
 * The question's most specific terms (highest weight first) found in some candidate: what the asked-for value
 * must be about. A term no candidate contains ("周末" where the FAQ says 休息日) is already charged by coverage;
 * the question here is whether the words the articles do hold sit together with the value.
 */
export function subjectTerms(terms: QueryTerm[], contexts: string[]): QueryTerm[] {
  const texts = contexts.map((c) => c.toLowerCase());
  return terms
    .filter((t) => !VALUE_NOUNS.has(t.term) && texts.some((x) => matchWithAlternatives(t, x) >= SUBJECT_MATCH))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, SUBJECT_TERMS);
}

/**
 * A unit states a value of an asked kind together with the subject terms. The unit is read with what
 * frames it: the document title, its headings (a FAQ's question) and, for a 项, the stem introducing it.
 */
export function unitAgrees(c: Candidate, u: ScoredUnit, kinds: ValueKind[], subject: QueryTerm[]): boolean {
  if (!kinds.some((k) => statesValue(u.text, k))) return false;
  const stem = u.isItem
    ? c.units
        .slice(0, u.index)
        .reverse()
        .find((x) => x.isStem)?.text
    : undefined;
  const frame = `${c.hit.chunk.title} ${u.topic} ${stem ?? ''} ${u.text}`.toLowerCase();
  return subject.every((t) => matchWithAlternatives(t, frame) >= SUBJECT_MATCH);
}

/** Whether any unit of the candidate agrees with the asked value kinds and subject. */
export function candidateAgrees(c: Candidate, kinds: ValueKind[], subject: QueryTerm[]): boolean {
  return subject.length > 0 && c.units.some((u) => unitAgrees(c, u, kinds, subject));
}

/**
 * Candidates reordered so that the answer leads with one stating the asked-for value about the subject, or
 * undefined when none does (the answer must then be a refusal). A question asking for no value is unchanged.
 */
export function agreeingOrder(candidates: Candidate[], question: string, terms: QueryTerm[]): Candidate[] | undefined {
  const kinds = askedValueKinds(question);
  if (kinds.length === 0) return candidates;
  const subject = subjectTerms(
    terms,
    candidates.map((c) => c.context),
  );
  const agreeing = candidates.findIndex((c) => candidateAgrees(c, kinds, subject));
  if (agreeing < 0) return undefined;
  if (agreeing === 0) return candidates;
  return [candidates[agreeing]!, ...candidates.filter((_, i) => i !== agreeing)];
}
