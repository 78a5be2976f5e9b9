// Query terms and their weights for sentence scoring and answer confidence. Weights are general-language
// IDF values shipped with jieba, so a rare, specific word ("屋面", "保证金") counts far more than "规定".
import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';
import { bigrams } from './text';
import { COLLOQUIAL } from '../retrieve/synonyms';
import { parseNumeral, toChineseNumeral } from '../index/numerals';

export interface QueryTerm {
  term: string;
  weight: number;
  /** The statutory words for a colloquial term ("不足" → "少于"), matched at ALT_MATCH. */
  alts?: string[];
}

/** Credit for a statutory equivalent instead of the asked word: strong, but below the word itself. */
export const ALT_MATCH = 0.8;

/** Verb + result complement (签完, 办好, 交齐): colloquial for the completed act the statute names (合同签订后). */
const RESULT_COMPLEMENT = /^(\p{Script=Han})[完好齐掉]$/u;

const NUMBER_WITH_UNIT =
  /^([零〇一二两三四五六七八九十百千]+|\d+)(年|个月|月|周|天|日|次|个|人|名|家|行|字|页|小时|分钟)$/;

/** The same amount in the other numeral script, and 天 also as 日 (the written unit). */
function otherNumberForms(num: string, unit: string): string[] {
  const n = /^\d+$/.test(num) ? Number(num) : parseNumeral(num.replace(/两/g, '二').replace(/〇/g, '零'));
  if (!Number.isFinite(n) || n <= 0) return [];
  const units = unit === '天' ? ['天', '日'] : [unit];
  const nums = /^\d+$/.test(num)
    ? [toChineseNumeral(n)]
    : [String(n), ...(num.includes('两') ? [toChineseNumeral(n)] : [])];
  return nums.flatMap((x) => units.map((u) => `${x}${u}`));
}

/** Statutory equivalents of a question word: the retrieval thesaurus, and 三家/三名 counted as 三个. */
function alternatives(term: string): string[] | undefined {
  const out = [...(COLLOQUIAL[term] ?? [])];
  // A verb with a result complement ("签完", "办好") means the verb itself: look up the verb's equivalents.
  const resulted = RESULT_COMPLEMENT.exec(term);
  if (resulted) out.push(...(COLLOQUIAL[resulted[1]!] ?? []));
  // Guides write amounts in digits, statutes in Chinese numerals: 十年 ↔ 10年, 两天 ↔ 2天/2日.
  const counted0 = NUMBER_WITH_UNIT.exec(term);
  if (counted0) out.push(...otherNumberForms(counted0[1]!, counted0[2]!));
  // "一页排几行", "一周几次": the rule states the rate per unit (每面, 每周).
  const per = /^一([页周天年次])$/.exec(term);
  if (per) out.push(`每${per[1]}`);
  const counted = /^([一二三四五六七八九十两]+)[家名位]$/.exec(term);
  if (counted) out.push(`${counted[1]}个`);
  return out.length > 0 ? out.filter((a) => a !== term) : undefined;
}

/** "几张", "几点", "多少个": a question word with a counting word asks for a number, it names no subject. */
const QUESTION_COUNT = /^(几|多少)[\p{Script=Han}]$/u;

/** Question words and fillers: they say what kind of answer is wanted, not what it is about. */
const STOP = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 么 是 有 在 和 与 及 或 或者 还是 要 会 能 可以 能否 能不能 可不可以 应该 应当 需要 需不需要 ' +
    '什么 怎么 怎样 怎么样 怎么办 如何 东西 哪些 哪个 哪几种 哪几 哪 几 几个 几种 几年 几天 几次 多少 多久 多长 多长时间 多大 最多 最少 至少 ' +
    '时候 时间 情况 情形 什么样 有没有 是否 是不是 请问 一下 我 我们 你 帮 帮我 给 把 被 对 向 让 这 那 这个 那个 ' +
    '之 其 等 中 后 前 以后 以前 之后 之前 内 上 下 里 就 都 也 还 又 再 才 呢 么 嘛 哦 吧 一 个 些 种 次 年 天 月 日 人'
  ).split(/\s+/),
);

/**
 * Only common words (IDF below this) are kept in memory: rarer words all weigh about the same for our purpose,
 * and keeping the whole 270k-word table cost 83 MB and 300 ms at start-up (82k words: see docs/answer.md).
 */
const KEEP_BELOW = 11;
/** Weight of any word not kept: about the median IDF of the rare words (11 … 13.9) and of unknown words. */
const RARE_WEIGHT = 12.5;

/**
 * Words pinning a question to a particular date ("今年的采购预算有多少", "明天会下雨吗") ask for a current fact, not
 * a rule: laws never contain them, so they weigh like the rarest words and an article lacking them covers less.
 */
const DEIXIS =
  /^(今年|明年|去年|前年|今天|明天|昨天|后天|本周|下周|上周|这周|周末|本月|下月|上月|下个月|上个月|这个月|下星期|上星期|星期[一二三四五六日天]|本年度|今年度|\d{4}年?)$/;

let jieba: Jieba | undefined;
let idfTable: Map<string, number> | undefined;

function tables(): { jieba: Jieba; idf: Map<string, number> } {
  if (!jieba || !idfTable) {
    jieba = Jieba.withDict(dict);
    idfTable = new Map();
    const text = Buffer.from(idf.buffer, idf.byteOffset, idf.byteLength).toString('utf8');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const sp = text.lastIndexOf(' ', end);
      if (sp > start) {
        const v = Number(text.slice(sp + 1, end));
        if (v < KEEP_BELOW) idfTable.set(text.slice(start, sp), v);
      }
      start = end + 1;
    }
  }
  return { jieba, idf: idfTable };
}

/** Loads the tables now (about 0.5 s) so that the first question does not pay for it. */
export function warmUpTerms(): void {
  tables();
}

/** Question words whose preceding single-character verb is the focus of the question. */
const FOCUS_WORD = /^(?:什么|啥|哪些)/;
/** Light verbs say nothing about the subject ("做什么", "是什么", "有哪些"): they keep the single-character discount. */
const LIGHT_VERB = /^[做干是有办搞弄要算叫用]$/;

/** Content terms of a question, de-duplicated, with IDF weights (question words and fillers removed). */
export function queryTerms(question: string): QueryTerm[] {
  const t = tables();
  const seen = new Map<string, number>();
  const words = t.jieba.cut(question, false);
  for (const [i, raw] of words.entries()) {
    const term = raw.trim().toLowerCase();
    if (!term || STOP.has(term) || QUESTION_COUNT.test(term)) continue;
    if (!/[\p{Script=Han}\p{L}\p{N}]/u.test(term)) continue;
    if (term.length === 1 && !/[\p{L}\p{N}]/u.test(term)) continue;
    const w = DEIXIS.test(term) ? RARE_WEIGHT : (t.idf.get(term) ?? RARE_WEIGHT);
    // Single characters are weak evidence on their own (they match almost anywhere) — except the verb the
    // question word attaches to ("要带什么", "交多少"): it is what is asked about.
    const focus = FOCUS_WORD.test(words[i + 1]?.trim() ?? '') && !LIGHT_VERB.test(term);
    seen.set(term, term.length === 1 && !focus ? w * 0.3 : w);
  }
  return [...seen].map(([term, weight]) => {
    const alts = alternatives(term);
    if (!alts) return { term, weight };
    // An unknown colloquial form ("签完") would weigh like the rarest words; it says no more than its written
    // equivalent ("签订"), so it weighs like that.
    const known = alts.map((a) => t.idf.get(a)).filter((w): w is number => w !== undefined);
    const w = !t.idf.has(term) && !DEIXIS.test(term) && known.length > 0 ? Math.max(...known) : weight;
    return { term, weight: w, alts };
  });
}

/** Splits text into words with jieba (used to pick key terms for follow-ups). */
export function cutWords(text: string): string[] {
  return tables().jieba.cut(text, false);
}

/**
 * How much of `term` the text contains, in [0, 1]: 1 for a verbatim match, otherwise the share of the term's
 * character bigrams found (so "危大工程" partly matches "危险性较大的分部分项工程").
 */
export function termMatch(term: string, text: string, textBigrams?: Set<string>): number {
  if (text.includes(term)) return 1;
  const grams = bigrams(term);
  if (grams.length === 0) return 0;
  const set = textBigrams ?? new Set(bigrams(text));
  let hit = 0;
  for (const g of grams) if (set.has(g)) hit++;
  return (hit / grams.length) * 0.8;
}

/** Weighted share of the query terms the text covers, in [0, 1]. */
export function coverage(terms: QueryTerm[], text: string): number {
  const total = terms.reduce((s, t) => s + t.weight, 0);
  if (total === 0) return 0;
  // Terms are lower-cased ("EPC" → "epc"); so is the text they are looked up in.
  text = text.toLowerCase();
  const set = new Set(bigrams(text));
  let got = 0;
  for (const t of terms) got += t.weight * matchWithAlternatives(t, text, set);
  return got / total;
}

/** How much of a query term the text contains, crediting its statutory equivalents at ALT_MATCH. */
export function matchWithAlternatives(t: QueryTerm, text: string, textBigrams?: Set<string>): number {
  let m = termMatch(t.term, text, textBigrams);
  for (const a of t.alts ?? []) {
    if (m >= ALT_MATCH) break;
    m = Math.max(m, ALT_MATCH * termMatch(a, text, textBigrams));
  }
  return m;
}
