// Sentences of a 函 written from its slots so they read as a 函 reads (「现商请贵局拨付……」) rather than
// repeating the request inside a fixed frame (「为做好拨付……工作」). Only slot words are used: nothing is added.

/** Addressee name endings and how a 函 addresses them (公文 usage: 贵局、贵委、贵府、贵办 …), longest first. */
const HONORIFIC: [RegExp, string][] = [
  [/委员会$/, '贵委'],
  [/办公室$/, '贵办'],
  [/人民政府$|政府$/, '贵府'],
  [/公司$/, '贵公司'],
  [/部门$/, '贵部门'],
  [/中心$/, '贵中心'],
  [/集团$/, '贵集团'],
  [/单位$/, '贵单位'],
  [/([局委厅办院处科所队站部])$/, '贵$1'],
];

/**
 * 「贵局」 for 「市财政局」: the honorific of one addressee, from its last characters. Several addressees
 * (「、」「，」), a 【待补充】 mark or an unknown ending give 「贵单位」, which is always correct.
 */
export function honorificOf(addressee: string | undefined): string {
  const a = addressee?.trim();
  if (!a || /[、，,和及]|【/.test(a)) return '贵单位';
  for (const [re, h] of HONORIFIC) {
    const m = re.exec(a);
    if (m) return h.replace('$1', m[1] ?? '');
  }
  return '贵单位';
}

/**
 * Opening sentence of a 去函 (ends with 「：」 before the numbered items), from 事由 and the honorific only:
 * - 「商请/请求/恳请X」 → 「现商请贵局X，有关事项函告如下：」
 * - 「询问X」 → 「现就X有关事项函询如下：」
 * - a verb phrase (开展/加强/做好…) → 「为X，现将有关事项函告如下：」
 * - anything else (a noun: 「项目审计结果」) → 「现将X有关情况函告如下：」
 * - no 事由 → 「现将有关事项函告如下：」 (the title carries 【待补充：事由】).
 */
export function letterOpening(subject: string | undefined, honorific: string): string {
  const s = subject?.trim();
  if (!s) return '现将有关事项函告如下：';
  const ask = /^(?:商请|请求|恳请)(.+)$/.exec(s)?.[1];
  if (ask) return `现商请${honorific}${ask}，有关事项函告如下：`;
  const query = /^询问(.+)$/.exec(s)?.[1];
  if (query) return `现就${query}有关事项函询如下：`;
  if (/^(?:开展|加强|推进|组织|做好|落实|规范|进一步|切实|深入|全面|认真)/.test(s))
    return `为${s}，现将有关事项函告如下：`;
  return `现将${s}有关情况函告如下：`;
}
