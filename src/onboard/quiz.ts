// Offline quiz items from passages: a fact slot (deadline, amount, ratio, count, responsible body) is taken out of
// a sentence (cloze), offered among values of the same kind from elsewhere in the corpus (single choice), or
// swapped for one of them (true/false). A distractor is never a value that the passage — or any passage stating
// the same rule — has in a slot of that kind, so no wrong option is in fact right.
import { createHash } from 'node:crypto';
import type { QuizItem, QuizKind } from '../core/onboard';
import type { Chunk } from '../core/types';
import { citationLabel, citationOf, isPreamble, sentencesOf, slotKey, type OnboardCorpus } from './corpus';
import { canonicalValue, findSlots, RESPONSIBILITY, textStates, type Slot } from './slots';

export const BLANK = '____';
/** Sentences shorter than this carry too little context to ask about; longer ones are too long to read in a card. */
const MIN_SENTENCE = 12;
const MAX_SENTENCE = 160;
/** Characters either side of a slot that identify "the same rule" in other passages. */
const RULE_CONTEXT = 6;

interface Candidate {
  chunk: Chunk;
  sentence: string;
  slot: Slot;
}

function hash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex');
}

/** Deterministic order by hash, so the same corpus always yields the same items and options. */
function stableShuffle<T>(items: T[], seed: string, key: (t: T) => string): T[] {
  return [...items].sort((a, b) => hash(seed, key(a)).localeCompare(hash(seed, key(b))));
}

/**
 * The fragments around a slot (≤ RULE_CONTEXT chars each side, cut at punctuation, digits kept: "以上10万元")
 * that name the rule it belongs to; a passage holding one of them states "the same rule" for distractors.
 */
export function ruleContexts(sentence: string, slot: Slot): string[] {
  const at = sentence.indexOf(slot.value);
  if (at < 0) return [];
  const left = sentence
    .slice(Math.max(0, at - RULE_CONTEXT), at)
    .split(/[，,。；：:、（）()]/u)
    .pop();
  const right = sentence
    .slice(at + slot.value.length, at + slot.value.length + RULE_CONTEXT)
    .split(/[，,。；：:、（）()]/u)[0];
  return [left ?? '', right ?? ''].filter((s) => [...s].length >= 4);
}

/** Values a distractor must not take: every value of the slot's kind in the passage or in a same-rule passage. */
export function forbiddenValues(corpus: OnboardCorpus, chunk: Chunk, sentence: string, slot: Slot): Set<string> {
  const texts = [chunk.text, ...ruleContexts(sentence, slot).flatMap((c) => corpus.containing(c).map((x) => x.text))];
  const out = new Set<string>();
  for (const text of texts) {
    for (const s of findSlots(text, corpus.bodies, slot.kind)) out.add(canonicalValue(s.value));
  }
  return out;
}

/** Up to `n` distractors of the slot's kind and unit, none stated by the passage or a same-rule passage. */
export function distractorsFor(corpus: OnboardCorpus, c: Candidate, n: number): string[] {
  const forbidden = forbiddenValues(corpus, c.chunk, c.sentence, c.slot);
  forbidden.add(canonicalValue(c.slot.value));
  const pool = (corpus.pool.get(slotKey(c.slot)) ?? []).filter(
    (v) => !forbidden.has(canonicalValue(v)) && !textStates(c.chunk.text, v, c.slot.kind),
  );
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of stableShuffle(pool, c.chunk.id + c.sentence, (x) => x)) {
    const canon = canonicalValue(v);
    if (seen.has(canon)) continue;
    seen.add(canon);
    out.push(v);
    if (out.length >= n) break;
  }
  return out;
}

/** Sentences with exactly one occurrence of a usable slot value, in passage order. */
export function candidatesOf(corpus: OnboardCorpus, chunks: readonly Chunk[]): Candidate[] {
  const out: Candidate[] = [];
  for (const chunk of chunks) {
    if (isPreamble(chunk)) continue;
    for (const sentence of sentencesOf(chunk.text)) {
      const len = [...sentence].length;
      if (len < MIN_SENTENCE || len > MAX_SENTENCE) continue;
      // A heading line ("（三）各方职责") or a question line of a FAQ is not a statement of fact.
      if (/[？?]$/u.test(sentence) || !/[。；]$/u.test(sentence)) continue;
      for (const slot of findSlots(sentence, corpus.bodies)) {
        if (slot.kind === 'body' && !RESPONSIBILITY.test(sentence)) continue;
        // A value inside the document's name ("八小时之外行为管理办法") is part of a name, not a fact to recall.
        if (textStates(chunk.title, slot.value, slot.kind)) continue;
        const same = findSlots(sentence, corpus.bodies, slot.kind).filter(
          (s) => canonicalValue(s.value) === canonicalValue(slot.value),
        );
        if (same.length !== 1) continue;
        out.push({ chunk, sentence, slot });
      }
    }
  }
  return out;
}

function blanked(c: Candidate): string {
  return c.sentence.slice(0, c.slot.start) + BLANK + c.sentence.slice(c.slot.start + c.slot.value.length);
}

function explanation(c: Candidate, answer: string): string {
  return `答案：${answer}。原文（${citationLabel(citationOf(c.chunk, c.sentence))}）：「${c.sentence}」`;
}

const KIND_NAME: Record<string, string> = {
  deadline: '期限',
  amount: '金额',
  ratio: '比例',
  count: '数量',
  body: '负责部门',
};

/** Build one item of `kind` from a candidate, or undefined when that kind is not possible for it. */
export function buildItem(corpus: OnboardCorpus, c: Candidate, kind: QuizKind): QuizItem | undefined {
  const label = citationLabel(citationOf(c.chunk, c.sentence));
  const base = {
    id: hash(c.chunk.id, c.sentence, kind, String(c.slot.start)).slice(0, 12),
    slot: c.slot.kind,
    citation: citationOf(c.chunk, c.sentence),
  };
  if (kind === 'cloze') {
    return {
      ...base,
      kind,
      question: `根据${label}，请填写空白处的${KIND_NAME[c.slot.kind] ?? '内容'}：${blanked(c)}`,
      options: [],
      answer: c.slot.value,
      explanation: explanation(c, c.slot.value),
    };
  }
  if (kind === 'choice') {
    const distractors = distractorsFor(corpus, c, 3);
    if (distractors.length < 2) return undefined;
    const options = stableShuffle([c.slot.value, ...distractors], base.id, (x) => x);
    return {
      ...base,
      kind,
      question: `根据${label}，空白处应为哪一项？${blanked(c)}`,
      options,
      answer: c.slot.value,
      explanation: explanation(c, c.slot.value),
    };
  }
  // True/false: about half the statements are altered, chosen by the item's hash (stable, not keyed to content).
  const alter = parseInt(base.id.slice(0, 2), 16) % 2 === 0;
  const statement = c.sentence.replace(/[；;]$/u, '。');
  if (!alter) {
    return {
      ...base,
      kind,
      question: `判断对错：根据${label}，“${statement}”`,
      options: ['对', '错'],
      answer: '对',
      explanation: `答案：对。原文（${label}）：「${c.sentence}」`,
    };
  }
  const [other] = distractorsFor(corpus, c, 1);
  if (!other) return undefined;
  const altered = statement.slice(0, c.slot.start) + other + statement.slice(c.slot.start + c.slot.value.length);
  return {
    ...base,
    kind,
    question: `判断对错：根据${label}，“${altered}”`,
    options: ['对', '错'],
    answer: '错',
    altered: other,
    explanation: `答案：错，应为“${c.slot.value}”而不是“${other}”。原文（${label}）：「${c.sentence}」`,
  };
}

const KINDS: QuizKind[] = ['choice', 'cloze', 'truefalse'];

/**
 * Quiz items for the passages `chunks`: at most `n`, kinds in rotation (choice, cloze, true/false), at most
 * one item per sentence, items spread over the passages. Items that fail the quality checks are dropped.
 */
export function generateQuiz(
  corpus: OnboardCorpus,
  chunks: readonly Chunk[],
  n: number,
  accept: (item: QuizItem) => boolean = () => true,
): QuizItem[] {
  const items: QuizItem[] = [];
  const usedSentences = new Set<string>();
  const perChunk = new Map<string, number>();
  const candidates = candidatesOf(corpus, chunks);
  // Spread: first pass takes at most one item per passage, later passes fill up.
  for (const limit of [1, 2, Infinity]) {
    for (const c of candidates) {
      if (items.length >= n) return items;
      const key = `${c.chunk.id}|${c.sentence}`;
      if (usedSentences.has(key) || (perChunk.get(c.chunk.id) ?? 0) >= limit) continue;
      const first = items.length % KINDS.length;
      for (let k = 0; k < KINDS.length; k++) {
        const kind = KINDS[(first + k) % KINDS.length] as QuizKind;
        const item = buildItem(corpus, c, kind);
        if (!item || !accept(item)) continue;
        items.push(item);
        usedSentences.add(key);
        perChunk.set(c.chunk.id, (perChunk.get(c.chunk.id) ?? 0) + 1);
        break;
      }
    }
  }
  return items;
}
