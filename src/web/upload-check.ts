// Validation of uploaded documents before anything touches the corpus: a safe file name (no path traversal),
// an allowed extension whose magic bytes agree with it, and a size limit.
import path from 'node:path';
import { ZhiyinError } from '../core/errors';

export const ALLOWED_EXTENSIONS = ['.pdf', '.docx', '.md', '.txt', '.html', '.htm'] as const;
export type UploadExtension = (typeof ALLOWED_EXTENSIONS)[number];
/** 20 MB: the largest regulation PDFs we have seen are ~5 MB; scanned bundles beyond this cannot be indexed anyway. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** "20 MB" / "512 KB" for limits shown to users. */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Reduce a client-supplied name to a single safe path segment: strip any directory part (both separators),
 * control and reserved characters, leading dots; keep Chinese and other letters. "../../x.md" → "x.md".
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots and "~$" would make the ingest walker treat the file as hidden / an Office lock file.
    .replace(/^(?:[.\s]|~\$)+/, '');
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  // Keep names well under common 255-byte limits even in UTF-8 Chinese (3 bytes per character).
  if (Buffer.byteLength(name) > 180) name = truncateUtf8(base, 180 - Buffer.byteLength(ext)) + ext;
  if (!name || name === ext || !base.trim()) {
    throw new ZhiyinError('E_BAD_REQUEST', `unusable upload file name: ${JSON.stringify(raw)}`, {
      userMessage: '文件名无效，请重命名后再上传。',
    });
  }
  return name;
}

function truncateUtf8(s: string, maxBytes: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

function startsWith(bytes: Buffer, magic: string): boolean {
  return bytes.subarray(0, magic.length).equals(Buffer.from(magic, 'latin1'));
}

export function checkUploadExtension(fileName: string): UploadExtension {
  const ext = path.extname(fileName).toLowerCase();
  if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ZhiyinError('E_UNSUPPORTED_FORMAT', `upload extension not allowed: ${ext || '(none)'}`, {
      userMessage: `不支持的文件类型「${ext || '无扩展名'}」：仅支持 PDF、DOCX、MD、TXT、HTML。`,
    });
  }
  return ext as UploadExtension;
}

/** Check extension, size and content agree; returns the normalised extension. */
export function checkUploadType(fileName: string, bytes: Buffer, maxBytes = DEFAULT_MAX_UPLOAD_BYTES): UploadExtension {
  const ext = checkUploadExtension(fileName);
  if (bytes.length > maxBytes) {
    throw new ZhiyinError('E_TOO_LARGE', `upload of ${bytes.length} bytes exceeds ${maxBytes}`, {
      userMessage: `文件太大：上限为 ${formatLimit(maxBytes)}。`,
    });
  }
  if (bytes.length === 0) {
    throw new ZhiyinError('E_EMPTY_FILE', 'empty upload', { userMessage: '文件是空的，没有可索引的内容。' });
  }
  const mismatch = (what: string) =>
    new ZhiyinError('E_UNSUPPORTED_FORMAT', `content does not match ${ext}: ${what}`, {
      userMessage: `文件内容与扩展名「${ext}」不符（${what}），请确认文件类型后重新上传。`,
    });
  if (ext === '.pdf' && !startsWith(bytes, '%PDF-')) throw mismatch('不是 PDF 文件');
  // DOCX is a ZIP container.
  if (ext === '.docx' && !startsWith(bytes, 'PK\u0003\u0004')) throw mismatch('不是 Word 文档');
  if (ext === '.md' || ext === '.txt' || ext === '.html' || ext === '.htm') {
    if (startsWith(bytes, '%PDF-') || startsWith(bytes, 'PK\u0003\u0004')) throw mismatch('是二进制文件');
    // Text in UTF-8/GB18030/UTF-16 with BOM; NUL bytes in the head without a UTF-16 BOM mean binary.
    const utf16 = startsWith(bytes, '\u00ff\u00fe') || startsWith(bytes, '\u00fe\u00ff');
    if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw mismatch('是二进制文件');
  }
  return ext;
}
