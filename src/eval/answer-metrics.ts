// Answer metrics for one question: facts contained, citations that match gold, refusal.
import type { Answer } from '../core/types';
import { articleKey, goldIndex, matchesGold } from './gold';
import type { AnswerResult, ArticleRef, EvalItem } from './types';

/** Whitespace is dropped on both sides: line breaks inside a quoted article must not hide a fact. */
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

export function citedArticles(answer: Answer): ArticleRef[] {
  const seen = new Set<string>();
  const out: ArticleRef[] = [];
  const chunks = new Map(answer.hits.map((h) => [h.chunk.id, h.chunk]));
  for (const c of answer.citations) {
    const a: ArticleRef = {
      title: c.title,
      article: c.article,
      file: c.file,
      chunkId: c.chunkId,
      headingPath: chunks.get(c.chunkId)?.headingPath,
      text: chunks.get(c.chunkId)?.text,
    };
    const key = articleKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

export function scoreAnswer(item: EvalItem, answer: Answer, ms: number): AnswerResult {
  const text = squash(answer.answer);
  const factsFound = item.facts.filter((f) => text.includes(squash(f)));
  const withText = citedArticles(answer);
  const cited = withText.map(({ text: _text, ...rest }) => rest);
  return {
    answer: answer.answer,
    refused: answer.refused,
    cited,
    factsFound,
    factsMissing: item.facts.filter((f) => !factsFound.includes(f)),
    citedCorrect: withText.filter((a) => goldIndex(a, item.gold) >= 0).length,
    goldCited: item.gold.filter((g) => withText.some((a) => matchesGold(a, g))).length,
    ms,
    mode: answer.mode,
    note: answer.note,
    ...(answer.refusal ? { refusal: answer.refusal } : {}),
  };
}

/** A failed answer call is scored as an unrefused empty answer: it neither answers nor refuses honestly. */
export function failedAnswer(item: EvalItem, error: unknown, ms: number): AnswerResult {
  return {
    answer: '',
    refused: false,
    cited: [],
    factsFound: [],
    factsMissing: [...item.facts],
    citedCorrect: 0,
    goldCited: 0,
    ms,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
