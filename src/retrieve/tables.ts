// Lookup tables the engine derives from a loaded index: documents, unit→document, ids, articles, versions
// of the same law, and the priors counted from learned questions.
import type { Chunk } from '../core/types';
import { normaliseTitle } from './aliases';
import type { LoadedIndex } from './load';

export interface DocumentEntry {
  title: string;
  file: string;
  corpusDir: string;
  chunks: number;
  versionDate: string;
  units: number[];
}

export class CorpusTables {
  readonly docs: DocumentEntry[] = [];
  readonly unitDoc: Int32Array;
  readonly byId = new Map<string, Chunk>();
  /** `${doc}|${article}` → unit. */
  readonly byArticle = new Map<string, number>();
  /** 1 for a document that has a newer version of the same law in the corpus. */
  readonly olderVersion: Uint8Array;
  /** For a unit in an older version: the same article's unit in the newest version, else -1. */
  readonly twin: Int32Array;
  /** Times each unit / document was confirmed by a learned question. */
  readonly unitPrior: Float32Array;
  readonly docPrior: Float32Array;
  readonly maxDocPrior: number;

  constructor(idx: LoadedIndex) {
    const docKey = new Map<string, number>();
    this.unitDoc = new Int32Array(idx.units.length);
    idx.units.forEach((chunks, u) => {
      const c = chunks[0]!;
      const key = `${c.corpusDir}\u0000${c.file}`;
      let d = docKey.get(key);
      if (d === undefined) {
        d = this.docs.length;
        docKey.set(key, d);
        this.docs.push({
          title: c.title,
          file: c.file,
          corpusDir: c.corpusDir,
          chunks: 0,
          versionDate: c.versionDate,
          units: [],
        });
      }
      const doc = this.docs[d]!;
      doc.chunks += chunks.length;
      doc.units.push(u);
      this.unitDoc[u] = d;
      for (const ch of chunks) this.byId.set(ch.id, ch);
      if (c.article) this.byArticle.set(`${d}|${c.article}`, u);
    });
    const newest = new Map<string, number>();
    this.docs.forEach((d, i) => {
      const t = normaliseTitle(d.title);
      const cur = newest.get(t);
      if (cur === undefined || d.versionDate > this.docs[cur]!.versionDate) newest.set(t, i);
    });
    const newestOf = Int32Array.from(this.docs, (d) => newest.get(normaliseTitle(d.title))!);
    // Older only when both are dated and the other is newer: the books of 民法典 share a title and no date, and
    // an undated file may be either — neither is demoted.
    this.olderVersion = Uint8Array.from(newestOf, (n, i) => {
      const mine = this.docs[i]!.versionDate;
      return n !== i && mine !== '' && this.docs[n]!.versionDate > mine ? 1 : 0;
    });
    this.twin = new Int32Array(idx.units.length).fill(-1);
    idx.units.forEach((chunks, u) => {
      const d = this.unitDoc[u]!;
      const article = chunks[0]!.article;
      if (this.olderVersion[d] && article) this.twin[u] = this.byArticle.get(`${newestOf[d]}|${article}`) ?? -1;
    });
    this.unitPrior = new Float32Array(idx.units.length);
    this.docPrior = new Float32Array(this.docs.length);
    for (const q of idx.learned) {
      for (const u of q.units) {
        if (u >= idx.units.length) continue;
        this.unitPrior[u]! += 1;
        this.docPrior[this.unitDoc[u]!]! += 1;
      }
    }
    this.maxDocPrior = this.docPrior.reduce((a, b) => Math.max(a, b), 0);
  }

  docOf(file: string, corpusDir?: string): number {
    return this.docs.findIndex((x) => x.file === file && (!corpusDir || x.corpusDir === corpusDir));
  }
}
