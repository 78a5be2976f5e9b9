// The intermediate form every loader produces: a flat list of paragraphs, some of them headings.

export interface Para {
  text: string;
  /** 1-based PDF page of the paragraph's first line. */
  page?: number;
  /** Markdown/HTML heading level (1–6) when the source marked this paragraph as a heading. */
  heading?: number;
}

export interface LoadedText {
  paras: Para[];
  /** Index of the first body paragraph when the source marks the end of its header block
   *  (LawRefBook's `<!-- INFO END -->`); undefined when it does not. */
  bodyStart?: number;
  /** Title found in source metadata (HTML <title>), used when the body has no heading. */
  metaTitle?: string;
  /** The text was read by OCR from page images (scanned PDF, image file). */
  ocr?: boolean;
}

/** Sentence-final or clause-final punctuation that can legitimately end a paragraph. */
export const TERMINAL_PUNCT = /[。！？；：…!?;:」”’』】）)]$/;

/** Matches the numeral part of 第X条/章/节/编. */
export const NUM = '[零〇一二三四五六七八九十百千两\\d]+';

export const ARTICLE_START = new RegExp(`^第(${NUM})条(?:之(${NUM}))?`);
export const DIVISION_HEADING = new RegExp(`^第${NUM}(编|分编|章|节)(?:[\\s\\u3000]|$)`);
export const DATE_START = /^[（(]?\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?/;

/** Outline markers of guideline-style documents, level 1 (一、) to 4 (（1）). */
export function outlineLevel(text: string): number {
  if (/^[零〇一二三四五六七八九十百]+、/.test(text)) return 1;
  if (/^[（(][零〇一二三四五六七八九十百]+[）)]/.test(text)) return 2;
  if (/^\d{1,3}[.．、](?!\d)/.test(text)) return 3;
  if (/^[（(]\d{1,3}[）)]/.test(text)) return 4;
  return 0;
}
