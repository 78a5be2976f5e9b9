// Default (template) drafting: fills a type's template with the request's slots. A required slot that is
// absent becomes 【待补充：X】 and is listed in `missing`; an optional one drops its line; nothing is invented.
import { toChineseNumber } from '../ingest/chinese-number';
import type { DraftTemplate } from './template';
import type { DraftParagraph, SlotName, Slots } from './types';

/** 【待补充：X】, the visible mark of a slot the user still has to supply. */
export const gap = (name: string) => `【待补充：${name}】`;

const SLOT = /\{([^{}]+)\}/g;

export interface Filled {
  text: string;
  /** False when every optional slot of the line was absent (the line is dropped). */
  keep: boolean;
  missing: SlotName[];
}

/** Fills one template line. `{X}` required, `{X?}` optional, `{前缀|X?}` optional with a prefix, `{依据}` basis. */
export function fillLine(line: string, slots: Slots, basis: string): Filled {
  const missing: SlotName[] = [];
  let optionals = 0;
  let present = 0;
  let text = line.replace(SLOT, (_all, inner: string) => {
    if (inner === '依据') return basis;
    const optional = inner.endsWith('?');
    const body = optional ? inner.slice(0, -1) : inner;
    const [prefix, name] = body.includes('|') ? (body.split('|') as [string, string]) : ['', body];
    const value = slots[name as SlotName];
    if (optional) {
      optionals++;
      if (!value) return '';
      present++;
      return prefix + value;
    }
    if (value) return prefix + value;
    missing.push(name as SlotName);
    return prefix + gap(name);
  });
  const onlyOptional = line.replace(SLOT, '').trim() === '' && optionals > 0;
  if (onlyOptional) {
    text = text.replace(/^[，,]/, '');
    if (present > 0 && !/[。：；！？]$/.test(text)) text += '。';
  }
  return {
    text,
    keep: !(optionals > 0 && present === 0 && (onlyOptional || line.replace(SLOT, '').trim().endsWith('：'))),
    missing,
  };
}

/** Body paragraphs of a template: headings numbered 一、/（一）, headings whose content was all dropped removed. */
export function fillBody(
  t: DraftTemplate,
  slots: Slots,
  basis: string,
): { body: DraftParagraph[]; missing: SlotName[] } {
  type Item = DraftParagraph & { heading: boolean };
  const items: Item[] = [];
  const missing: SlotName[] = [];
  for (const line of t.body) {
    const level = line.startsWith('== ') ? 1 : line.startsWith('-- ') ? 2 : 0;
    const f = fillLine(level ? line.slice(3) : line, slots, basis);
    missing.push(...f.missing);
    if (!f.keep || !f.text.trim()) continue;
    items.push({ text: f.text, level, heading: level > 0 });
  }
  // Drop a heading with nothing under it before the next heading of the same or a higher level.
  const kept = items.filter((it, i) => {
    if (!it.heading) return true;
    const next = items[i + 1];
    return next !== undefined && !(next.heading && next.level <= it.level);
  });
  let n1 = 0;
  let n2 = 0;
  const body = kept.map((it): DraftParagraph => {
    if (it.level === 1) {
      n1++;
      n2 = 0;
      return { level: 1, text: `${toChineseNumber(n1)}、${it.text}` };
    }
    if (it.level === 2) {
      n2++;
      return { level: 2, text: `（${toChineseNumber(n2)}）${it.text}` };
    }
    return { level: 0, text: it.text };
  });
  return { body, missing };
}

/** 「2026年6月1日」: Arabic numerals, full year, no zero padding (GB/T 9704-2012 7.3.5.1). */
export function formatDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}
