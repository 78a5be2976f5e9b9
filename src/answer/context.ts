// The retrieval context a conversation carries to its next turn (stored per conversation by src/chat).
import type { RetrievalContext } from '../core/interfaces';
import type { Answer } from '../core/types';
import { queryTerms } from './terms';

/** How many of the question's most specific terms are carried to the next turn. */
export const CARRIED_TERMS = 6;

/**
 * Derives the next turn's context. Pass the context the question was asked with so that a chain of follow-ups
 * ("保修期" → "那电气管线呢？" → "那装修呢？") keeps the original topic's terms.
 */
export function contextFromAnswer(question: string, answer: Answer, asked?: RetrievalContext): RetrievalContext {
  const own = queryTerms(question)
    .sort((a, b) => b.weight - a.weight)
    .map((t) => t.term);
  // A refusal cited nothing: carrying its nearby documents would steer the next question towards a miss.
  const previousFiles = answer.refused ? [] : [...new Set(answer.citations.map((c) => c.file))];
  // An answer citing none of the previous turn's files answered a new topic ("年假几天" after the EPC 办法):
  // chaining the old topic's terms would pull the next follow-up back to the old law.
  const askedFiles = asked?.previousFiles ?? [];
  const newTopic =
    previousFiles.length > 0 && askedFiles.length > 0 && !previousFiles.some((f) => askedFiles.includes(f));
  const chained = newTopic ? [] : (asked?.previousTerms ?? []);
  const previousTerms = [...new Set([...own, ...chained])].slice(0, CARRIED_TERMS);
  return { previousFiles, previousTerms };
}
