// One file through the pipeline: decide whether it changed, then load, chunk and store it, or record why not.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isZhiyinError } from '../core/errors';
import type { ManifestEntry, SqliteChunkStore } from '../store/chunk-store';
import { chunkDocument } from './chunker';
import { loadUntrusted, readBytes, sha256Bytes } from './load-document';
import { parseProgress } from './ocr-progress';
import { quarantineFile } from './quarantine';

export interface IngestError {
  file: string;
  code: string;
  message: string;
  /** Chinese text for staff (web console). */
  userMessage?: string;
}

export function toError(file: string, e: unknown): IngestError {
  if (isZhiyinError(e)) return { file, code: e.code, message: e.message, userMessage: e.userMessage };
  return { file, code: 'E_CORRUPT_FILE', message: `${file}: ${(e as Error).message ?? String(e)}` };
}

export type Outcome = { kind: 'indexed'; chunks: number } | { kind: 'failed'; error: IngestError };

/** Codes meaning the file killed or stalled the parse worker: it is moved out of the corpus. */
const QUARANTINE_CODES = new Set(['E_PARSE_CRASHED', 'E_PARSE_TIMEOUT']);

export interface ProcessOptions {
  /** Where files that crash the parser go (default: data/quarantine beside the corpus, see quarantine.ts). */
  quarantineDir?: string;
  /** Parse progress of long files (OCR pages). */
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Load, chunk and store one file; on failure the file's previous chunks stay and the manifest keeps the error. */
export async function processFile(
  store: SqliteChunkStore,
  corpusDir: string,
  file: string,
  previous: ManifestEntry | undefined,
  read: { bytes?: Buffer; stat?: fs.Stats },
  recordFailure: boolean,
  opts: ProcessOptions = {},
): Promise<Outcome> {
  const { bytes, stat } = read;
  const base = {
    corpusDir,
    file,
    hash: bytes ? sha256Bytes(bytes) : '',
    size: stat?.size ?? 0,
    mtimeMs: stat?.mtimeMs ?? 0,
  };
  try {
    const onProgress = opts.onProgress ?? parseProgress(file);
    const { doc, units } = await loadUntrusted(corpusDir, file, bytes, { onProgress });
    const chunks = chunkDocument(doc, units).map((c) => (doc.ocr ? { ...c, ocr: true } : c));
    store.transaction(() => {
      store.replaceFile(corpusDir, file, chunks);
      store.setManifest({ ...base, title: doc.title, chunks: chunks.length });
    });
    return { kind: 'indexed', chunks: chunks.length };
  } catch (e) {
    const error = toError(file, e);
    if (QUARANTINE_CODES.has(error.code)) {
      // The file is gone from the corpus: no manifest entry, so the next ingest does not list it as failed again.
      quarantineFile(corpusDir, file, error, opts.quarantineDir);
      return { kind: 'failed', error };
    }
    if (recordFailure) {
      store.setManifest({
        ...base,
        title: previous?.title ?? '',
        chunks: previous?.chunks ?? 0,
        error: { code: error.code, message: error.message, userMessage: error.userMessage },
      });
    }
    return { kind: 'failed', error };
  }
}

export async function statAndRead(
  corpusDir: string,
  file: string,
  previous: ManifestEntry | undefined,
  force: boolean,
): Promise<{ stat?: fs.Stats; bytes?: Buffer; unchanged: boolean }> {
  const abs = path.join(corpusDir, file);
  const stat = await fsp.stat(abs).catch(() => undefined);
  if (!stat) return { unchanged: false };
  // Same size and mtime as last time: trust it without reading (the common case of a no-op re-ingest).
  if (!force && previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs && previous.hash) {
    return { stat, unchanged: true };
  }
  const bytes = await readBytes(abs, file).catch(() => undefined);
  const unchanged = !force && !!bytes && previous?.hash === sha256Bytes(bytes);
  return { stat, bytes, unchanged };
}
