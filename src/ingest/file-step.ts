// One file through the pipeline: decide whether it changed, then load, chunk and store it, or record why not.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isZhiyinError } from '../core/errors';
import type { ManifestEntry, SqliteChunkStore } from '../store/chunk-store';
import { chunkDocument } from './chunker';
import { loadDocument, readBytes, sha256Bytes } from './load-document';

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

/** Load, chunk and store one file; on failure the file's previous chunks stay and the manifest keeps the error. */
export async function processFile(
  store: SqliteChunkStore,
  corpusDir: string,
  file: string,
  previous: ManifestEntry | undefined,
  read: { bytes?: Buffer; stat?: fs.Stats },
  recordFailure: boolean,
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
    const { doc, units } = await loadDocument(corpusDir, file, bytes);
    const chunks = chunkDocument(doc, units);
    store.transaction(() => {
      store.replaceFile(corpusDir, file, chunks);
      store.setManifest({ ...base, title: doc.title, chunks: chunks.length });
    });
    return { kind: 'indexed', chunks: chunks.length };
  } catch (e) {
    const error = toError(file, e);
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
