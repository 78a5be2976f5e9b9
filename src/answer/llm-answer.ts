// LLM mode: numbered passages in, a cited answer out, verified before anyone sees it. Any failure (timeout,
// server error, nothing verifiable) degrades to the extractive answer with a visible note.
import type { AnswerOptions, ChatModel } from '../core/interfaces';
import type { Answer, Citation, Hit } from '../core/types';
import type { Candidate } from './candidates';
import { composeExtractive } from './extractive';
import { fillTemplate, neutralizeFences, type Prompts } from './prompts';
import { citationOf, citeLabel, PHRASES } from './render';
import { clip } from './text';
import { markerRenderer } from './stream-render';
import { verifyLlmAnswer, type Passage } from './verify';

/** Passages given to the model, and the per-passage length cap (characters) that keeps the prompt small. */
export const LLM_PASSAGES = 5;
export const LLM_PASSAGE_CHARS = 1500;

export function buildPassages(candidates: Candidate[]): Passage[] {
  return candidates.slice(0, LLM_PASSAGES).map((c, i) => ({
    n: i + 1,
    parts: c.parts,
    text: clip(c.parts.map((p) => p.text).join('\n'), LLM_PASSAGE_CHARS).text,
  }));
}

/**
 * The sources block of the user message: each passage fenced and labelled, so document text stays data (a
 * passage saying 「忽略以上指令」 is quoted material inside its fence, prompts/system.txt rule 5).
 * Shape: `<<<条文 [n] 《标题》第N条>>>\n<text>\n<<<条文 [n] 结束>>>`, blank line between passages.
 */
export function renderPassages(passages: Passage[]): string {
  return passages
    .map((p) => {
      const label = neutralizeFences(citeLabel(p.parts[0]!));
      return `<<<条文 [${p.n}] ${label}>>>\n${neutralizeFences(p.text)}\n<<<条文 [${p.n}] 结束>>>`;
    })
    .join('\n\n');
}

/** The user message of an answer request (prompts/answer.txt filled without `$` pattern expansion). */
export function buildUserPrompt(template: string, passages: Passage[], question: string): string {
  return fillTemplate(template, { passages: renderPassages(passages), question: neutralizeFences(question) });
}

async function generate(
  model: ChatModel,
  messages: Parameters<ChatModel['complete']>[0],
  options: AnswerOptions,
  passages: Passage[],
) {
  if (!options.onToken) return model.complete(messages, { signal: options.signal, temperature: 0 });
  const shown = markerRenderer(passages, options.onToken);
  let text = '';
  for await (const delta of model.stream(messages, { signal: options.signal, temperature: 0 })) {
    text += delta;
    shown.push(delta);
  }
  shown.end();
  return text;
}

function citationFor(c: Candidate, quotes: string[]): Citation {
  for (const q of quotes) {
    const part = c.parts.find((p) => p.text.includes(q));
    if (part) return citationOf(part, q);
  }
  const best = [...c.units].sort((a, b) => b.score - a.score)[0];
  return best ? citationOf(best.chunk, best.text) : citationOf(c.parts[0]!, c.parts[0]!.text);
}

export async function answerWithLlm(
  model: ChatModel,
  prompts: Prompts,
  question: string,
  candidates: Candidate[],
  hits: Hit[],
  options: AnswerOptions,
  refuse: () => Answer,
): Promise<Answer> {
  const passages = buildPassages(candidates);
  const user = buildUserPrompt(prompts.answer, passages, question);
  let raw: string;
  try {
    raw = await generate(
      model,
      [
        { role: 'system', content: prompts.system },
        { role: 'user', content: user },
      ],
      options,
      passages,
    );
  } catch (e) {
    if (options.signal?.aborted) throw e;
    return { ...composeExtractive(candidates, hits, question), note: PHRASES.llmFallback };
  }

  const verified = verifyLlmAnswer(raw, passages);
  if (verified.cited.length === 0) {
    // The model declining is honoured: it saw the passages and found no answer in them.
    if (raw.includes('没有找到')) return refuse();
    return { ...composeExtractive(candidates, hits, question), note: PHRASES.llmUnverified };
  }
  const citations = verified.cited.map((n) => citationFor(candidates[n - 1]!, verified.quotes.get(n) ?? []));
  return {
    answer: verified.text,
    citations,
    refused: false,
    mode: 'llm',
    note: verified.stripped > 0 ? PHRASES.llmStripped(verified.stripped) : undefined,
    hits,
  };
}
