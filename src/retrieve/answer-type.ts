// Answer-type hints: a question asking "how long / by when" is answered by an article that states a time
// limit, "how much" by one that states an amount. A small bonus for articles containing the asked-for kind of
// expression breaks ties between articles that share the topic words. Generic patterns, not per-question rules.

export type AnswerType = 'time' | 'amount' | 'count' | 'conditions';

const ASKS: [AnswerType, RegExp][] = [
  ['time', /多长时间|多久|几天|多少天|几日|多少日|什么时候|何时|期限|多长期限|几个月|几年|多少年/],
  ['amount', /多少钱|罚款多少|罚多少|多少元|金额|比例|百分之|占比/],
  ['count', /几个人|几人|多少人|几家|几个|人数/],
  ['conditions', /什么情况|哪些情况|什么情形|哪些情形|哪些条件|什么条件|具备哪些|需要哪些|满足什么/],
];

const STATES: Record<AnswerType, RegExp> = {
  time: /[0-9一二三四五六七八九十百]+\s*(?:个)?(?:日|天|个月|月|年|小时|个工作日)(?:内|以内|前|之内|起|以上)?|期限|之日起|届满/,
  amount: /[0-9一二三四五六七八九十百千万]+\s*(?:元|万元|%)|百分之|倍以下|罚款/,
  count: /[0-9一二三四五六七八九十]+\s*(?:人|名|家|个)以上|单数|[0-9一二三四五六七八九十]+人/,
  conditions: /下列(?:情形|条件|规定|行为|事项)|情形之一|具备.{0,6}条件/,
};

export function askedTypes(question: string): AnswerType[] {
  return ASKS.filter(([, re]) => re.test(question)).map(([t]) => t);
}

export function statesType(text: string, type: AnswerType): boolean {
  return STATES[type].test(text);
}
