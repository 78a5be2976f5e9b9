// DOCX → HTML (mammoth keeps Heading 1–6 styles as h1–h6) → paragraphs. The package is unzipped here first with
// bomb checks (zip-read.ts), Word's automatic numbering is written into the text (docx-numbering.ts), and mammoth
// gets a re-packed copy of only the parts it reads, stored uncompressed.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ZhiyinError, isZhiyinError } from '../../core/errors';
import type { LoadedText } from '../para';
import { readZip } from '../zip-read';
import { injectNumbering } from './docx-numbering';
import { parseHtml } from './html';

/** Parts mammoth reads: the main document, its styles, numbering, relationships, notes and comments. */
const PARTS = /^(\[Content_Types\]\.xml|_rels\/\.rels|word\/[^/]+\.xml|word\/_rels\/[^/]+\.rels)$/;

function invalid(file: string, cause?: unknown): ZhiyinError {
  return new ZhiyinError('E_CORRUPT_FILE', `${file}: DOCX cannot be read`, {
    cause,
    userMessage: `文件《${file}》已损坏或不是有效的 Word（.docx）文件，无法读取。`,
  });
}

export async function loadDocx(data: Buffer, file: string): Promise<LoadedText> {
  const parts = await readZip(data, file, (name) => PARTS.test(name));
  const doc = parts.get('word/document.xml');
  if (!doc) throw invalid(file);
  let html: string;
  try {
    const numbered = injectNumbering(
      doc.toString('utf8'),
      parts.get('word/numbering.xml')?.toString('utf8'),
      parts.get('word/styles.xml')?.toString('utf8'),
    );
    const zip = new JSZip();
    for (const [name, bytes] of parts) zip.file(name, name === 'word/document.xml' ? numbered : bytes);
    const repacked = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    html = (await mammoth.convertToHtml({ buffer: repacked })).value;
  } catch (cause) {
    if (isZhiyinError(cause)) throw cause;
    throw invalid(file, cause);
  }
  return parseHtml(html);
}
