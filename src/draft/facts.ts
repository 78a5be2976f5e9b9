// The invented-fact test of LLM drafts (and of the eval): a sentence may name only people, bodies, numbers, dates,
// times and amounts that occur in the request, the slots or the cited sources. Anything else is a fact the model
// made up; the sentence is removed and reported.
/** Body names as 公文 write them: 市/省/区/县/国家 … 局/委员会/办公室/政府/公司/中心 (「市住房和建设局」「市政府」). */
const ORG = /(?:国家|省|市|区|县)[\u4e00-\u9fa5]{0,12}?(?:委员会|办公室|政府|局|厅|有限公司|公司|集团|中心|医院)/g;
const NUMBERISH =
  /\d+(?:\.\d+)?(?:\s*(?:万元|亿元|元|%|年|月|日|时|分|天|人|名|个|项|次|辆|台|家|处|公里|米|平方米|吨))?|[零一二三四五六七八九十百千两]+(?:万元|亿元|元|年|月|日|天|人|名|项|次|辆|台|家)|《[^》]+》/g;
/** Ordinals of headings and lists (一、 （二） 3. （4）) are structure, not facts. */
const ORDINAL = /^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）)/;

/** Facts (numbers, dates, amounts, 《titles》, body names) that a sentence states. */
export function factsOf(sentence: string): string[] {
  const s = sentence
    .replace(/^\s*附件：/, '')
    .replace(ORDINAL, '')
    .replace(/【待补充：[^】]*】/g, '');
  const out = [...(s.match(NUMBERISH) ?? []), ...(s.match(ORG) ?? [])];
  return out.map((f) => f.replace(/\s+/g, '')).filter((f) => f.length > 0);
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The facts of `sentence` absent from every allowed text. A body name passes when its core (without a leading
 * 市/省/区) occurs; a number passes when its digits occur as a number in an allowed text.
 */
export function inventedFacts(sentence: string, allowed: string[]): string[] {
  const pool = squash(allowed.join('\n'));
  return factsOf(sentence).filter((f) => {
    if (pool.includes(f)) return false;
    const core = f.replace(/^[市省区县]/, '');
    if (core.length >= 2 && pool.includes(core)) return false;
    const digits = /^(\d+(?:\.\d+)?)/.exec(f)?.[1];
    if (digits && new RegExp(`(?<![\\d.])${digits.replace('.', '\\.')}(?![\\d.])`).test(pool) && f === digits)
      return false;
    return true;
  });
}
