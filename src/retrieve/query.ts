// Query analysis: explicit references (《建设工程质量管理条例》第四十条, 招投标法实施条例第26条), documents
// named in the question (restrict/boost), and version hints (a year or date picks an older version).
import { canonicalArticle } from '../index/numerals';
import { normaliseText } from '../index/tokenizer';
import { DOCUMENT_TYPE_SUFFIX, looseTitleAliases, normaliseTitle, titleAliases } from './aliases';

export interface DocInfo {
  title: string;
  versionDate: string;
}

export interface AnalysedQuery {
  /** Documents named in the query (indices into the doc list), best version first. */
  namedDocs: number[];
  /**
   * Explicit article references: candidate documents in preference order (versions newest first; several
   * books of one code such as 民法典 share a title) — the first that has the article wins. A name that fits
   * several different documents (绿色建筑条例 with both 深圳经济特区… and 广东省… loaded) gives one ref per
   * document, each `ambiguous`: the answer must ask which one is meant rather than pick one.
   */
  refs: { docs: number[]; article: string; ambiguous?: boolean }[];
  /** A year named in the question (selects a version), if any. */
  year?: string;
  /** The query with document names removed, so they do not dominate BM25. */
  rest: string;
}

const ARTICLE_REF = /第\s*([0-9零〇一二两三四五六七八九十百千]+)\s*条(之[一二三四五六七八九十]+)?/g;

/** Names known for a document: strict (its title and customary short names) or loose (place prefix dropped). */
interface AliasDocs {
  strict: number[];
  loose: number[];
}

/** Shortest loose name (characters) matched by its ending alone, e.g. 道路占用挖掘管理办法 for 城市道路占用挖掘管理办法. */
const MIN_SUFFIX_NAME = 5;

export class QueryAnalyser {
  /** alias → doc indices, longest aliases first so 招标投标法实施条例 wins over 招标投标法. */
  private readonly aliases: [string, AliasDocs][];

  constructor(private readonly docs: DocInfo[]) {
    const map = new Map<string, AliasDocs>();
    const add = (alias: string, i: number, kind: keyof AliasDocs): void => {
      let entry = map.get(alias);
      if (!entry) map.set(alias, (entry = { strict: [], loose: [] }));
      if (!entry[kind].includes(i)) entry[kind].push(i);
    };
    docs.forEach((d, i) => {
      // Aliases go through the same normalisation as the query (full-width （九） → (九), lower case).
      for (const a of titleAliases(d.title)) add(normaliseText(a), i, 'strict');
      for (const a of looseTitleAliases(d.title)) add(normaliseText(a), i, 'loose');
    });
    this.aliases = [...map.entries()].sort((a, b) => b[0].length - a[0].length);
  }

  analyse(query: string): AnalysedQuery {
    const text = normaliseText(query);
    let scan = normaliseTitle(text);
    const year = /((?:19|20)\d{2})\s*年/.exec(text)?.[1];
    const named: number[][][] = [];
    for (const [alias, entry] of this.aliases) {
      if (!scan.includes(alias)) continue;
      named.push(this.groups(alias, entry.strict.length ? entry.strict : entry.loose, year));
      // Blank the match so a shorter alias inside it (招标投标法 in 招标投标法实施条例) does not match too.
      scan = scan.split(alias).join('\u0000');
    }
    if (named.length === 0) {
      const bySuffix = this.nameBeforeArticle(scan);
      if (bySuffix) named.push(this.groups(bySuffix.name, bySuffix.docs, year));
    }
    const namedDocs = [...new Set(named.flat(2))];
    const refs: AnalysedQuery['refs'] = [];
    for (const m of text.matchAll(ARTICLE_REF)) {
      const article = canonicalArticle(m[0].replace(/\s+/g, ''));
      // The reference belongs to the first named document (best version first); several → ask which.
      const groups = named[0];
      if (!article || !groups?.length) continue;
      if (groups.length === 1) refs.push({ docs: groups[0]!, article });
      else for (const g of groups) refs.push({ docs: g, article, ambiguous: true });
    }
    return { namedDocs, refs, year, rest: scan.split('\u0000').join(' ') };
  }

  /**
   * Documents a name fits, one group per distinct title (versions inside a group, best first). A document whose
   * whole title is the name wins over ones that only contain it once their place prefix is dropped.
   */
  private groups(alias: string, docIdx: number[], year?: string): number[][] {
    const exact = docIdx.filter((i) => normaliseText(normaliseTitle(this.docs[i]!.title)) === alias);
    const chosen = exact.length ? exact : docIdx;
    const byTitle = new Map<string, number[]>();
    for (const i of chosen) {
      const t = normaliseTitle(this.docs[i]!.title);
      byTitle.set(t, [...(byTitle.get(t) ?? []), i]);
    }
    return [...byTitle.values()].map((g) => this.byVersion(g, year));
  }

  /**
   * "道路占用挖掘管理办法第3条": the words right before 第N条 end like a document name and are the ending of
   * some document's name. Longest such ending wins; undefined when none fits.
   */
  private nameBeforeArticle(scan: string): { name: string; docs: number[] } | undefined {
    ARTICLE_REF.lastIndex = 0;
    const m = ARTICLE_REF.exec(scan);
    ARTICLE_REF.lastIndex = 0;
    if (!m) return undefined;
    const run = /[\u4e00-\u9fff()（）]+$/.exec(scan.slice(0, m.index))?.[0] ?? '';
    if (!DOCUMENT_TYPE_SUFFIX.test(run)) return undefined;
    for (let i = 0; i + MIN_SUFFIX_NAME <= run.length; i++) {
      const name = run.slice(i);
      const docs = new Set<number>();
      for (const [alias, entry] of this.aliases) {
        if (alias.endsWith(name)) for (const d of [...entry.strict, ...entry.loose]) docs.add(d);
      }
      if (docs.size) return { name, docs: [...docs] };
    }
    return undefined;
  }

  /** Versions of one law, newest first — or the one matching the named year first. */
  private byVersion(docIdx: number[], year?: string): number[] {
    const sorted = [...docIdx].sort((a, b) =>
      (this.docs[b]!.versionDate || '').localeCompare(this.docs[a]!.versionDate || ''),
    );
    if (!year) return sorted;
    const hit = sorted.filter((i) => this.docs[i]!.versionDate.startsWith(year));
    return [...hit, ...sorted.filter((i) => !hit.includes(i))];
  }
}
