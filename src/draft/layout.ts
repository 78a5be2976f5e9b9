// GB/T 9704-2012 page and type measures, converted to Word units (twips = 1/20 pt; half-points for sizes).
// Every number is derived from the standard's millimetres and its 3号 body size, not tuned by eye.

/** Twips per millimetre (1 in = 25.4 mm = 1440 twips). */
export const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);

/** 中文字号 in points (3号 = 16 pt, 2号 = 22 pt, 4号 = 14 pt; 小初 = 36 pt). */
export const SIZE_PT = { 小初: 36, 二号: 22, 三号: 16, 四号: 14 } as const;

/** GB/T 9704-2012 5.1: A4, 210 mm × 297 mm. */
export const PAGE = { width: mm(210), height: mm(297) };
/** 5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm; the bottom and right margins follow. */
export const TYPE_AREA = { width: mm(156), height: mm(225) };
export const MARGIN = {
  top: mm(37),
  left: mm(28),
  right: PAGE.width - mm(28) - mm(156),
  bottom: PAGE.height - mm(37) - mm(225),
};

/** 5.2.3: 一般每面排22行，每行排28个字，并撑满版心. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/**
 * Line pitch in twips: the 版心 height over 22 lines, rounded down so that 22 lines never overflow it
 * (225 mm = 12756 twips → 579 twips ≈ 28.95 pt).
 */
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);

/** Character pitch in twips: the 版心 width over 28 characters (156 mm → ≈ 315.9 twips ≈ 15.79 pt). */
export const CHAR_PITCH = TYPE_AREA.width / CHARS_PER_LINE;

/**
 * docGrid charSpace: how far the grid's character pitch departs from the document's default font size (3号,
 * 16 pt), in 1/4096 pt (ECMA-376 17.6.5). (15.79 pt − 16 pt) × 4096 ≈ −848: the characters are set slightly tighter
 * than their size so that 28 fit the 156 mm line.
 */
export const CHAR_SPACE = Math.round((CHAR_PITCH / 20 - SIZE_PT.三号) * 4096);

/**
 * Run character spacing for 3号 text, in twips, rounded down: 16 pt glyphs are 4.1 twips wider than the grid
 * cell (15.79 pt), so each is set 5 twips tighter. LibreOffice gives a glyph wider than its grid cell two cells
 * (14 characters a line instead of 28); with the glyph narrower than the cell both LibreOffice and Word set 28.
 */
export const GLYPH_SPACING = Math.floor(CHAR_PITCH - SIZE_PT.三号 * 20);

/** Width of n 3号 characters on the grid, in twips (indents of 左空二字, 右空一字, …). */
export const chars = (n: number) => Math.round(n * CHAR_PITCH);

/**
 * 7.5: page numbers sit 7 mm below the 版心; the footer distance from the page edge is the bottom margin minus
 * 7 mm minus the 4号 line (14 pt ≈ 4.9 mm), ≈ 23 mm.
 */
export const FOOTER_DISTANCE = MARGIN.bottom - mm(7) - Math.round(SIZE_PT.四号 * 20);

/** Font names of GB/T 9704 and their fallbacks (written as w:altName in the font table). */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

export const FONT_FALLBACKS: [string, string][] = [
  ['方正小标宋简体', '华文中宋'],
  ['华文中宋', '宋体'],
  ['仿宋_GB2312', '仿宋'],
  ['楷体_GB2312', '楷体'],
];
