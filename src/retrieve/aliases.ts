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

/**
 * Place prefixes a title may start with: a province/region, then a city or special economic zone. Staff name
 * local rules without them (《深圳经济特区绿色建筑条例》 is "绿色建筑条例", 《某市城市道路占用挖掘管理办法》 is
 * "城市道路占用挖掘管理办法"). Place names are 2–6 characters before the suffix, or the placeholder 某/本 used in
 * sample texts; a one-character stem is never a place, so 城市 in 城市道路… is kept.
 */
/** One character of a place name: not itself an administrative suffix (so 某市城市… stops after 某市). */
const PLACE_CHAR = '(?:(?![省市区县州盟])[\\u4e00-\\u9fff])';
const PLACE_PREFIXES = [
  new RegExp(`^(?:[某本]省|${PLACE_CHAR}{2,6}?(?:省|自治区|特别行政区))`),
  new RegExp(`^(?:[某本](?:市|区|县)|${PLACE_CHAR}{2,6}?(?:经济特区|自治州|市|地区|盟))`),
  new RegExp(`^(?:[某本](?:区|县)|${PLACE_CHAR}{2,6}?(?:区|县))(?=[\\u4e00-\\u9fff]{5})`),
];
/** A version date in a title: "(2019-04-23)", "（2019年修订）", "2019年版". */
const VERSION_DATE =
  /[（(]\s*(?:19|20)\d{2}(?:[-.年]\d{1,2}(?:[-.月]\d{1,2}日?)?)?\s*(?:年)?(?:修订|修正|版)?\s*[)）]|(?:19|20)\d{2}年(?:修订|修正)?版/g;

/**
 * Loose names of a document: its aliases with the place prefixes and version dates removed (normalised, at least
 * 5 characters so a bare 管理办法/实施细则 never names a document). Only names that `titleAliases` does not already give
 * are returned: a loose name may fit several local documents, so callers treat it as weaker than a strict alias.
 */
export function looseTitleAliases(title: string): string[] {
  const strict = new Set(titleAliases(title));
  const base = normaliseTitle(title).replace(VERSION_DATE, '');
  let stem = base;
  for (const p of PLACE_PREFIXES) stem = stem.replace(p, '');
  const out = new Set<string>();
  if (stem !== base && stem.length >= 5) for (const a of titleAliases(stem)) out.add(a);
  if (base !== normaliseTitle(title)) for (const a of titleAliases(base)) out.add(a);
  return [...out].filter((a) => a.length >= 5 && !strict.has(a));
}

/** Words a document name ends with; a loose name must end with one to count as naming a document. */
export const DOCUMENT_TYPE_SUFFIX =
  /(?:法|条例|办法|规定|细则|规则|规程|解释|决定|标准|规范|指引|指南|制度|方案|通知)$/;
