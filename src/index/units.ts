// Retrieval unit = one article (all parts of a split article merged) or one non-article chunk. Hits are per
// unit so a long article split in three does not take three of the top-k slots.
import type { Chunk } from '../core/types';

export interface Unit {
  /** Chunks of the unit in reading order (several only for a split article). */
  chunks: Chunk[];
}

export function unitKey(c: Pick<Chunk, 'corpusDir' | 'file' | 'article' | 'id'>): string {
  return c.article ? `${c.corpusDir}\u0000${c.file}\u0000${c.article}` : `id\u0000${c.id}`;
}

export function groupUnits(chunks: Chunk[]): Unit[] {
  const groups = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const key = unitKey(c);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const units = [...groups.values()].map((g) => ({ chunks: g.sort((a, b) => a.part - b.part || a.seq - b.seq) }));
  // Stable order: by corpus, file, position — so persisted unit ids survive a rebuild of unchanged data.
  units.sort((a, b) => {
    const x = a.chunks[0]!;
    const y = b.chunks[0]!;
    return x.corpusDir.localeCompare(y.corpusDir) || x.file.localeCompare(y.file) || x.seq - y.seq;
  });
  return units;
}

export function unitText(u: Unit): string {
  return u.chunks.map((c) => c.text).join('\n');
}

/** The chunk a hit shows: the first part, with the whole article's text so answers can quote any part. */
export function unitChunk(u: Unit): Chunk {
  const first = u.chunks[0]!;
  return u.chunks.length === 1 ? first : { ...first, text: unitText(u) };
}
