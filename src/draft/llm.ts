// LLM mode: the model writes the body inside the type's template; then every citation is verified (the answers'
// verifier, plus a check that each 《X》第N条 was retrieved for this requester) and every sentence naming a fact
// absent from the request and the sources is removed. An unavailable model leaves the template body in place.
import fs from 'node:fs';
import path from 'node:path';
import type { ChatModel } from '../core/interfaces';
import type { Citation, Hit } from '../core/types';
import { citationOf, citeLabel } from '../answer/render';
import { verifyLlmAnswer, type Passage } from '../answer/verify';
import { inventedFacts } from './facts';
import { unsupportedCitations } from './ground';
import { TEMPLATE_DIR, type DraftTemplate } from './template';
import type { DraftParagraph, Slots } from './types';

export interface LlmBodyInput {
  request: string;
  template: DraftTemplate;
  slots: Slots;
  hits: Hit[];
  signal?: AbortSignal;
}

export interface LlmBody {
  body: DraftParagraph[];
  removed: string[];
  citations: Citation[];
}

/** Fills {{name}} by splitting, so `$` in a request or article cannot act as a replacement pattern. */
function fill(template: string, values: Record<string, string>): string {
  let out = template;
  for (const [k, v] of Object.entries(values)) out = out.split(`{{${k}}}`).join(v);
  return out;
}

function levelOf(line: string): DraftParagraph['level'] {
  if (/^[一二三四五六七八九十]+、/.test(line)) return 1;
  if (/^（[一二三四五六七八九十]+）/.test(line)) return 2;
  if (/^\d+[.．]/.test(line)) return 3;
  if (/^（\d+）/.test(line)) return 4;
  return 0;
}

function sentences(line: string): string[] {
  return line.match(/[^。！？；]+[。！？；]?/g) ?? [line];
}

/** The verified LLM body, or undefined when the model failed or wrote nothing usable. */
export async function llmBody(model: ChatModel, input: LlmBodyInput): Promise<LlmBody | undefined> {
  const passages: Passage[] = input.hits.map((h, i) => ({ n: i + 1, parts: [h.chunk], text: h.chunk.text }));
  const prompt = fill(fs.readFileSync(path.join(TEMPLATE_DIR, 'llm-body.txt'), 'utf8'), {
    kind: input.template.kind,
    structure: input.template.body.filter((l) => /^(==|--) /.test(l)).join('\n') || '（自由组织段落）',
    rules: input.template.rules.join('\n'),
    passages: passages.map((p) => `[${p.n}] ${citeLabel(p.parts[0]!)}：${p.text}`).join('\n') || '（无）',
    request: input.request,
  });
  let raw: string;
  try {
    raw = await model.complete([{ role: 'user', content: prompt }], { signal: input.signal, temperature: 0.2 });
  } catch {
    return undefined;
  }
  const verified = verifyLlmAnswer(raw, passages);
  // The verifier renders [n] as 「（《X》第N条）」 after a claim; after 根据/按照 the label stands bare.
  verified.text = verified.text.replace(/(根据|按照|依据)（(《[^》]+》[^）]*)）/g, '$1$2');
  const allowed = [
    input.request,
    ...Object.values(input.slots),
    ...input.hits.map((h) => `${citeLabel(h.chunk)}${h.chunk.text}`),
  ];
  const removed: string[] = [];
  const body: DraftParagraph[] = [];
  for (const line of verified.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const kept = sentences(line).filter((s) => {
      if (unsupportedCitations(s, input.hits).length > 0 || inventedFacts(s, allowed).length > 0) {
        removed.push(s);
        return false;
      }
      return true;
    });
    const text = kept.join('').trim();
    if (text) body.push({ text, level: levelOf(text) });
  }
  if (body.length === 0) return undefined;
  const cited = verified.cited.map((n) => input.hits[n - 1]).filter((h): h is Hit => h !== undefined);
  const stillCited = cited.filter((h) => body.some((p) => p.text.includes(citeLabel(h.chunk))));
  return { body, removed, citations: stillCited.map((h) => citationOf(h.chunk, h.chunk.text.slice(0, 120))) };
}
