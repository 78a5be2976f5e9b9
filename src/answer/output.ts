// Output shapes of the ask/chat commands: the JSON line the CLI contract names, and a plain-text rendering.
import type { Answer } from '../core/types';
import { citeLabel } from './render';

export interface AnswerJson {
  id?: string;
  answer: string;
  citations: Answer['citations'];
  refused: boolean;
  mode: Answer['mode'];
  note?: string;
  nearby?: Answer['nearby'];
}

export function answerJson(a: Answer, id?: string): AnswerJson {
  return {
    ...(id === undefined ? {} : { id }),
    answer: a.answer,
    citations: a.citations,
    refused: a.refused,
    mode: a.mode,
    ...(a.note ? { note: a.note } : {}),
    ...(a.nearby ? { nearby: a.nearby } : {}),
  };
}

/** Text for a terminal: the note first (so a degraded answer is visible), then the answer and its sources. */
export function answerText(a: Answer): string {
  const lines: string[] = [];
  if (a.note) lines.push(`【提示】${a.note}`);
  lines.push(a.answer);
  if (a.citations.length > 0) {
    lines.push('', '出处：');
    for (const c of a.citations) lines.push(`- ${citeLabel(c)}（${c.file}）`);
  }
  return lines.join('\n');
}
