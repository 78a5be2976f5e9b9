// Interactive cards (JSON 2.0): the answer, its citations as 《title》第N条 with an expandable quote and a
// 查看原文 button each, and 👍/👎 feedback buttons. Cards are kept under the platform's 30 KB limit by
// shortening quotes first, then the answer (with a 查看完整回答 button for the rest).
import type { FeedbackRating } from '../core/chat';
import type { Chunk, Citation, NearbyDocument } from '../core/types';
import { nearbyLabel } from '../answer/nearby';
import { citationLabel } from '../chat/render';
import type { CardJson } from './api';
import type { ButtonValue } from './events';

/** Platform limit is 30 KB for a card; keep a margin for the envelope. */
export const MAX_CARD_BYTES = 28_000;
export const ANSWER_ELEMENT_ID = 'answer';
const MAX_CITATIONS = 8;

export interface AnswerCardInput {
  /** Id of the question message: the key feedback and "show more" buttons carry. */
  questionMessageId: string;
  answer: string;
  citations: Citation[];
  refused: boolean;
  note?: string;
  nearby?: NearbyDocument[];
  /** Set once the user rated the answer: buttons give way to an acknowledgement. */
  rated?: FeedbackRating;
}

const md = (content: string, extra: Record<string, unknown> = {}) => ({ tag: 'markdown', content, ...extra });

function button(text: string, value: ButtonValue, type: 'default' | 'primary_text' | 'laser' = 'default') {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    size: 'small',
    behaviors: [{ type: 'callback', value }],
  };
}

/**
 * Card markdown treats a few characters as markup; legal texts rarely use them, but a stray "*" or "<" must not
 * restyle an article. The card docs prescribe HTML character references for these.
 */
export function escapeMd(s: string): string {
  return s.replace(/[*_~`<>[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(s: string, max: number): { text: string; clipped: boolean } {
  const chars = [...s];
  return chars.length <= max
    ? { text: s, clipped: false }
    : { text: `${chars.slice(0, max).join('')}……`, clipped: true };
}

function header(refused: boolean) {
  return {
    title: { tag: 'plain_text', content: refused ? '指引 · 知识库中没有找到答案' : '指引 · 法规问答' },
    template: refused ? 'orange' : 'blue',
  };
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const k = citationLabel(c);
    return !seen.has(k) && seen.add(k);
  });
}

function buildAnswerCard(input: AnswerCardInput, answerMax: number, quoteMax: number, citeMax: number): CardJson {
  const m = input.questionMessageId;
  const answer = clip(input.answer.trim(), answerMax);
  const elements: unknown[] = [md(escapeMd(answer.text), { element_id: ANSWER_ELEMENT_ID })];
  if (answer.clipped) elements.push(button('查看完整回答', { a: 'full', m }, 'primary_text'));
  if (input.note) elements.push(md(`<font color='grey'>${escapeMd(input.note)}</font>`));

  const cites = uniqueCitations(input.citations);
  if (!input.refused && cites.length > 0) {
    elements.push({ tag: 'hr' }, md('**依据**'));
    for (const c of cites.slice(0, citeMax)) {
      const quote = clip(c.quote, quoteMax);
      elements.push({
        tag: 'collapsible_panel',
        expanded: false,
        header: { title: md(escapeMd(citationLabel(c))) },
        elements: [
          md(escapeMd(quote.text)),
          // Provenance (issue 16): an uploaded document says who uploaded it; the shipped corpus needs no note.
          ...(c.provenance && c.provenance !== '正式文件库' ? [md(escapeMd(`来源：${c.provenance}`))] : []),
          button('查看原文', { a: 'article', c: c.chunkId, m }, 'primary_text'),
        ],
      });
    }
    if (cites.length > citeMax) elements.push(md(`另有 ${cites.length - citeMax} 条依据未列出。`));
  }
  if (input.refused && input.nearby && input.nearby.length > 0) {
    // Name the article or section and say why each was suggested (see src/answer/nearby.ts).
    const list = input.nearby
      .slice(0, 8)
      .map((n) => `- ${escapeMd(nearbyLabel(n))}${n.reason ? `（${escapeMd(n.reason)}）` : ''}`);
    elements.push({ tag: 'hr' }, md(`**最接近的文件**\n${list.join('\n')}`));
  }
  elements.push({ tag: 'hr' });
  if (input.rated) {
    elements.push(
      md(`<font color='grey'>已收到您的反馈：${input.rated === 'up' ? '👍 有用' : '👎 没用'}，谢谢！</font>`),
    );
  } else {
    elements.push({
      tag: 'column_set',
      columns: [
        { tag: 'column', width: 'auto', elements: [button('👍 有用', { a: 'fb', r: 'up', m })] },
        { tag: 'column', width: 'auto', elements: [button('👎 没用', { a: 'fb', r: 'down', m })] },
      ],
    });
  }
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: clip(input.answer, 60).text } },
    header: header(input.refused),
    body: { elements },
  };
}

export const cardBytes = (card: CardJson) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The answer card, shrunk until it fits MAX_CARD_BYTES. */
export function answerCard(input: AnswerCardInput, maxBytes = MAX_CARD_BYTES): CardJson {
  // [answer chars, quote chars, citations]: quotes give way first (查看原文 shows them in full), the answer last.
  const plans: Array<[number, number, number]> = [
    [6000, 600, MAX_CITATIONS],
    [6000, 300, MAX_CITATIONS],
    [6000, 150, MAX_CITATIONS],
    [6000, 80, 5],
    [4000, 80, 5],
    [2500, 80, 3],
    [1200, 40, 3],
    [600, 40, 2],
  ];
  let card: CardJson = {};
  for (const [answerMax, quoteMax, citeMax] of plans) {
    card = buildAnswerCard(input, answerMax, quoteMax, citeMax);
    if (cardBytes(card) <= maxBytes) return card;
  }
  return card;
}

/** The card that receives streamed text (CardKit streaming mode), before citations are known. */
export function streamingCard(initial = '正在检索知识库……'): CardJson {
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      streaming_mode: true,
      summary: { content: '正在生成回答' },
      streaming_config: { print_frequency_ms: { default: 50 }, print_step: { default: 2 } },
    },
    header: header(false),
    body: { elements: [md(initial, { element_id: ANSWER_ELEMENT_ID })] },
  };
}

/** A plain notice card (errors after streaming began, "暂不支持" etc.). */
export function noticeCard(text: string): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: header(false),
    body: { elements: [md(escapeMd(text))] },
  };
}

/** Split long text into pieces of at most `max` characters, preferring paragraph and sentence breaks. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while ([...rest].length > max) {
    const head = [...rest].slice(0, max).join('');
    const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('。'), head.lastIndexOf('；'));
    const at = cut > max * 0.5 ? cut + 1 : head.length;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** The full article for 查看原文, as one or more texts (split when long). */
export function articleTexts(chunks: Chunk[], maxChars = 3500): string[] {
  const first = chunks[0];
  if (!first) return [];
  const path = first.headingPath.length > 1 ? first.headingPath.slice(1, -1).join(' › ') : '';
  const headerLine = `《${first.title}》${first.article}${path ? `（${path}）` : ''}${first.versionDate ? `\n版本：${first.versionDate}` : ''}`;
  const body = chunks.map((c) => c.text).join('\n');
  const parts = splitText(body, maxChars);
  return parts.map((p, i) => (i === 0 ? `${headerLine}\n\n${p}` : `（续）\n${p}`));
}
