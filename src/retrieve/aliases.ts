// Law-name aliases, derived from titles generally plus a small table of customary short names.
// Derivation: strip 中华人民共和国 / 《》 / brackets, then the customary contractions below.

/** Word-level contractions used in everyday speech about statutes (applies inside any title). */
const CONTRACTIONS: [string, string][] = [
  ['招标投标', '招投标'],
  ['中华人民共和国', ''],
  ['最高人民法院', '最高法'],
];

/** Customary short names that cannot be derived mechanically: short name → canonical title (normalised). */
export const ALIAS_TABLE: Record<string, string> = {
  质量条例: '建设工程质量管理条例',
  安全条例: '建设工程安全生产管理条例',
  勘察设计条例: '建设工程勘察设计管理条例',
  抗震条例: '建设工程抗震管理条例',
  信息公开条例: '政府信息公开条例',
  采购法: '政府采购法',
  施工合同司法解释: '最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）',
  劳动法: '劳动法',
};

export function normaliseTitle(title: string): string {
  return title.replace(/中华人民共和国/g, '').replace(/[\s《》〈〉<>]/g, '');
}

/** All names a document can be referred to by (normalised; at least 3 characters). */
export function titleAliases(title: string): string[] {
  const base = normaliseTitle(title);
  const out = new Set<string>([base]);
  for (const [from, to] of CONTRACTIONS) for (const a of [...out]) if (a.includes(from)) out.add(a.replace(from, to));
  // "X法实施条例" is also "X实施条例"; "X管理条例" also "X条例".
  for (const a of [...out]) {
    if (a.endsWith('法实施条例')) out.add(a.replace(/法实施条例$/, '实施条例'));
    if (a.endsWith('管理条例')) out.add(a.replace(/管理条例$/, '条例'));
  }
  // "工程总承包（EPC）项目管理办法" is also said without its bracketed gloss; a trailing bracket ("解释（一）",
  // "修正案（九）") tells documents of a series apart and is kept.
  for (const a of [...out]) {
    const plain = a.replace(/[（(][^（）()]*[)）](?=.)/g, '');
    if (plain !== a) out.add(plain);
  }
  // 最高人民法院关于适用《民事诉讼法》的解释 is called 民事诉讼法解释 / 民事诉讼法司法解释.
  const interp = /^最高人民法院关于适用(.+?)(?:若干问题)?的解释$/.exec(base);
  if (interp?.[1]) {
    out.add(`${interp[1]}解释`);
    out.add(`${interp[1]}司法解释`);
  }
  for (const [alias, canonical] of Object.entries(ALIAS_TABLE)) if (canonical === base) out.add(alias);
  // Two-character names are only safe as a whole title (刑法, 宪法), never as a derived short form.
  return [...out].filter((a) => a.length >= 3 || (a === base && a.length === 2));
}
