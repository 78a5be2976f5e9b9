// A JSON snapshot of all chunks next to chunks.db, named after the store's generation. Reading 65k chunks from
// one JSON file is ~3x faster than decoding them row by row from SQLite, and start-up reads them all. Every
// mutation of the store changes the generation, so a stale snapshot is never used; SQLite stays the source of
// truth and the fallback.
import fs from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../core/types';
import { replaceFile } from './replace-file';

const PREFIX = 'chunks-snapshot-';
const FORMAT = 1;

/** Per-file fields stored once; per-chunk fields as arrays (no repeated keys): about half the JSON of Chunk[]. */
type Row = [
  id: string,
  article: string,
  pathBelowTitle: string[] | { full: string[] },
  text: string,
  page: number | null,
  part: number,
  seq: number,
  textHash: string,
];
/** `ocr` (1) is appended only for documents read by OCR, so older snapshots decode unchanged. */
type FileEntry = [corpusDir: string, file: string, title: string, versionDate: string, rows: Row[], ocr?: 1];

function encode(chunks: Chunk[]): string {
  const files: FileEntry[] = [];
  let cur: FileEntry | undefined;
  for (const c of chunks) {
    if (!cur || cur[0] !== c.corpusDir || cur[1] !== c.file) {
      cur = [c.corpusDir, c.file, c.title, c.versionDate, []];
      if (c.ocr) cur.push(1);
      files.push(cur);
    }
    cur[4].push([
      c.id,
      c.article,
      c.headingPath[0] === c.title ? c.headingPath.slice(1) : { full: c.headingPath },
      c.text,
      c.page,
      c.part,
      c.seq,
      c.textHash,
    ]);
  }
  return JSON.stringify({ format: FORMAT, files });
}

function decode(json: string): Chunk[] | undefined {
  const data = JSON.parse(json) as { format?: number; files?: FileEntry[] };
  if (data.format !== FORMAT || !Array.isArray(data.files)) return undefined;
  const out: Chunk[] = [];
  for (const [corpusDir, file, title, versionDate, rows, ocr] of data.files) {
    for (const [id, article, below, text, page, part, seq, textHash] of rows) {
      out.push({
        id,
        file,
        corpusDir,
        title,
        article,
        headingPath: Array.isArray(below) ? [title, ...below] : below.full,
        text,
        page,
        versionDate,
        part,
        seq,
        textHash,
        ...(ocr === 1 ? { ocr: true } : {}),
      });
    }
  }
  return out;
}

export function snapshotFile(indexDir: string, generation: string): string {
  return path.join(indexDir, `${PREFIX}${generation}.json`);
}

export function readSnapshot(indexDir: string, generation: string): Chunk[] | undefined {
  const file = snapshotFile(indexDir, generation);
  if (!fs.existsSync(file)) return undefined;
  try {
    return decode(fs.readFileSync(file, 'utf8'));
  } catch {
    // A torn or foreign file: ignore it, the caller reads SQLite instead.
    return undefined;
  }
}

/** Write atomically (replaceFile) and delete snapshots of older generations. */
export function writeSnapshot(indexDir: string, generation: string, chunks: Chunk[]): void {
  const file = snapshotFile(indexDir, generation);
  replaceFile(file, encode(chunks));
  for (const name of fs.readdirSync(indexDir)) {
    if (name.startsWith(PREFIX) && path.join(indexDir, name) !== file && !name.endsWith('.tmp')) {
      fs.rmSync(path.join(indexDir, name), { force: true });
    }
  }
}
