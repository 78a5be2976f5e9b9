// Compact on-disk form of the article units: document fields once per document, chunk fields as tuples.
// Halves the JSON the engine parses at cold load compared with plain Chunk objects (55 MB → ~35 MB national).
// JSON Lines: the documents on the first line, then UNITS_PER_LINE units per line, so that a serving process can
// parse the file a line at a time and answer requests in between (live swap, src/retrieve/live.ts).
import fs from 'node:fs';
import type { Chunk } from '../core/types';
import { ZhiyinError } from '../core/errors';
import { replaceFile } from '../store/replace-file';

/** 2,000 units ≈ 1 MB of JSON per line: one line parses in well under 100 ms. */
const UNITS_PER_LINE = 2_000;

type ChunkTuple = [
  id: string,
  article: string,
  headings: string[],
  text: string,
  page: number | null,
  part: number,
  seq: number,
  textHash: string,
];
/** Shapes of the two kinds of line: the first holds `docs`, every other one a slice of `units`. */
interface StoredUnits {
  /** `ocr` only on documents read by OCR (older unit files lack it). */
  docs: { corpusDir: string; file: string; title: string; versionDate: string; ocr?: true }[];
  /** [doc index, chunks] per unit. */
  units: [number, ChunkTuple[]][];
}

export function writeUnits(file: string, units: Chunk[][]): void {
  const docIndex = new Map<string, number>();
  const docs: StoredUnits['docs'] = [];
  const out: StoredUnits['units'] = units.map((chunks) => {
    const c = chunks[0]!;
    const key = `${c.corpusDir}\u0000${c.file}`;
    let d = docIndex.get(key);
    if (d === undefined) {
      d = docs.length;
      docIndex.set(key, d);
      docs.push({
        corpusDir: c.corpusDir,
        file: c.file,
        title: c.title,
        versionDate: c.versionDate,
        ...(c.ocr ? { ocr: true as const } : {}),
      });
    }
    return [
      d,
      chunks.map(
        (x) =>
          [
            x.id,
            x.article,
            x.headingPath[0] === x.title ? x.headingPath.slice(1) : [...x.headingPath],
            x.text,
            x.page,
            x.part,
            x.seq,
            x.textHash,
          ] as ChunkTuple,
      ),
    ];
  });
  const lines = [JSON.stringify(docs)];
  for (let i = 0; i < out.length; i += UNITS_PER_LINE) lines.push(JSON.stringify(out.slice(i, i + UNITS_PER_LINE)));
  replaceFile(file, lines.join('\n') + '\n');
}

/** Read every unit (see readUnitSteps). Errors: E_INDEX_MISSING / E_INDEX_CORRUPT. */
export function readUnits(file: string): Chunk[][] {
  const steps = readUnitSteps(file);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Read the units one line at a time: yields after each line so an async caller can let requests through. */
export function* readUnitSteps(file: string): Generator<void, Chunk[][]> {
  if (!fs.existsSync(file)) throw new ZhiyinError('E_INDEX_MISSING', `Index file missing: ${file}`);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  yield;
  const units: Chunk[][] = [];
  let docs: StoredUnits['docs'];
  try {
    docs = JSON.parse(lines[0] ?? '') as StoredUnits['docs'];
  } catch (cause) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Index file unreadable: ${file}`, { cause });
  }
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l]) continue;
    let batch: StoredUnits['units'];
    try {
      batch = JSON.parse(lines[l]!) as StoredUnits['units'];
    } catch (cause) {
      throw new ZhiyinError('E_INDEX_CORRUPT', `Index file unreadable: ${file} (line ${l + 1})`, { cause });
    }
    for (const [d, tuples] of batch) {
      const doc = docs[d]!;
      units.push(
        tuples.map(([id, article, headings, text, page, part, seq, textHash]) => ({
          id,
          file: doc.file,
          corpusDir: doc.corpusDir,
          title: doc.title,
          article,
          headingPath: [doc.title, ...headings],
          text,
          page,
          versionDate: doc.versionDate,
          part,
          seq,
          textHash,
          ...(doc.ocr ? { ocr: true } : {}),
        })),
      );
    }
    yield;
  }
  return units;
}
