// Units → chunks under a hard length cap. A long article is split at 款/项 boundaries (then sentences) and
// every continuation repeats the article number plus the lead-in clause of its items, so each chunk stands
// alone; the heading path is stored separately.
import { createHash } from 'node:crypto';
import type { Chunk, SourceDocument } from '../core/types';
import { outlineLevel } from './para';
import type { Unit } from './structure';

/**
 * Hard cap on chunk text length, in characters. 1,200 keeps 99.97% of the articles of the national corpus
 * whole (see docs/ingest.md) while staying far below embedding-model input limits (~512 tokens ≈ 700–1,000
 * Chinese characters for small models is the soft target; the cap bounds the worst case).
 */
export const MAX_CHUNK_CHARS = 1200;
/** Lead-in clauses longer than this are not repeated in continuation chunks. */
const MAX_LEAD_IN = 150;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Split one over-long paragraph at sentence ends, then hard-cut what is still too long. */
function splitParagraph(text: string, budget: number): string[] {
  const sentences = text.match(/[^。；！？]+[。；！？]?/g) ?? [text];
  const out: string[] = [];
  let buf = '';
  for (const s of sentences) {
    if (buf && buf.length + s.length > budget) {
      out.push(buf);
      buf = '';
    }
    buf += s;
    while (buf.length > budget) {
      out.push(buf.slice(0, budget));
      buf = buf.slice(budget);
    }
  }
  if (buf) out.push(buf);
  return out;
}

interface Part {
  text: string;
  page?: number;
}

/** Greedy packing of paragraphs into parts of at most `cap` characters including the continuation prefix. */
export function splitUnit(unit: Unit, cap: number = MAX_CHUNK_CHARS): Part[] {
  const whole = unit.paras.map((p) => p.text).join('\n');
  if (whole.length <= cap) return [{ text: whole, page: unit.paras[0]?.page }];
  const parts: Part[] = [];
  let buf: string[] = [];
  let bufPage: number | undefined;
  let leadIn = '';
  const prefixFor = (first: string): string => {
    const head = `${unit.label}（续）`;
    // Items (项) of a list keep the clause that introduces them ("下列建设工程必须实行监理：").
    return outlineLevel(first) > 0 && leadIn ? `${head}${leadIn}\n` : `${head}\n`;
  };
  const flush = () => {
    if (buf.length === 0) return;
    parts.push({ text: buf.join('\n'), page: bufPage });
    buf = [];
    bufPage = undefined;
  };
  const used = () => buf.reduce((n, t) => n + t.length + 1, 0);
  for (const p of unit.paras) {
    const pieces = splitParagraph(p.text, cap - unit.label.length - MAX_LEAD_IN - 8);
    for (const piece of pieces) {
      if (buf.length > 0 && used() + piece.length > cap) flush();
      if (buf.length === 0) {
        bufPage = p.page;
        if (parts.length > 0) buf.push(prefixFor(piece).replace(/\n$/, ''));
      }
      buf.push(piece);
    }
    if (outlineLevel(p.text) === 0 && p.text.length <= MAX_LEAD_IN && /[：:]$/.test(p.text)) {
      leadIn = p.text.replace(/^第[^\s\u3000]+条[\s\u3000]*/, '');
    }
  }
  flush();
  return parts;
}

export function chunkDocument(doc: SourceDocument, units: Unit[], cap: number = MAX_CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const parts = splitUnit(unit, cap);
    parts.forEach((part, i) => {
      const headingPath = [doc.title, ...unit.path, ...(unit.article ? [unit.article] : [])];
      const textHash = sha256(part.text);
      const key = unit.article || unit.path.join('›');
      let id = sha256(`${doc.file}\n${key}\n${i}\n${textHash}`).slice(0, 20);
      // The same article text twice in one file (rare, e.g. amendment documents) must not collide.
      for (let n = 2; seen.has(id); n++) id = sha256(`${doc.file}\n${key}\n${i}\n${textHash}\n${n}`).slice(0, 20);
      seen.add(id);
      chunks.push({
        id,
        file: doc.file,
        corpusDir: doc.corpusDir,
        title: doc.title,
        article: unit.article,
        headingPath,
        text: part.text,
        page: part.page ?? null,
        versionDate: doc.versionDate ?? '',
        part: i,
        seq: chunks.length,
        textHash,
      });
    });
  }
  return chunks;
}
