// Query analysis: explicit references (《建设工程质量管理条例》第四十条, 招投标法实施条例第26条), documents
// named in the question (restrict/boost), and version hints (a year or date picks an older version).
import { canonicalArticle } from '../index/numerals';
import { normaliseText } from '../index/tokenizer';
import { normaliseTitle, titleAliases } from './aliases';

export interface DocInfo {
  title: string;
  versionDate: string;
}

export interface AnalysedQuery {
  /** Documents named in the query (indices into the doc list), best version first. */
  namedDocs: number[];
  /**
   * Explicit article references: candidate documents in preference order (versions newest first; several
   * books of one code such as 民法典 share a title) — the first that has the article wins.
   */
  refs: { docs: number[]; article: string }[];
  /** A year named in the question (selects a version), if any. */
  year?: string;
  /** The query with document names removed, so they do not dominate BM25. */
  rest: string;
}

const ARTICLE_REF = /第\s*([0-9零〇一二两三四五六七八九十百千]+)\s*条(之[一二三四五六七八九十]+)?/g;

export class QueryAnalyser {
  /** alias → doc indices, longest aliases first so 招标投标法实施条例 wins over 招标投标法. */
  private readonly aliases: [string, number[]][];

  constructor(private readonly docs: DocInfo[]) {
    const map = new Map<string, number[]>();
    docs.forEach((d, i) => {
      // Aliases go through the same normalisation as the query (full-width （九） → (九), lower case).
      for (const a of titleAliases(d.title).map((x) => normaliseText(x))) {
        const list = map.get(a);
        if (list) list.push(i);
        else map.set(a, [i]);
      }
    });
    this.aliases = [...map.entries()].sort((a, b) => b[0].length - a[0].length);
  }

  analyse(query: string): AnalysedQuery {
    const text = normaliseText(query);
    let scan = normaliseTitle(text);
    const year = /((?:19|20)\d{2})\s*年/.exec(text)?.[1];
    const named: number[][] = [];
    for (const [alias, docIdx] of this.aliases) {
      if (!scan.includes(alias)) continue;
      named.push(this.byVersion(docIdx, year));
      // Blank the match so a shorter alias inside it (招标投标法 in 招标投标法实施条例) does not match too.
      scan = scan.split(alias).join('\u0000');
    }
    const namedDocs = [...new Set(named.flat())];
    const refs: AnalysedQuery['refs'] = [];
    for (const m of text.matchAll(ARTICLE_REF)) {
      const article = canonicalArticle(m[0].replace(/\s+/g, ''));
      // The reference belongs to the first named document group (best version first).
      const group = named[0];
      if (article && group?.length) refs.push({ docs: group, article });
    }
    return { namedDocs, refs, year, rest: scan.split('\u0000').join(' ') };
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
