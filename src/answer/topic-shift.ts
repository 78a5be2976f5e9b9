// Topic shift: a question that looks short enough to be a follow-up ("年假几天" after a question about the EPC
// 管理办法) but stands on its own must be answered as a fresh question. The conversation's context (previous
// files boosted, previous terms carried) would otherwise pull any short question back to the previous law and
// cite an article that has none of the question's own words. The answerer retrieves both with and without the
// context and keeps the context only when the question alone does not find a well-supported answer, or when the
// contextual answer is as well supported by the question's own words.
import type { Hit } from '../core/types';
import { coverage, queryTerms } from './terms';
import { answerKind } from './sentences';

/**
 * Share of the question's own (weighted) terms the standalone top hit must cover to count as well supported.
 * 0.8 = ALT_MATCH: one term matched only through a statutory equivalent still passes. Chosen by hand, not fitted.
 */
export const SUPPORTED_COVERAGE = 0.8;

/**
 * How much better the standalone top hit must cover the question's own terms than the contextual one before an
 * anaphoric question ("那年假呢？") drops the context. Large on purpose: a pointer back is strong evidence of a
 * follow-up, so only a contextual answer that barely mentions what was asked is overruled. Chosen by hand.
 */
export const ANAPHORIC_MARGIN = 0.5;

/** Words that point back to the previous turn: an opening "那/还有/它…", a demonstrative, or a closing "呢". */
const POINTER_OPENING = /^(那|那么|那如果|还有|另外|它|它们|这个|那个|此外|同样|如果是|如果|也)/;
const POINTER_INSIDE = /(这个|那个|这种|那种|这些|那些|它们?|同样|上述|前面|刚才|呢[？?！!。.\s]*$)/;

/** Whether the question points back to the previous turn (anaphora / ellipsis marker). */
export function pointsBack(question: string): boolean {
  const q = question.trim();
  return POINTER_OPENING.test(q) || POINTER_INSIDE.test(q);
}

/** Whether the question asks something itself (a value, a list, a span, or a question word), not a bare noun. */
export function asksItsOwnQuestion(question: string): boolean {
  const k = answerKind(question);
  return (
    Boolean(k.quantity) || k.list || k.span || /什么|怎么|如何|谁|哪|吗|是否|能否|可以|可否|多少|几/.test(question)
  );
}

function hitText(hit: Hit | undefined): string {
  if (!hit) return '';
  const c = hit.chunk;
  return [c.title, ...c.headingPath, c.text].join('\n');
}

/**
 * Decides whether a question that passed the follow-up test is in fact a new topic.
 *
 * @param question the question as asked (after any LLM condensing)
 * @param alone hits retrieved for the question without the conversation's context, best first
 * @param withContext hits retrieved with the context, best first
 * @returns true when the question must be answered without the context:
 *   - it does not point back (no 那/这个/它/呢/还有/同样…), asks its own question, and its standalone top hit covers
 *     at least SUPPORTED_COVERAGE of its own terms; or
 *   - it points back, but the standalone top hit is well supported and the contextual one covers at least
 *     ANAPHORIC_MARGIN less of the question's own terms.
 *   A question with no terms of its own ("那呢？") always keeps the context.
 */
export function isTopicShift(question: string, alone: Hit[], withContext: Hit[]): boolean {
  const own = queryTerms(question);
  if (own.length === 0) return false;
  const standalone = coverage(own, hitText(alone[0]));
  if (standalone < SUPPORTED_COVERAGE) return false;
  if (!pointsBack(question)) return asksItsOwnQuestion(question);
  return standalone - coverage(own, hitText(withContext[0])) >= ANAPHORIC_MARGIN;
}
