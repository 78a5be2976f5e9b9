// Retrieval context carried to the next question of a conversation (follow-ups such as "那监理呢？").
// The answer module owns the real derivation (src/answer/context.ts, contextFromAnswer); until it lands this
// local fallback keeps the same shape: the files the answer cited and the key terms of the question.
import type { RetrievalContext } from '../core/interfaces';
import type { Answer } from '../core/types';

const FILLER =
  /(请问|什么|怎么|怎样|如何|哪些|哪个|多少|是否|能否|可以|应当|应该|需要|规定|吗|呢|吧|的|了|是|有|在|对|和|与|及)/g;

export function contextFromAnswerFallback(question: string, answer: Answer): RetrievalContext {
  const previousFiles = [...new Set(answer.citations.map((c) => c.file))];
  const previousTerms = [
    ...new Set(
      question
        .replace(FILLER, ' ')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((t) => t.length >= 2 && t.length <= 12),
    ),
  ].slice(0, 8);
  return { previousFiles, previousTerms };
}
