// Stores an uploaded document in the corpus and re-indexes only that file. A failed upload leaves the corpus as
// it was (the new file is removed, a replaced file restored); the ingest contract keeps the index untouched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isZhiyinError } from '../core/errors';
import type { FileError, UploadResult } from './deps';
import { ingestErrorMessage, userMessageFor } from './messages';
import { sanitizeFileName } from './upload-check';

/** The part of IngestSummary (src/ingest/run.ts) the uploader reads. */
export interface IngestOneResult {
  documents: number;
  chunks: number;
  /** `userMessage` (Chinese, for staff) is shown in preference to the operator `message`. */
  errors: (FileError & { userMessage?: string })[];
}

export interface UploaderOptions {
  corpusDir: string;
  /** Re-index one corpus-relative file (ingestOneFile in production). */
  ingestOne: (file: string) => Promise<IngestOneResult>;
  /**
   * Called after a successful upload, while a replaced file's previous bytes still exist at `previousPath`
   * (provenance and kept versions: src/access/provenance.ts).
   */
  onStored?: (file: string, uploader: Uploader | undefined, previousPath?: string) => void;
}

/** Who uploads (from the web token). */
export interface Uploader {
  userId: string;
  admin: boolean;
}

export function createUploader(
  opts: UploaderOptions,
): (fileName: string, bytes: Buffer, who?: Uploader) => Promise<UploadResult> {
  const corpusDir = path.resolve(opts.corpusDir);
  // Uploads run one at a time: two concurrent re-indexes of the same index would race.
  let queue: Promise<unknown> = Promise.resolve();
  return (fileName, bytes, who) => {
    const run = queue.then(() =>
      storeAndIngest(corpusDir, opts.ingestOne, fileName, bytes, (file, previous) =>
        opts.onStored?.(file, who, previous),
      ),
    );
    queue = run.catch(() => undefined);
    return run;
  };
}

async function storeAndIngest(
  corpusDir: string,
  ingestOne: UploaderOptions['ingestOne'],
  rawName: string,
  bytes: Buffer,
  onStored?: (file: string, previousPath?: string) => void,
): Promise<UploadResult> {
  const name = sanitizeFileName(rawName);
  const target = path.join(corpusDir, name);
  // Belt and braces: the sanitised name is one segment, but never write outside the corpus.
  if (path.dirname(target) !== corpusDir) throw new Error(`upload path escapes corpus: ${target}`);
  fs.mkdirSync(corpusDir, { recursive: true });
  const rand = crypto.randomBytes(6).toString('hex');
  const part = path.join(corpusDir, `.zhiyin-upload-${rand}.part`);
  const backup = path.join(corpusDir, `.zhiyin-backup-${rand}.part`);
  fs.writeFileSync(part, bytes, { flag: 'wx' });
  const replaced = fs.existsSync(target);
  if (replaced) fs.renameSync(target, backup);
  fs.renameSync(part, target);

  let errors: FileError[];
  let summary: IngestOneResult | undefined;
  try {
    summary = await ingestOne(name);
    const all = summary.errors.map((e) => ({ file: e.file, code: e.code, message: e.userMessage ?? e.message }));
    errors = all.filter((e) => e.file === name || path.basename(e.file) === name);
    if (all.length > 0 && errors.length === 0) errors = all;
  } catch (e) {
    const code = isZhiyinError(e) ? e.code : 'E_INTERNAL';
    const message = isZhiyinError(e) && e.userMessage ? e.userMessage : userMessageFor(code);
    console.error(JSON.stringify({ level: 'error', msg: 'upload ingest failed', file: name, err: String(e) }));
    errors = [{ file: name, code, message }];
  }

  if (errors.length > 0) {
    fs.rmSync(target, { force: true });
    if (replaced) fs.renameSync(backup, target);
    return { ok: false, file: name, errors: errors.map(withChineseMessage) };
  }
  onStored?.(name, replaced ? backup : undefined);
  if (replaced) fs.rmSync(backup, { force: true });
  return { ok: true, file: name, documents: summary?.documents, chunks: summary?.chunks, errors: [] };
}

/** Ingest errors may carry English operator text; the console shows staff a Chinese one. */
function withChineseMessage(e: FileError): FileError {
  return { ...e, message: ingestErrorMessage(e.code, e.message) };
}
