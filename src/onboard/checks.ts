// Quality checks of a quiz item against the corpus, written independently of the generator (issue 17 point 7):
// the answer is stated by the quoted passage, no distractor is stated there (or in another passage holding the
// same sentence frame), options are distinct, and the question does not give the answer away.
import type { QuizItem } from '../core/onboard';
import type { OnboardCorpus } from './corpus';
import { BLANK } from './quiz';
import { canonicalValue, textStates, type SlotKind } from './slots';

export type CheckName =
  | 'quote_in_passage'
  | 'answer_stated'
  | 'distractor_stated'
  | 'options_distinct'
  | 'answer_given_away'
  | 'statement_matches';

export interface CheckFailure {
  check: CheckName;
  detail: string;
}

/** The sentence frame around the blank: the longest piece of the question's sentence without the blank. */
function frames(question: string): string[] {
  const at = question.indexOf(BLANK);
  if (at < 0) return [];
  const sentence = question.slice(question.lastIndexOf('：', at) + 1);
  const b = sentence.indexOf(BLANK);
  const left = sentence.slice(Math.max(0, b - 6), b);
  const right = sentence.slice(b + BLANK.length, b + BLANK.length + 6);
  return [left, right].filter((s) => [...s].length >= 4 && !/[，。；、]/u.test(s));
}

/** Every failure of `item`; [] = the item passes. */
export function checkItem(corpus: OnboardCorpus, item: QuizItem): CheckFailure[] {
  const fails: CheckFailure[] = [];
  const kind = item.slot as SlotKind;
  const chunk = corpus.byId(item.citation.chunkId);
  const quote = item.citation.quote;
  if (!chunk || !chunk.text.includes(quote)) {
    fails.push({ check: 'quote_in_passage', detail: `quote not found in ${item.citation.file}` });
    return fails;
  }
  if (item.kind === 'truefalse') {
    const m = /“([\s\S]*)”$/u.exec(item.question);
    const statement = m?.[1] ?? '';
    const asQuoted = quote.replace(/[；;]$/u, '。');
    if (item.answer === '对' && statement !== asQuoted) {
      fails.push({ check: 'statement_matches', detail: 'a true statement differs from the quote' });
    }
    if (item.answer === '错') {
      if (statement === asQuoted) fails.push({ check: 'statement_matches', detail: 'a false statement is the quote' });
      if (!item.altered || textStates(chunk.text, item.altered, kind)) {
        fails.push({ check: 'distractor_stated', detail: `altered value ${item.altered ?? '?'} is in the passage` });
      }
    }
    if (item.options.join() !== '对,错' || (item.answer !== '对' && item.answer !== '错')) {
      fails.push({ check: 'options_distinct', detail: 'true/false options must be 对/错' });
    }
    return fails;
  }
  if (!textStates(quote, item.answer, kind)) {
    fails.push({ check: 'answer_stated', detail: `${item.answer} not stated by the quote` });
  }
  if (textStates(item.question, item.answer, kind)) {
    fails.push({ check: 'answer_given_away', detail: `question contains ${item.answer}` });
  }
  if (item.kind === 'choice') {
    const canon = item.options.map(canonicalValue);
    if (new Set(canon).size !== canon.length || !item.options.includes(item.answer)) {
      fails.push({ check: 'options_distinct', detail: item.options.join(' / ') });
    }
    const sameRule = frames(item.question).flatMap((f) => corpus.containing(f));
    for (const d of item.options.filter((o) => o !== item.answer)) {
      const where = [chunk, ...sameRule].find((c) => textStates(c.text, d, kind));
      if (where) fails.push({ check: 'distractor_stated', detail: `${d} stated in ${where.file}` });
    }
  }
  return fails;
}

export interface QuizReport {
  items: number;
  byKind: Record<string, number>;
  bySlot: Record<string, number>;
  failing: number;
  failureRate: number;
  failures: { id: string; question: string; failures: CheckFailure[] }[];
}

/** Counts per kind and slot, and the items that fail (the eval's report). */
export function reportQuiz(corpus: OnboardCorpus, items: readonly QuizItem[]): QuizReport {
  const byKind: Record<string, number> = {};
  const bySlot: Record<string, number> = {};
  const failures: QuizReport['failures'] = [];
  for (const item of items) {
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    bySlot[item.slot] = (bySlot[item.slot] ?? 0) + 1;
    const f = checkItem(corpus, item);
    if (f.length > 0) failures.push({ id: item.id, question: item.question, failures: f });
  }
  return {
    items: items.length,
    byKind,
    bySlot,
    failing: failures.length,
    failureRate: items.length ? failures.length / items.length : 0,
    failures,
  };
}
