// PDF → paragraphs with page numbers: pdf.js text items → lines (over-printed copies removed, see pdf-lines.ts)
// → the layout normaliser. Page count is capped before any page is parsed (a page tree that is a DAG claims
// millions of pages in a few hundred bytes).
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ZhiyinError } from '../../core/errors';
import { cleanPages, joinLines } from '../layout';
import { LIMITS } from '../limits';
import type { LoadedText } from '../para';
import { pageLines, type PdfTextItem } from './pdf-lines';

/** Fewer visible characters per page than this means a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 20;

/** Text of each page, in page order (1-based index = position + 1). Throws coded errors only. */
export async function pdfPageTexts(data: Buffer, file: string): Promise<string[]> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // No fonts, scripts or network: only the text layer is read.
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > LIMITS.maxPages) {
      throw new ZhiyinError('E_TOO_LARGE', `${file}: PDF claims ${doc.numPages} pages (limit ${LIMITS.maxPages})`, {
        userMessage: `文件《${file}》页数过多（${doc.numPages} 页，上限 ${LIMITS.maxPages} 页），请拆分后再上传。`,
      });
    }
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i);
      const text = pageLines(items).join('\n');
      page.cleanup();
      chars += text.length;
      if (chars > LIMITS.maxChars) throw tooManyChars(file);
      pages.push(text);
    }
    return pages;
  } catch (cause) {
    if (cause instanceof ZhiyinError) throw cause;
    if ((cause as Error).name === 'PasswordException') {
      throw new ZhiyinError('E_ENCRYPTED', `${file}: PDF is password-protected`, {
        cause,
        userMessage: `文件《${file}》设有打开密码，无法读取。请去除密码后重新上传。`,
      });
    }
    throw new ZhiyinError('E_CORRUPT_FILE', `${file}: PDF cannot be parsed (${(cause as Error).name})`, {
      cause,
      userMessage: `文件《${file}》已损坏或不完整，无法读取。请重新导出或上传完整的 PDF 文件。`,
    });
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

export function tooManyChars(file: string): ZhiyinError {
  return new ZhiyinError('E_TOO_LARGE', `${file}: more than ${LIMITS.maxChars} characters of text`, {
    userMessage: `文件《${file}》文字过多（超过 ${LIMITS.maxChars} 字），请拆分后再上传。`,
  });
}

/** True when the pages hold too little text to be anything but images (a scan). */
export function lacksTextLayer(pages: string[]): boolean {
  const visible = pages.reduce((n, p) => n + p.replace(/\s+/g, '').length, 0);
  return pages.length === 0 || visible < MIN_CHARS_PER_PAGE * pages.length;
}

/**
 * Load a PDF. A scan (no text layer) is read by OCR when tesseract is installed (`ocr: true` in the result, progress
 * through `onProgress(done, total, 'ocr')` per page); without it, E_NO_TEXT_LAYER names the packages to install.
 */
export async function loadPdf(
  data: Buffer,
  file: string,
  onProgress?: (done: number, total: number, stage: string) => void,
): Promise<LoadedText> {
  const pages = await pdfPageTexts(data, file);
  if (!lacksTextLayer(pages)) return { paras: joinLines(cleanPages(pages)) };
  const { ocrAvailable, ocrPdf, noOcrError } = await import('./ocr');
  if (!(await ocrAvailable())) throw noOcrError(file, pages.length);
  const texts = await ocrPdf(data, file, pages.length, (done, total) => onProgress?.(done, total, 'ocr'));
  if (lacksTextLayer(texts)) {
    throw new ZhiyinError('E_NO_TEXT_LAYER', `${file}: no text found by OCR on ${pages.length} pages`, {
      userMessage: `文件《${file}》是扫描件，但文字识别未能识别出文字（图片可能过于模糊）。`,
    });
  }
  return { paras: joinLines(cleanPages(texts)), ocr: true };
}
