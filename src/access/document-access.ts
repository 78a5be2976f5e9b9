// Access records of every indexed document, aligned with the retrieval engine's document table, and the
// per-viewer visibility mask the engine applies before ranking.
import type { Viewer } from '../core/access';
import { AccessResolver, type AccessRecord } from './metadata';
import { canSee, viewerKey } from './policy';

export interface DocumentRef {
  file: string;
  corpusDir: string;
}

/** Masks kept per distinct viewer (a bot serves a few hundred people; each mask is one byte per document). */
const MASK_CACHE = 256;

/**
 * `records[d]` is the access record of document `d` of the list it was built from. `visibleDocs(viewer)`
 * returns a 0/1 mask over the same documents, cached per viewer.
 */
export class DocumentAccess {
  private readonly cache = new Map<string, Uint8Array>();
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly docs: readonly DocumentRef[],
    readonly records: readonly AccessRecord[],
  ) {
    docs.forEach((d, i) => this.byKey.set(`${d.corpusDir}\0${d.file}`, i));
  }

  /** Resolve the records of `docs` from their corpus directories (see AccessResolver). */
  static resolve(docs: readonly DocumentRef[], resolver: AccessResolver): DocumentAccess {
    return new DocumentAccess(
      docs,
      docs.map((d) => resolver.resolve(d.corpusDir, d.file)),
    );
  }

  /** 1 for each document the viewer may see, 0 otherwise. */
  visibleDocs(viewer: Viewer | undefined): Uint8Array {
    const key = viewerKey(viewer);
    let mask = this.cache.get(key);
    if (!mask) {
      mask = Uint8Array.from(this.records, (r) => (canSee(r, viewer) ? 1 : 0));
      if (this.cache.size >= MASK_CACHE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, mask);
    }
    return mask;
  }

  /** The record of one document; undefined when it is not indexed. */
  recordOf(file: string, corpusDir?: string): AccessRecord | undefined {
    if (corpusDir !== undefined) {
      const i = this.byKey.get(`${corpusDir}\0${file}`);
      return i === undefined ? undefined : this.records[i];
    }
    const i = this.docs.findIndex((d) => d.file === file);
    return i < 0 ? undefined : this.records[i];
  }

  /** Whether the viewer may see the document; documents not in the index are not visible. */
  visible(viewer: Viewer | undefined, file: string, corpusDir?: string): boolean {
    const rec = this.recordOf(file, corpusDir);
    return rec !== undefined && canSee(rec, viewer);
  }

  /** Documents hidden because their metadata could not be read, with the reason (for the console). */
  hiddenDocuments(): { file: string; corpusDir: string; reason: string }[] {
    return this.docs.flatMap((d, i) => {
      const h = this.records[i]?.hidden;
      return h ? [{ file: d.file, corpusDir: d.corpusDir, reason: h.reason }] : [];
    });
  }
}

const unitMasks = new WeakMap<Uint8Array, Uint8Array>();

/** A per-document mask spread over units (`unitDoc[u]` = document of unit u), cached per document mask. */
export function unitMask(docMask: Uint8Array, unitDoc: Int32Array): Uint8Array {
  let m = unitMasks.get(docMask);
  if (!m) {
    m = Uint8Array.from(unitDoc, (d) => docMask[d] ?? 0);
    unitMasks.set(docMask, m);
  }
  return m;
}

/**
 * Zero the scores of units outside `allowed` (in place). Returns how many distinct documents had a positive
 * score removed (accumulated in `removed` across calls): the "filtered out by access rules" count of the audit
 * trail.
 */
export function maskUnits(
  score: Float32Array,
  allowed: Uint8Array,
  unitDoc: Int32Array,
  removed = new Set<number>(),
): number {
  for (let u = 0; u < score.length; u++) {
    if (allowed[u]) continue;
    if (score[u]! > 0) removed.add(unitDoc[u]!);
    score[u] = 0;
  }
  return removed.size;
}
