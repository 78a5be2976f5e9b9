// Renders a Draft as .docx to GB/T 9704-2012 with the `docx` package: A4, margins and 22×28 grid from layout.ts,
// fonts per part in the East Asian slot (with hint so quotes and dashes stay in the Chinese font), alternate
// 「— N —」 footers, optional 版头 and 版记. Clause numbers in comments refer to GB/T 9704-2012.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  HeightRule,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  VerticalPositionAlign,
  type IParagraphOptions,
} from 'docx';
import JSZip from 'jszip';
import {
  CHAR_SPACE,
  chars,
  FONT_FALLBACKS,
  FONTS,
  FOOTER_DISTANCE,
  GLYPH_SPACING,
  LINE_PITCH,
  MARGIN,
  PAGE,
  SIZE_PT,
  TYPE_AREA,
} from './layout';
import { attachmentLines, footerLines } from './text';
import type { Draft, DraftParagraph } from './types';

const half = (pt: number) => pt * 2;
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function run(text: string, fontName: string = FONTS.body, pt: number = SIZE_PT.三号, extra: { color?: string } = {}) {
  const tighten = pt === SIZE_PT.三号 ? { characterSpacing: GLYPH_SPACING } : {};
  return new TextRun({ text, font: font(fontName), size: half(pt), ...tighten, ...extra });
}

const tab = () => new TextRun({ children: [new Tab()] });

function para(children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ spacing: exact, ...options, children });
}

const blank = () => para([run('')]);

/** 7.3.3: 结构层次 一、 黑体, （一） 楷体, 1. and （1） 仿宋; every paragraph 左空二字. */
function bodyParagraph(p: DraftParagraph): Paragraph {
  const face = p.level === 1 ? FONTS.heading1 : p.level === 2 ? FONTS.heading2 : FONTS.body;
  return para([run(p.text, face)], { indent: { firstLine: chars(2) } });
}

/** Width of a string in 3号 characters: CJK 1, half-width 0.5. */
export function widthInChars(s: string): number {
  return [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
}

/**
 * 7.3.5.2 (without seal): 署名 右空二字; 成文日期 on the next line, its first character two to the right of the
 * 署名's; when the date is then too long, the date sits 右空二字 and the 署名 moves left. Returns right indents in
 * characters.
 */
export function closingIndents(signature: string, date: string): { signature: number; date: number } {
  const s = widthInChars(signature);
  const d = widthInChars(date);
  if (d > s - 2) return { date: 2, signature: 2 + d + 2 - s };
  return { signature: 2, date: s - d };
}

function pageFooter(align: 'left' | 'right'): Footer {
  // 7.5: 4号半角宋体阿拉伯数字，左右各放一条一字线；单页码居右空一字，双页码居左空一字.
  const r = (t: string | (typeof PageNumber)['CURRENT'][]) =>
    new TextRun({ children: typeof t === 'string' ? [t] : t, font: font(FONTS.pageNumber), size: half(SIZE_PT.四号) });
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: chars(1) } : { left: chars(1) },
        children: [r('— '), r([PageNumber.CURRENT]), r(' —')],
      }),
    ],
  });
}

function header(d: Draft): Paragraph[] {
  const s = d.slots;
  const out: Paragraph[] = [];
  // 7.2.1–7.2.3: 份号 (6 digits), 密级, 紧急程度 顶格 at the top left, 3号 (密级/紧急程度 黑体).
  if (s.份号) out.push(para([run(s.份号.padStart(6, '0'))]));
  if (s.密级) out.push(para([run(s.密级, FONTS.heading1)]));
  if (s.紧急程度) out.push(para([run(s.紧急程度, FONTS.heading1)]));
  if (!s.发文字号) return out;
  // 7.2.4: 发文机关标志 centred, red, 小标宋. 7.2.5: 发文字号 下空二行 centred; with 签发人 (7.2.6, 上行文) the
  // number moves 左空一字 and 签发人 stands 右空一字 on the same line; then the red separator line (7.2.7).
  if (s.发文机关) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        children: [run(`${s.发文机关}文件`, FONTS.title, SIZE_PT.小初, { color: 'FF0000' })],
      }),
      blank(),
    );
  }
  const redLine = { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 4 } };
  if (s.签发人) {
    out.push(
      para([run(s.发文字号), tab(), run('签发人：'), run(s.签发人, FONTS.heading2)], {
        indent: { left: chars(1), right: chars(1) },
        tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA.width - chars(2) }],
        border: redLine,
      }),
    );
  } else {
    out.push(para([run(s.发文字号)], { alignment: AlignmentType.CENTER, border: redLine }));
  }
  out.push(blank(), blank());
  return out;
}

function title(text: string): Paragraph {
  // 7.3.1: 2号小标宋体字, centred.
  return para([run(text, FONTS.title, SIZE_PT.二号)], { alignment: AlignmentType.CENTER });
}

/** 7.4: 版记 in 4号仿宋 with separator lines, held at the foot of the last page by a bottom-aligned frame. */
function imprint(d: Draft): Paragraph[] {
  const lines = footerLines(d);
  if (lines.length === 0) return [];
  const frame = {
    type: 'alignment' as const,
    width: TYPE_AREA.width,
    // An explicit height: LibreOffice ignores a frame of height 0 and leaves the 版记 where the text ends.
    height: lines.length * Math.round(SIZE_PT.四号 * 20 * 1.5) + 120,
    rule: HeightRule.ATLEAST,
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
  };
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 2 });
  return lines.map((text, i) => {
    const isDate = !text.startsWith('抄送');
    const [org, date] = isDate ? text.split('\u3000') : [text, ''];
    return new Paragraph({
      frame,
      spacing: { before: 0, after: 0 },
      indent: { left: chars(1), right: chars(1) },
      tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA.width - chars(2) }],
      border: {
        ...(i === 0 ? { top: rule(8) } : {}),
        ...(i === lines.length - 1 ? { bottom: rule(8) } : { bottom: rule(4) }),
      },
      children: isDate
        ? [run(org ?? '', FONTS.body, SIZE_PT.四号), tab(), run(date ?? '', FONTS.body, SIZE_PT.四号)]
        : [run(text, FONTS.body, SIZE_PT.四号)],
    });
  });
}

function children(d: Draft): Paragraph[] {
  const out: Paragraph[] = [...header(d), title(d.title), blank()];
  // 7.3.2: 主送机关 居左顶格, ending in a full-width colon.
  if (d.addressee) out.push(para([run(`${d.addressee}：`)]));
  out.push(...d.body.map(bodyParagraph));
  if (d.closing) out.push(bodyParagraph({ level: 0, text: d.closing }));
  if (d.attachments.length > 0) {
    // 7.3.4: 正文下空一行左空二字 「附件：」, numbered 1. 2. when several, no punctuation after the names.
    out.push(blank(), ...attachmentLines(d.attachments).map((l) => para([run(l)])));
  }
  if (d.signature || d.date) {
    const ind = closingIndents(d.signature, d.date);
    out.push(blank());
    if (d.signature)
      out.push(para([run(d.signature)], { alignment: AlignmentType.RIGHT, indent: { right: chars(ind.signature) } }));
    if (d.date) out.push(para([run(d.date)], { alignment: AlignmentType.RIGHT, indent: { right: chars(ind.date) } }));
  }
  if (d.annex) {
    // 7.3.7: 附件 on a new page, 「附件」 顶格 in 3号黑体, its title as the document's.
    out.push(
      para([new PageBreak() as unknown as TextRun]),
      para([run('附件', FONTS.heading1)]),
      blank(),
      title(d.annex.title),
      blank(),
      ...d.annex.body.map(bodyParagraph),
    );
  }
  out.push(...imprint(d));
  return out;
}

/** Adds w:altName fallbacks to the font table (方正小标宋简体 → 华文中宋 → 宋体, 仿宋_GB2312 → 仿宋, …). */
async function addFontFallbacks(buffer: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(buffer);
  const entry = zip.file('word/fontTable.xml');
  const fonts = FONT_FALLBACKS.map(
    ([name, alt]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  const xml = entry ? await entry.async('string') : '';
  const patched = xml.includes('</w:fonts>')
    ? xml.replace('</w:fonts>', `${fonts}</w:fonts>`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
  zip.file('word/fontTable.xml', patched);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The .docx bytes of a draft. Pure: no file is written. */
export async function renderDocx(d: Draft): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'zhiyin',
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body), size: half(SIZE_PT.三号) }, paragraph: { spacing: exact } },
      },
      // An explicit Normal style with the 3号 size: LibreOffice derives the grid's character cell from the Normal
      // style's East Asian size (12 pt when absent), Word from docDefaults; both then give 28 characters a line.
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: font(FONTS.body), size: half(SIZE_PT.三号) },
          paragraph: { spacing: exact },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, footer: FOOTER_DISTANCE, header: 851 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageFooter('right'), even: pageFooter('left') },
        children: children(d),
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return addFontFallbacks(new Uint8Array(buffer));
}

/** Suggested file name: the title with characters unsafe in file names removed, plus .docx. */
export function docxFileName(d: Draft): string {
  const name = d.title.replace(/【待补充：[^】]*】/g, '').replace(/[\\/:*?"<>|【】]/g, '');
  return `${name.slice(0, 60) || '公文草稿'}.docx`;
}
