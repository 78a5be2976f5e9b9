// Follow-up questions ("那电气管线呢？"): the offline path carries the previous turn's terms and files into
// retrieval and scoring; the LLM path first rewrites the question into a standalone one (prompts/condense.txt).
import { fillTemplate } from './prompts';
import type { ChatModel, RetrievalContext } from '../core/interfaces';
import type { ChatTurn } from '../core/types';
import { queryTerms, type QueryTerm } from './terms';
import { domainTermsIn } from './key-terms';
import { answerKind } from './sentences';

/** Weight of carried-over terms relative to the follow-up's own terms. */
export const CARRIED_TERM_WEIGHT = 0.5;

/** A question that leans on the previous turn: short, or opening with a pointer back ("那", "还有", "它"). */
export function looksLikeFollowUp(question: string, terms: QueryTerm[]): boolean {
  if (/^(那|那么|那如果|还有|另外|它|它们|这个|那个|此外|同样|如果是|如果)/.test(question.trim())) return true;
  return terms.reduce((n, t) => n + t.term.length, 0) <= 4;
}

/**
 * A question that names its own subject — a term of the trade the previous turn did not mention — and asks its
 * own question ("那投标保证金最多能收多少？" after a question about 中标通知书) stands on its own, "那" or not: carrying
 * the previous topic would pull it back to the previous law. "那如果是施工单位呢？" asks nothing of its own and
 * stays a follow-up.
 */
export function namesOwnTopic(question: string, previousTerms: string[]): boolean {
  const previous = previousTerms.join(' ');
  const own = domainTermsIn(question).filter((t) => !previous.includes(t));
  if (own.length === 0) return false;
  const k = answerKind(question);
  return Boolean(k.quantity) || k.list || k.span || /什么|怎么|如何|谁|哪/.test(question);
}

/** A follow-up that has a previous turn to lean on. */
export function isFollowUp(question: string, context?: RetrievalContext): boolean {
  const previous = context?.previousTerms ?? [];
  return previous.length > 0 && looksLikeFollowUp(question, queryTerms(question)) && !namesOwnTopic(question, previous);
}

/** Terms of a question plus, for a follow-up, the previous turn's terms at reduced weight. */
export function termsWithContext(question: string, context?: RetrievalContext): QueryTerm[] {
  const own = queryTerms(question);
  if (!isFollowUp(question, context)) return own;
  const previous = context?.previousTerms ?? [];
  const have = new Set(own.map((t) => t.term));
  const carried = queryTerms(previous.join(' '))
    .filter((t) => !have.has(t.term))
    .map((t) => ({ ...t, weight: t.weight * CARRIED_TERM_WEIGHT }));
  return [...own, ...carried];
}

/** The retrieval query for a follow-up in offline mode: the question plus the carried terms. */
export function retrievalQuery(question: string, context?: RetrievalContext): string {
  if (!isFollowUp(question, context)) return question;
  return `${question} ${(context?.previousTerms ?? []).join(' ')}`;
}

/** LLM mode: rewrite the follow-up into a standalone question; the original question on any failure. */
export async function condenseQuestion(
  model: ChatModel,
  template: string,
  history: ChatTurn[],
  question: string,
  signal?: AbortSignal,
): Promise<string> {
  const recent = history.filter((t) => t.role !== 'system').slice(-6);
  if (recent.length === 0) return question;
  const transcript = recent.map((t) => `${t.role === 'user' ? '用户' : '助手'}：${t.content.slice(0, 300)}`).join('\n');
  const prompt = fillTemplate(template, { history: transcript, question });
  try {
    const out = (await model.complete([{ role: 'user', content: prompt }], { signal, temperature: 0 })).trim();
    // A condensed question is one line; anything long or empty means the model did something else.
    return out && out.length <= 200 && !out.includes('\n') ? out : question;
  } catch {
    return question;
  }
}
