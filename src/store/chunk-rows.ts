// Row shapes of chunks.db and their conversion to the shared types.
import type { Chunk } from '../core/types';

export interface ChunkRow {
  id: string;
  corpus_dir: string;
  file: string;
  seq: number;
  part: number;
  title: string;
  article: string;
  heading_path: string;
  text: string;
  page: number | null;
  version_date: string;
  text_hash: string;
  /** 1 when the text was read by OCR; NULL otherwise (column added later, hence nullable). */
  ocr?: number | null;
}

export function rowToChunk(r: ChunkRow): Chunk {
  return {
    id: r.id,
    file: r.file,
    corpusDir: r.corpus_dir,
    title: r.title,
    article: r.article,
    headingPath: JSON.parse(r.heading_path) as string[],
    text: r.text,
    page: r.page,
    versionDate: r.version_date,
    part: r.part,
    seq: r.seq,
    textHash: r.text_hash,
    ...(r.ocr ? { ocr: true } : {}),
  };
}

/** Column order of RawChunkRow. */
export const CHUNK_COLUMNS =
  'id, corpus_dir, file, seq, part, title, article, heading_path, text, page, version_date, text_hash, ocr';
export type RawChunkRow = [
  string,
  string,
  string,
  number,
  number,
  string,
  string,
  string,
  string,
  number | null,
  string,
  string,
  number | null,
];

export function rawToChunk(r: RawChunkRow): Chunk {
  const [id, corpusDir, file, seq, part, title, article, headingPath, text, page, versionDate, textHash, ocr] = r;
  return {
    id,
    file,
    corpusDir,
    title,
    article,
    headingPath: JSON.parse(headingPath) as string[],
    text,
    page,
    versionDate,
    part,
    seq,
    textHash,
    ...(ocr ? { ocr: true } : {}),
  };
}

/** One file of the manifest. A failed file keeps the hash that failed and its previously indexed chunks. */
export interface ManifestEntry {
  corpusDir: string;
  file: string;
  /** sha256 of the file bytes as last processed (successfully or not). */
  hash: string;
  size: number;
  mtimeMs: number;
  title: string;
  /** Chunks currently indexed for the file. */
  chunks: number;
  error?: { code: string; message: string; userMessage?: string };
}

export interface ManifestRow {
  corpus_dir: string;
  file: string;
  hash: string;
  size: number;
  mtime_ms: number;
  title: string;
  chunks: number;
  error_code: string | null;
  error_message: string | null;
  error_user_message: string | null;
}

export function rowToManifest(r: ManifestRow): ManifestEntry {
  return {
    corpusDir: r.corpus_dir,
    file: r.file,
    hash: r.hash,
    size: r.size,
    mtimeMs: r.mtime_ms,
    title: r.title,
    chunks: r.chunks,
    error: r.error_code
      ? { code: r.error_code, message: r.error_message ?? '', userMessage: r.error_user_message ?? undefined }
      : undefined,
  };
}
