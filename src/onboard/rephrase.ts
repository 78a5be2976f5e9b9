// Optional LLM rephrasing of quiz questions (issue 17): the model may make a question read more naturally, but
// the result is kept only when it still verifies against the source — the blank is still there once, the
// answer and the options are not given away, no fact (number, deadline, body) is added or changed, the rule's
// wording around the blank is kept, and the item passes every quality check. Otherwise the original stays.
import type { ChatModel } from '../core/interfaces';
import type { QuizItem } from '../core/onboard';
import { checkItem } from './checks';
import type { OnboardCorpus } from './corpus';
import { BLANK } from './quiz';
import { canonicalValue, findSlots } from './slots';

const SYSTEM =
  '你是机关单位的培训老师。把给出的测验题题干改写得更自然、更像口语提问。要求：' +
  `必须原样保留空白符号“${BLANK}”且只出现一次；不得增加、删除或改变任何数字、期限、金额、比例、部门名称；` +
  '不得写出答案或选项；只输出改写后的题干，不要解释。';

/** Facts of a text as canonical values (numbers with units, bodies). */
function facts(corpus: OnboardCorpus, text: string): string[] {
  return findSlots(text, corpus.bodies).map((s) => `${s.kind}:${canonicalValue(s.value)}`);
}

/** Why a rephrased question is rejected ('' = accepted). */
export function rephraseProblem(corpus: OnboardCorpus, item: QuizItem, rephrased: string): string {
  if (rephrased.split(BLANK).length !== 2) return 'blank_missing';
  if ([...rephrased].length > [...item.question].length * 2 + 40) return 'too_long';
  const before = new Set(facts(corpus, item.question));
  if (facts(corpus, rephrased).some((f) => !before.has(f))) return 'fact_changed';
  const original = item.citation.quote;
  // The rule's own words next to the blank must survive (at least one side), or the model changed the rule.
  const at = item.question.indexOf(BLANK);
  const left = item.question.slice(Math.max(0, at - 4), at);
  const right = item.question.slice(at + BLANK.length, at + BLANK.length + 4);
  const kept = [left, right].filter((s) => s && original.includes(s)).some((s) => rephrased.includes(s));
  if (!kept) return 'rule_changed';
  const candidate = { ...item, question: rephrased };
  if (item.options.some((o) => o !== item.answer && rephrased.includes(o))) return 'option_given_away';
  const failures = checkItem(corpus, candidate);
  return failures.length > 0 ? `check:${failures[0]?.check ?? ''}` : '';
}

/**
 * Rephrase the questions of cloze and choice items with `model`; true/false items are left as they are (their
 * statement must match the quoted passage word for word). A model error or a rejected rewrite keeps the
 * original item. Returns the items and, per item, '' (rephrased), 'kept' or the rejection reason.
 */
export async function rephraseQuiz(
  model: ChatModel,
  corpus: OnboardCorpus,
  items: readonly QuizItem[],
  signal?: AbortSignal,
): Promise<{ items: QuizItem[]; outcomes: string[] }> {
  const out: QuizItem[] = [];
  const outcomes: string[] = [];
  for (const item of items) {
    if (item.kind === 'truefalse') {
      out.push(item);
      outcomes.push('kept');
      continue;
    }
    let text = '';
    try {
      text = (
        await model.complete(
          [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: item.question },
          ],
          { temperature: 0.3, maxTokens: 300, signal },
        )
      ).trim();
    } catch {
      out.push(item);
      outcomes.push('llm_error');
      continue;
    }
    const problem = rephraseProblem(corpus, item, text);
    out.push(problem ? item : { ...item, question: text });
    outcomes.push(problem);
  }
  return { items: out, outcomes };
}
