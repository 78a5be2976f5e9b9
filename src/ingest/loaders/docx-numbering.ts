// Word automatic numbering (word/numbering.xml) rendered as Word displays it, then written into the paragraphs so
// that mammoth — which turns numbered paragraphs into bare <ol><li> and drops the numbers — keeps "第三条", "一、",
// "（二）", "3." in the text. Covers lvlText patterns (%1…%9), the number formats bureaux use (decimal,
// chineseCounting, chineseCountingThousand, ideographTraditional, chineseLegalSimplified, enclosed/roman/letters),
// multi-level lists, level restarts, start overrides, and numbering inherited from a paragraph style.
// Source of the semantics: ECMA-376 Part 1, §17.9 (Numbering).
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { toChineseNumber } from '../chinese-number';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: string;
  /** Restart after a higher level: 0 = after level 0 … ; -1 = never. Default: after any higher level (ilvl). */
  restart?: number;
}

interface NumDef {
  abstractId: string;
  levels: Map<number, Level>;
  startOverride: Map<number, number>;
}

function child(el: Element | null | undefined, name: string): Element | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === W) return n as Element;
  }
  return undefined;
}

function children(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === W)
      out.push(n as Element);
  }
  return out;
}

function val(el: Element | undefined): string | undefined {
  return el?.getAttributeNS(W, 'val') ?? el?.getAttribute('w:val') ?? undefined;
}

function parseXml(xml: string): Document {
  // xmldom reports recoverable problems through onError; a fatal one throws, which the loader maps to E_CORRUPT_FILE.
  return new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
}

function readLevels(abs: Element): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of children(abs, 'lvl')) {
    const ilvl = Number(lvl.getAttributeNS(W, 'ilvl') ?? lvl.getAttribute('w:ilvl') ?? 0);
    const restart = val(child(lvl, 'lvlRestart'));
    levels.set(ilvl, {
      start: Number(val(child(lvl, 'start')) ?? 1),
      fmt: val(child(lvl, 'numFmt')) ?? 'decimal',
      text: val(child(lvl, 'lvlText')) ?? '',
      suff: val(child(lvl, 'suff')) ?? 'tab',
      restart: restart === undefined ? undefined : Number(restart) - 1,
    });
  }
  return levels;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const LEGAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter: a…z, aa…zz.
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

/** One counter value in a numFmt (ECMA-376 §17.18.59 ST_NumberFormat); unknown formats fall back to decimal. */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
      return n > 0 && n < 10000 ? toChineseNumber(n) : String(n);
    case 'chineseLegalSimplified':
      return n > 0 && n < 10000 ? [...toChineseNumber(n)].map((c) => legalDigit(c)).join('') : String(n);
    case 'ideographTraditional':
      return TIANGAN[(n - 1) % 10] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'decimalFullWidth':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function legalDigit(c: string): string {
  const i = '零一二三四五六七八九'.indexOf(c);
  if (i >= 0) return LEGAL[i] ?? c;
  return { 十: '拾', 百: '佰', 千: '仟' }[c] ?? c;
}

interface Numbering {
  nums: Map<string, NumDef>;
  /** Paragraph style id → numbering it applies (numId, ilvl). */
  styles: Map<string, { numId: string; ilvl: number }>;
}

function readNumbering(numberingXml: string | undefined, stylesXml: string | undefined): Numbering {
  const nums = new Map<string, NumDef>();
  const styles = new Map<string, { numId: string; ilvl: number }>();
  if (numberingXml) {
    const root = parseXml(numberingXml).documentElement;
    const abstracts = new Map<string, Map<number, Level>>();
    if (root) {
      for (const abs of children(root, 'abstractNum')) {
        abstracts.set(
          abs.getAttributeNS(W, 'abstractNumId') ?? abs.getAttribute('w:abstractNumId') ?? '',
          readLevels(abs),
        );
      }
      for (const num of children(root, 'num')) {
        const id = num.getAttributeNS(W, 'numId') ?? num.getAttribute('w:numId') ?? '';
        const abstractId = val(child(num, 'abstractNumId')) ?? '';
        const levels = new Map(abstracts.get(abstractId) ?? []);
        const startOverride = new Map<number, number>();
        for (const o of children(num, 'lvlOverride')) {
          const ilvl = Number(o.getAttributeNS(W, 'ilvl') ?? o.getAttribute('w:ilvl') ?? 0);
          const so = val(child(o, 'startOverride'));
          if (so !== undefined) startOverride.set(ilvl, Number(so));
          // A <w:lvl> inside the override replaces that level entirely.
          const replaced = readLevels(o).get(ilvl);
          if (replaced) levels.set(ilvl, replaced);
        }
        nums.set(id, { abstractId, levels, startOverride });
      }
    }
  }
  if (stylesXml) {
    const root = parseXml(stylesXml).documentElement;
    const based = new Map<string, string>();
    const own = new Map<string, { numId?: string; ilvl?: number }>();
    for (const st of root ? children(root, 'style') : []) {
      const id = st.getAttributeNS(W, 'styleId') ?? st.getAttribute('w:styleId') ?? '';
      const b = val(child(st, 'basedOn'));
      if (b) based.set(id, b);
      const numPr = child(child(st, 'pPr'), 'numPr');
      if (numPr) {
        const ilvl = val(child(numPr, 'ilvl'));
        own.set(id, { numId: val(child(numPr, 'numId')), ilvl: ilvl === undefined ? undefined : Number(ilvl) });
      }
    }
    for (const id of new Set([...own.keys(), ...based.keys()])) {
      // Follow basedOn (bounded: style chains are short, a cycle must not loop).
      let numId: string | undefined;
      let ilvl: number | undefined;
      let cur: string | undefined = id;
      for (let depth = 0; cur && depth < 10; depth++) {
        const o = own.get(cur);
        numId ??= o?.numId;
        ilvl ??= o?.ilvl;
        cur = based.get(cur);
      }
      if (numId && numId !== '0') styles.set(id, { numId, ilvl: ilvl ?? 0 });
    }
  }
  return { nums, styles };
}

/** Counter state: one per abstract numbering (Word continues a list across w:num instances of one abstractNum). */
class Counters {
  private readonly values = new Map<string, (number | undefined)[]>();
  next(key: string, def: NumDef, ilvl: number, fresh: boolean): (number | undefined)[] {
    let v = this.values.get(key);
    if (!v || fresh) {
      v = [];
      this.values.set(key, v);
    }
    const startOf = (i: number) => def.startOverride.get(i) ?? def.levels.get(i)?.start ?? 1;
    for (let i = 0; i < ilvl; i++) v[i] ??= startOf(i);
    const cur = v[ilvl];
    v[ilvl] = cur === undefined ? startOf(ilvl) : cur + 1;
    // Deeper levels restart after a higher one is used, unless lvlRestart says otherwise (0 = never, N = after
    // level N, 1-based).
    for (let i = ilvl + 1; i < 9; i++) {
      const r = def.levels.get(i)?.restart;
      if (r === undefined || (r >= 0 && ilvl <= r)) v[i] = undefined;
    }
    return v;
  }
}

function render(level: Level, def: NumDef, counters: (number | undefined)[]): string {
  const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
    const i = Number(d) - 1;
    const fmt = def.levels.get(i)?.fmt ?? 'decimal';
    const n = counters[i] ?? def.levels.get(i)?.start ?? 1;
    return formatNumber(n, fmt);
  });
  if (!label) return '';
  // suff: tab (default) and space both show as a gap; "nothing" joins the label to the text.
  return level.suff === 'nothing' ? label : `${label} `;
}

/**
 * Rewrite word/document.xml so each automatically numbered paragraph starts with its displayed label as text and
 * carries no numPr any more. Bullets (numFmt "bullet") are removed without a label: they carry no meaning here.
 * Returns the XML unchanged when nothing is numbered.
 */
export function injectNumbering(documentXml: string, numberingXml?: string, stylesXml?: string): string {
  if (!numberingXml) return documentXml;
  const numbering = readNumbering(numberingXml, stylesXml);
  if (numbering.nums.size === 0) return documentXml;
  const doc = parseXml(documentXml);
  const counters = new Counters();
  const seenNum = new Set<string>();
  const paras = doc.getElementsByTagNameNS(W, 'p');
  let changed = false;
  for (let i = 0; i < paras.length; i++) {
    const p = paras.item(i);
    if (!p) continue;
    const pPr = child(p, 'pPr');
    const numPr = child(pPr, 'numPr');
    const style = val(child(pPr, 'pStyle'));
    const fromStyle = style ? numbering.styles.get(style) : undefined;
    const numId = val(child(numPr, 'numId')) ?? fromStyle?.numId;
    if (!numId || numId === '0') continue;
    const ilvlText = val(child(numPr, 'ilvl'));
    const ilvl = ilvlText !== undefined ? Number(ilvlText) : (fromStyle?.ilvl ?? 0);
    const def = numbering.nums.get(numId);
    const level = def?.levels.get(ilvl);
    if (!def || !level) continue;
    // A w:num with a startOverride is its own list (Word's "restart numbering"); others continue their abstractNum.
    const own = def.startOverride.size > 0;
    const key = own ? `num:${numId}` : `abs:${def.abstractId}`;
    const fresh = own && !seenNum.has(numId);
    seenNum.add(numId);
    const values = counters.next(key, def, ilvl, fresh);
    if (numPr && pPr) pPr.removeChild(numPr);
    changed = true;
    if (level.fmt === 'bullet') continue;
    const label = render(level, def, values);
    if (!label) continue;
    const r = doc.createElementNS(W, 'w:r');
    const t = doc.createElementNS(W, 'w:t');
    t.setAttribute('xml:space', 'preserve');
    t.appendChild(doc.createTextNode(label));
    r.appendChild(t);
    const first = pPr ? pPr.nextSibling : p.firstChild;
    p.insertBefore(r, first);
  }
  if (!changed) return documentXml;
  // Style-inherited numbering would still make mammoth emit list items; the label is text now, so that is harmless.
  return new XMLSerializer().serializeToString(doc);
}
