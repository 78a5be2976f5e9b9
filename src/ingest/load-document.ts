// One file → SourceDocument + its structural units. Dispatches on the extension; every failure is a
// ZhiyinError with an ingest code and a Chinese message for the web console.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ZhiyinError, isZhiyinError } from '../core/errors';
import type { DocFormat, SourceDocument } from '../core/types';
import { decodeText } from './decode';
import { extractHeader } from './header';
import { LIMITS } from './limits';
import { parseMarkdown } from './loaders/markdown';
import { parseText } from './loaders/text';
import { parseWebPage } from './loaders/web-page';
import type { LoadedText } from './para';
import { parseStructure, type Unit } from './structure';

/** Files above this size are refused: the bureau's documents are far smaller, and a huge file blocks ingest. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const FORMATS: Record<string, DocFormat> = {
  '.md': 'md',
  '.markdown': 'md',
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

export function formatOf(file: string): DocFormat | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

export interface LoadedDocument {
  doc: SourceDocument;
  units: Unit[];
}

export interface LoadOptions {
  /** Progress of long parses (OCR pages): `done` of `total` steps of `stage` ("ocr"). */
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Formats whose parsers inflate or interpret untrusted structure (zip, PDF object graphs): parsed in a worker. */
const ISOLATED: ReadonlySet<DocFormat> = new Set<DocFormat>(['pdf', 'docx']);

export async function readBytes(abs: string, file: string): Promise<Buffer> {
  try {
    return await fs.readFile(abs);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ZhiyinError('E_UNREADABLE', `${file}: cannot read file (${code})`, {
      cause,
      retryable: code === 'EBUSY' || code === 'EAGAIN',
      userMessage: `文件《${file}》无法读取（权限不足、文件被占用或链接失效），请检查后重试。`,
    });
  }
}

async function extract(format: DocFormat, data: Buffer, file: string, opts: LoadOptions): Promise<LoadedText> {
  switch (format) {
    // pdf.js and mammoth are large: load them only when the corpus has such files.
    case 'pdf':
      return (await import('./loaders/pdf')).loadPdf(data, file, opts.onProgress);
    case 'docx':
      return (await import('./loaders/docx')).loadDocx(data, file);
    case 'md':
      return parseMarkdown(decodeText(data, file).text);
    case 'html':
      return parseWebPage(decodeText(data, file).text);
    case 'txt':
      return parseText(decodeText(data, file).text);
  }
}

/**
 * Load one file the way ingest does: container formats (PDF, DOCX) in the parse worker with memory and time limits
 * (parse-isolated.ts), the others in process. Errors as loadDocument, plus E_PARSE_CRASHED / E_PARSE_TIMEOUT when
 * the file killed or stalled the worker (the caller quarantines it).
 */
export async function loadUntrusted(
  corpusDir: string,
  file: string,
  bytes?: Buffer,
  opts: LoadOptions = {},
): Promise<LoadedDocument> {
  const format = formatOf(file);
  if (!format || !ISOLATED.has(format)) return loadDocument(corpusDir, file, bytes, opts);
  const data = bytes ?? (await readBytes(path.join(corpusDir, file), file));
  checkSize(file, data.length);
  const { parseIsolated } = await import('./parse-isolated');
  return parseIsolated(corpusDir, file, data, opts.onProgress);
}

function checkSize(file: string, size: number): void {
  if (size > MAX_FILE_BYTES) {
    throw new ZhiyinError('E_TOO_LARGE', `${file}: ${size} bytes exceeds the ${MAX_FILE_BYTES}-byte limit`, {
      userMessage: `文件《${file}》超过 50 MB 上限，请拆分后再上传。`,
    });
  }
}

/** Load, normalise and parse one file in this thread. `file` is relative to `corpusDir`, with forward slashes. */
export async function loadDocument(
  corpusDir: string,
  file: string,
  bytes?: Buffer,
  opts: LoadOptions = {},
): Promise<LoadedDocument> {
  const format = formatOf(file);
  if (!format) {
    throw new ZhiyinError('E_UNSUPPORTED_FORMAT', `${file}: unsupported file type "${path.extname(file)}"`, {
      userMessage: `不支持文件《${file}》的格式。支持的格式：.md、.txt、.html、.pdf、.docx。`,
    });
  }
  const abs = path.join(corpusDir, file);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (stat) checkSize(file, stat.size);
  const data = bytes ?? (await readBytes(abs, file));
  checkSize(file, data.length);
  const empty = () =>
    new ZhiyinError('E_EMPTY_FILE', `${file}: file contains no text`, {
      userMessage: `文件《${file}》是空文件，没有可以收录的内容。`,
    });
  if (data.length === 0) throw empty();
  let loaded: LoadedText;
  try {
    loaded = await extract(format, data, file, opts);
  } catch (e) {
    if (isZhiyinError(e)) throw e;
    // The library's own message stays out of user-facing and operator text alike; its class name is enough.
    throw new ZhiyinError('E_CORRUPT_FILE', `${file}: cannot parse (${(e as Error)?.name ?? 'error'})`, {
      cause: e,
      userMessage: `文件《${file}》内容无法解析，可能已损坏。`,
    });
  }
  if (!loaded.paras.some((p) => p.text.trim().length > 0)) throw empty();
  const chars = loaded.paras.reduce((n, p) => n + p.text.length, 0);
  if (chars > LIMITS.maxChars) {
    throw new ZhiyinError('E_TOO_LARGE', `${file}: ${chars} characters of text exceed the ${LIMITS.maxChars} limit`, {
      userMessage: `文件《${file}》文字过多（超过 ${LIMITS.maxChars} 字），请拆分后再上传。`,
    });
  }
  const fallback = path.basename(file, path.extname(file)).replace(/\(\d{4}-\d{2}-\d{2}\)$/, '');
  const header = extractHeader(loaded.paras, loaded.bodyStart, fallback);
  const title = header.title === fallback && loaded.metaTitle ? loaded.metaTitle : header.title;
  const doc: SourceDocument = {
    file,
    corpusDir,
    title: title.replace(/^《(.*)》$/, '$1'),
    format,
    hash: sha256Bytes(data),
    history: header.history,
    // Without history lines, a date in the file name (LawRefBook: "建设工程抗震管理条例(2021-07-19).md") is the best guess.
    versionDate: header.versionDate ?? /\((\d{4}-\d{2}-\d{2})\)/.exec(file)?.[1],
    blocks: header.body.map((p) => ({ text: p.text, page: p.page, headingLevel: p.heading })),
    ...(loaded.ocr ? { ocr: true } : {}),
  };
  const units = parseStructure(header.body, header.parts);
  if (units.length === 0) throw empty();
  return { doc, units };
}

export function sha256Bytes(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
