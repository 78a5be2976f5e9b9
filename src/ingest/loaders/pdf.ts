// PDF → paragraphs with page numbers (pdf-parse v2 / pdf.js), then the layout normaliser.
import { PDFParse } from 'pdf-parse';
import { ZhiyinError } from '../../core/errors';
import { cleanPages, joinLines } from '../layout';
import type { LoadedText } from '../para';

/** Fewer visible characters per page than this means a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 20;

export async function loadPdf(data: Buffer, file: string): Promise<LoadedText> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  let pages: { num: number; text: string }[];
  try {
    const result = await parser.getText();
    pages = result.pages;
  } catch (cause) {
    if ((cause as Error).name === 'PasswordException') {
      throw new ZhiyinError('E_UNREADABLE', `${file}: PDF is password-protected`, {
        cause,
        userMessage: `文件《${file}》设有打开密码，无法读取。请去除密码后重新上传。`,
      });
    }
    throw new ZhiyinError('E_CORRUPT_FILE', `${file}: PDF cannot be parsed (${(cause as Error).message})`, {
      cause,
      userMessage: `文件《${file}》已损坏或不完整，无法读取。请重新导出或上传完整的 PDF 文件。`,
    });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  const visible = pages.reduce((n, p) => n + p.text.replace(/\s+/g, '').length, 0);
  if (pages.length === 0 || visible < MIN_CHARS_PER_PAGE * pages.length) {
    throw new ZhiyinError(
      'E_NO_TEXT_LAYER',
      `${file}: PDF has no text layer (${visible} characters on ${pages.length} pages; scanned image?)`,
      { userMessage: `文件《${file}》是扫描图片，没有可提取的文字。请先进行文字识别（OCR）后再上传。` },
    );
  }
  const ordered = [...pages].sort((a, b) => a.num - b.num).map((p) => p.text);
  return { paras: joinLines(cleanPages(ordered)) };
}
