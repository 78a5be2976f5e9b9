// Reading a user's reply to a quiz item: "A"/"ａ"/"选B", "对"/"错"/"√"/"×", or the value itself for a cloze
// ("20个工作日", "二十个工作日内", "20"). `understood` says whether the reply is an answer at all, so a real
// question typed while a quiz is open still goes to the question path.
import type { QuizItem } from '../core/onboard';
import { canonicalValue } from './slots';

export interface Verdict {
  understood: boolean;
  correct: boolean;
  /** The option the reply chose (choice/true-false), or the reply itself (cloze). */
  chosen: string;
}

const TRUE_WORDS = new Set(['对', '正确', '是', '√', '✓', 'true', 't', 'yes', 'y', '对的', '是的', '正确的']);
const FALSE_WORDS = new Set(['错', '错误', '否', '×', '✗', 'x', 'false', 'f', 'no', 'n', '不对', '错的', '不正确']);
/** A cloze reply is short; anything longer (or a question) is a new question to the assistant. */
const MAX_CLOZE_REPLY = 24;

/** Fold full-width letters/digits, strip quotes, brackets, spaces and closing punctuation. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^[\s「『“"'‘（(【[]+|[\s」』”"'’）)】\]。.!！]+$/gu, '')
    .replace(/^(?:选|选择|答案是?|答)[：:\s]*/u, '')
    .trim();
}

export function judgeAnswer(item: QuizItem, reply: string): Verdict {
  const r = normaliseReply(reply);
  const no: Verdict = { understood: false, correct: false, chosen: '' };
  if (!r || /[？?]$/u.test(reply.trim())) return no;
  if (item.kind === 'truefalse') {
    const lower = r.toLowerCase();
    const chosen = TRUE_WORDS.has(lower) || lower === 'a' ? '对' : FALSE_WORDS.has(lower) || lower === 'b' ? '错' : '';
    if (!chosen) return no;
    return { understood: true, correct: chosen === item.answer, chosen };
  }
  if (item.kind === 'choice') {
    const letter = /^([a-dA-D])$/u.exec(r)?.[1];
    const idx = letter ? letter.toUpperCase().charCodeAt(0) - 65 : item.options.findIndex((o) => o === r);
    const chosen = idx >= 0 ? item.options[idx] : undefined;
    if (chosen === undefined) return no;
    return { understood: true, correct: chosen === item.answer, chosen };
  }
  if ([...r].length > MAX_CLOZE_REPLY) return no;
  const want = canonicalValue(item.answer);
  const got = canonicalValue(r);
  // A bare number for a value with a unit ("20" for "20个工作日内") names the same fact.
  const bareNumber = /^\d+(?:\.\d+)?$/.test(got) && new RegExp(`^${got}(?![\\d.])`).test(want);
  return { understood: true, correct: got === want || bareNumber, chosen: r };
}
