// Optional LLM-as-judge: only when an LLM is configured and asked for (--judge), and never the only measure —
// it is reported next to the string-match fact accuracy, not instead of it, and the gate ignores it (an LLM's
// verdicts are neither reproducible nor free). The judge sees the question, the gold article text and the
// answer, and says whether the answer is right according to that article.
import { z } from 'zod';
import type { ChatModel } from '../core/interfaces';
import type { GoldRef, QuestionResult } from './types';

export type Verdict = 'correct' | 'partial' | 'incorrect' | 'invalid';

export interface JudgeResult {
  judged: number;
  /** correct = 1, partial = 0.5, incorrect/invalid = 0; mean over judged answers. */
  score: number;
  counts: Record<Verdict, number>;
  verdicts: Record<string, Verdict>;
}

const SYSTEM = [
  '你是法规问答系统的评测员。根据给出的标准条文判断系统回答是否正确回答了问题。',
  '只依据标准条文判断，不使用其他知识。回答遗漏关键数字或条件为 partial，与条文矛盾或答非所问为 incorrect。',
  '只输出一行 JSON：{"verdict":"correct|partial|incorrect","reason":"不超过30字"}',
].join('\n');

const ReplySchema = z.object({ verdict: z.enum(['correct', 'partial', 'incorrect']), reason: z.string().optional() });

export function parseVerdict(reply: string): Verdict {
  const m = /\{[\s\S]*\}/.exec(reply);
  if (!m) return 'invalid';
  try {
    const parsed = ReplySchema.safeParse(JSON.parse(m[0]));
    return parsed.success ? parsed.data.verdict : 'invalid';
  } catch {
    return 'invalid';
  }
}

export async function judgeAnswers(
  results: QuestionResult[],
  deps: { model: ChatModel; goldText: (g: GoldRef) => string | undefined },
): Promise<JudgeResult> {
  const counts: Record<Verdict, number> = { correct: 0, partial: 0, incorrect: 0, invalid: 0 };
  const verdicts: Record<string, Verdict> = {};
  for (const r of results) {
    // Only answered, answerable questions with a readable gold article: refusals are scored by refusal metrics.
    if (!r.answerable || !r.answer || r.answer.refused) continue;
    const gold = r.gold.map((g) => deps.goldText(g)).filter((t): t is string => Boolean(t));
    if (gold.length === 0) continue;
    let verdict: Verdict;
    try {
      const reply = await deps.model.complete(
        [
          { role: 'system', content: SYSTEM },
          {
            role: 'user',
            content: `问题：${r.question}\n\n标准条文：\n${gold.join('\n\n')}\n\n系统回答：\n${r.answer.answer}`,
          },
        ],
        { temperature: 0, maxTokens: 200 },
      );
      verdict = parseVerdict(reply);
    } catch {
      verdict = 'invalid';
    }
    counts[verdict]++;
    verdicts[r.id] = verdict;
  }
  const judged = Object.keys(verdicts).length;
  const score = judged ? (counts.correct + counts.partial * 0.5) / judged : 0;
  return { judged, score, counts, verdicts };
}
