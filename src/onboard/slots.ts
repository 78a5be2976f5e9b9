// Fact slots inside a sentence: the values a quiz can take out (a deadline, an amount, a ratio, a count or the
// responsible body). Found by patterns over the text only, so quizzes need no model and no network.
import { parseChineseNumber } from '../ingest/chinese-number';

export type SlotKind = 'deadline' | 'amount' | 'ratio' | 'count' | 'body';

/** One value found in a text: `value` is verbatim, `start` its UTF-16 offset, `unit` groups values of one kind. */
export interface Slot {
  kind: SlotKind;
  value: string;
  start: number;
  /** Values are interchangeable as options only within one unit ("工作日" vs "日", "万元" vs "元", body suffix). */
  unit: string;
}

const NUM = '(\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十百千]+)';
const DEADLINE = new RegExp(`${NUM}(个)?(工作日|日历天|日|天|小时|周|个月|年)(?:内|以内)?`, 'gu');
const AMOUNT = new RegExp(`${NUM}(亿元|万元|元)`, 'gu');
const RATIO = /(\d+(?:\.\d+)?%|百分之[零一二三四五六七八九十]+|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)/gu;
const COUNT = new RegExp(`${NUM}(名|人|家|份|张|项|次|位|个)`, 'gu');

/** Suffixes of the bodies that approve or are responsible for something (处室, 中心, 委员会 …). */
const BODY_SUFFIX = '(?:处|科|中心|办公室|委员会|领导小组|小组)';
/** A body is learnt where it stands as the subject: at a line/list/clause start, or after 由/经/报/向/会同. */
const BODY_AS_SUBJECT = new RegExp(
  `(?:^|[\\n；;。：:，,（(]|\\d+[.、．]\\s*|由|经|报|向|会同)([\\u4e00-\\u9fa5]{1,7}?${BODY_SUFFIX})(?=负责|牵头|审批|批准|审核|审定|组织|备案|会同|确认|签发|应当|和|、)`,
  'gu',
);
/** Verbs that make a body the "who approves what" of a sentence. */
export const RESPONSIBILITY = /负责|牵头|审批|批准|审核|审定|备案|签发|确认/u;

/** Words that look like bodies but name a kind of party, not a unit of the bureau. */
const NOT_A_BODY = new Set(['本中心', '各中心', '中心', '小组', '工作小组']);

/** Number of a numeric value (Arabic or Chinese numerals), NaN when it has none. */
export function numberOf(value: string): number {
  const m = /^(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)/u.exec(value);
  if (!m || !m[1]) return NaN;
  return /^\d/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1]);
}

/** A value as compared across texts: Chinese numerals as digits, 以内/内 dropped ("五个工作日内" = "5个工作日"). */
export function canonicalValue(value: string): string {
  return value
    .replace(/^(?:百分之)([零一二三四五六七八九十]+)$/u, (_, n: string) => `${parseChineseNumber(n)}%`)
    .replace(/^([零一二两三四五六七八九十百千]+)(?=[^零一二两三四五六七八九十百千分]|$)/u, (n: string) => {
      const v = parseChineseNumber(n);
      return Number.isNaN(v) ? n : String(v);
    })
    .replace(/(?:以内|内)$/u, '');
}

/** True when `text` states `value` (compared canonically, so "5个工作日" is found in "五个工作日内"). */
export function textStates(text: string, value: string, kind: SlotKind): boolean {
  const want = canonicalValue(value);
  if (kind === 'body') return text.includes(value);
  return findSlots(text, [], kind).some((s) => canonicalValue(s.value) === want);
}

function overlaps(a: { start: number; value: string }, taken: { start: number; end: number }[]): boolean {
  const end = a.start + a.value.length;
  return taken.some((t) => a.start < t.end && end > t.start);
}

/** Dates ("2024年2月1日", "3月15日前") and clock times are not deadlines. */
function isDatePart(text: string, start: number, value: string): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(start + value.length, start + value.length + 1);
  if (/[年月]/u.test(before) && /日$/u.test(value.replace(/(?:以内|内)$/u, ''))) return true;
  if (/年$/u.test(value) && /\d{4}年/u.test(value)) return true;
  if (/年$/u.test(value) && /^\d/.test(after)) return true;
  if (/[年]$/u.test(value) && /[月度]/u.test(after)) return true;
  return before === ':' || /^第/u.test(text.slice(Math.max(0, start - 1), start));
}

/**
 * All slots of `text`, longest kinds first (a deadline "3个月" is not also a count "3个"). `bodies` is the
 * corpus vocabulary of responsible bodies (see learnBodies); `only` keeps one kind.
 */
export function findSlots(text: string, bodies: readonly string[], only?: SlotKind): Slot[] {
  const out: Slot[] = [];
  const taken: { start: number; end: number }[] = [];
  const take = (kind: SlotKind, re: RegExp, unitOf: (m: RegExpExecArray) => string) => {
    for (const m of text.matchAll(re)) {
      const value = m[0];
      const start = m.index;
      if (overlaps({ start, value }, taken)) continue;
      if (kind === 'deadline' && isDatePart(text, start, value)) continue;
      if (kind !== 'ratio' && kind !== 'body' && /^[零一二两三四五六七八九十百千]+$/u.test(m[1] ?? '')) {
        // "一次性", "一人" inside a phrase are words, not facts; keep Chinese numerals only from 两/三 up.
        if (/^[一]$/u.test(m[1] ?? '')) continue;
      }
      if (kind !== 'body' && kind !== 'ratio' && /^[第]/u.test(text.slice(start - 1, start))) continue;
      taken.push({ start, end: start + value.length });
      if (!only || only === kind) out.push({ kind, value, start, unit: unitOf(m as RegExpExecArray) });
    }
  };
  take('ratio', RATIO, () => '%');
  take('amount', AMOUNT, (m) => m[2] ?? '');
  take('deadline', DEADLINE, (m) => (m[3] ?? '') + (/内$/u.test(m[0]) ? '内' : ''));
  take('count', COUNT, (m) => m[2] ?? '');
  if (!only || only === 'body') {
    const sorted = [...bodies].sort((a, b) => b.length - a.length);
    for (const body of sorted) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(body, from);
        if (at < 0) break;
        from = at + body.length;
        if (overlaps({ start: at, value: body }, taken)) continue;
        taken.push({ start: at, end: at + body.length });
        out.push({ kind: 'body', value: body, start: at, unit: bodySuffix(body) });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function bodySuffix(body: string): string {
  const m = new RegExp(`${BODY_SUFFIX}$`, 'u').exec(body);
  return m ? m[0] : '';
}

/** The responsible bodies named as subjects anywhere in `texts` ("前期工作处牵头…" → 前期工作处). */
export function learnBodies(texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(BODY_AS_SUBJECT)) {
      // Modal verbs and "submit to" in front ("须报综合办公室", "须经财务科") are not part of the name.
      const body = m[1]?.replace(/^(?:须经|须报|须由|应报|应经|应由|并报|并经|报经|报请|送交|须|应)/u, '');
      if (!body || NOT_A_BODY.has(body) || body.length < 3) continue;
      // A verb or conjunction swallowed in front ("并报工程管理处", "告工程管理中心") is not part of the name.
      if (/^(本|各|该|其|由|经|报|向|和|及|与|或|并|告|有关|请|送|交|将|对|在|给|按|同|后)/u.test(body)) continue;
      found.add(body);
    }
  }
  return [...found].sort();
}
