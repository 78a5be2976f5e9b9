// The whole draft as plain text in reading order (版头, 标题, 主送, 正文, 附件说明, 落款, 附件, 版记), the `text`
// of `draft --json` and of chat replies. Body paragraphs start with two full-width spaces (左空二字, GB/T 9704 7.3.3).
import type { Draft, DraftParagraph } from './types';

const INDENT = '\u3000\u3000';

function paragraphs(body: DraftParagraph[]): string[] {
  return body.map((p) => INDENT + p.text);
}

/** 附件说明 lines: 「附件：1.X」, the next items aligned under the first name (GB/T 9704-2012 7.3.4). */
export function attachmentLines(items: string[]): string[] {
  if (items.length === 0) return [];
  if (items.length === 1) return [`${INDENT}附件：${items[0]}`];
  return items.map((it, i) => (i === 0 ? `${INDENT}附件：1.${it}` : `${INDENT}\u3000\u3000\u3000${i + 1}.${it}`));
}

/** 版头 lines present in the draft's slots (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人). */
export function headerLines(d: Draft): string[] {
  const s = d.slots;
  const lines: string[] = [];
  if (s.份号) lines.push(s.份号.padStart(6, '0'));
  if (s.密级) lines.push(s.密级);
  if (s.紧急程度) lines.push(s.紧急程度);
  if (s.发文字号) {
    if (s.发文机关) lines.push(`${s.发文机关}文件`);
    lines.push(s.签发人 ? `${s.发文字号}\u3000签发人：${s.签发人}` : s.发文字号);
  }
  return lines;
}

/** 版记 lines: 「抄送：A，B。」 and 「印发机关 印发日期印发」 when given (GB/T 9704-2012 7.4.2, 7.4.3). */
export function footerLines(d: Draft): string[] {
  const lines: string[] = [];
  if (d.slots.抄送) lines.push(`抄送：${d.slots.抄送.replace(/、/g, '，')}。`);
  if (d.slots.印发机关) lines.push(`${d.slots.印发机关}\u3000${d.date}印发`);
  return lines;
}

export function draftToText(d: Draft): string {
  const out: string[] = [];
  const head = headerLines(d);
  if (head.length > 0) out.push(...head, '');
  out.push(d.title, '');
  if (d.addressee) out.push(`${d.addressee}：`);
  out.push(...paragraphs(d.body));
  if (d.closing) out.push(INDENT + d.closing);
  if (d.attachments.length > 0) out.push('', ...attachmentLines(d.attachments));
  if (d.signature || d.date) out.push('', ...[d.signature, d.date].filter(Boolean));
  if (d.annex) out.push('', '附件', '', d.annex.title, '', ...paragraphs(d.annex.body));
  const foot = footerLines(d);
  if (foot.length > 0) out.push('', ...foot);
  return out.join('\n');
}
