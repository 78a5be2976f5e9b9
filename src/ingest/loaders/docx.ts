// DOCX → HTML (mammoth keeps Heading 1–6 styles as h1–h6) → paragraphs.
import mammoth from 'mammoth';
import { ZhiyinError } from '../../core/errors';
import type { LoadedText } from '../para';
import { parseHtml } from './html';

export async function loadDocx(data: Buffer, file: string): Promise<LoadedText> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch (cause) {
    throw new ZhiyinError('E_CORRUPT_FILE', `${file}: DOCX cannot be read (${(cause as Error).message})`, {
      cause,
      userMessage: `文件《${file}》已损坏或不是有效的 Word（.docx）文件，无法读取。`,
    });
  }
  return parseHtml(html);
}
