// Structure parser for Chinese regulations and official documents. Works on Markdown/HTML headings and on flat
// text where a heading is just a line: 编/分编/章/节 headings, articles 第X条 (第X条之一) with their 款 and 项, and
// for guideline-style documents the outline 一、/（一）/1./（1）.
import { parseChineseNumber } from './chinese-number';
import { ARTICLE_START, DIVISION_HEADING, TERMINAL_PUNCT, outlineLevel, type Para } from './para';

export interface Unit {
  /** "第四十条" / "第十条之一"; '' for outline sections and paragraphs. */
  article: string;
  /** Headings below the document title, down to (and including) the unit's own outline label. */
  path: string[];
  paras: Para[];
  /** Short name of an outline unit, repeated at the head of continuation chunks. */
  label: string;
}

const DIVISION_LEVEL: Record<string, number> = { 编: 1, 分编: 2, 章: 3, 节: 4 };

/** A flat-text line that is a 编/章/节 heading (short, not a sentence). */
function flatDivisionLevel(text: string): number {
  const m = DIVISION_HEADING.exec(text);
  if (!m || text.length > 40 || /[。；]/.test(text)) return 0;
  return DIVISION_LEVEL[m[1] ?? ''] ?? 0;
}

export interface ArticleMatch {
  article: string;
  num: number;
  sub: number;
}

/**
 * "第十二条 …" starts an article. Without the space after the number it is only accepted when it is the next
 * number in sequence, so a paragraph opening with a cross-reference ("第十二条规定的…") is not a new article.
 */
export function matchArticle(text: string, previous: number): ArticleMatch | undefined {
  const m = ARTICLE_START.exec(text);
  if (!m) return undefined;
  const num = parseChineseNumber(m[1] ?? '');
  const sub = m[2] ? parseChineseNumber(m[2]) : 0;
  if (Number.isNaN(num) || Number.isNaN(sub)) return undefined;
  const rest = text.slice(m[0].length);
  const spaced = rest === '' || /^[\s\u3000]/.test(rest);
  if (!spaced && !(sub === 0 && num === previous + 1)) return undefined;
  return { article: m[0], num, sub };
}

function outlineLabel(text: string): string {
  if (text.length <= 30 && !TERMINAL_PUNCT.test(text)) return text;
  const cut = text.search(/[。：:；;？?]/);
  const head = cut > 0 ? text.slice(0, cut) : text;
  return head.length > 30 ? head.slice(0, 30) + '…' : head;
}

export function parseStructure(body: Para[], parts: string[] = []): Unit[] {
  const units: Unit[] = [];
  const headings: { level: number; text: string }[] = [];
  let outline: { level: number; label: string }[] = [];
  let cur: Unit | undefined;
  let pendingHeading: Para | undefined;
  let lastArticle = 0;

  const basePath = () => [...parts, ...headings.map((h) => h.text)];
  const open = (unit: Unit) => {
    cur = unit;
    units.push(unit);
  };

  for (const p of body) {
    const level = p.heading ?? flatDivisionLevel(p.text);
    if (level > 0) {
      while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: p.text.replace(/[\s\u3000]+/g, ' ') });
      outline = [];
      cur = undefined;
      pendingHeading = p;
      continue;
    }
    const top = headings[headings.length - 1];
    if (pendingHeading && !cur && top && p.heading === undefined && DIVISION_HEADING.test(top.text)) {
      // A 章/节 heading the source wrapped onto a second line ("第六节 调取、查封、扣押物证、书证" + "和视听资料").
      if (p.text.length <= 24 && !/[。，；：？！]/.test(p.text) && !ARTICLE_START.test(p.text)) {
        top.text += p.text;
        pendingHeading = { ...pendingHeading, text: top.text };
        continue;
      }
    }
    const art = matchArticle(p.text, lastArticle);
    if (art) {
      lastArticle = art.num;
      open({ article: art.article, path: basePath(), paras: [p], label: art.article });
      pendingHeading = undefined;
      continue;
    }
    if (cur?.article) {
      // 款 and 项 of the current article, whatever markers they carry.
      cur.paras.push(p);
      continue;
    }
    const ol = outlineLevel(p.text);
    if (ol === 1 || ol === 2) {
      outline = outline.filter((o) => o.level < ol);
      const label = outlineLabel(p.text);
      outline.push({ level: ol, label });
      const paras = pendingHeading ? [pendingHeading, p] : [p];
      open({ article: '', path: [...basePath(), ...outline.map((o) => o.label)], paras, label });
      pendingHeading = undefined;
      continue;
    }
    if (!cur) {
      const path = [...basePath(), ...outline.map((o) => o.label)];
      const paras = pendingHeading ? [pendingHeading, p] : [p];
      const label = outline[outline.length - 1]?.label ?? headings[headings.length - 1]?.text ?? '';
      open({ article: '', path, paras, label });
      pendingHeading = undefined;
      continue;
    }
    cur.paras.push(p);
  }
  return units;
}
