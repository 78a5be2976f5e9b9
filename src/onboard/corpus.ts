// The passages onboarding works on: the chunks of the knowledge base (from the index's chunk store, or loaded
// straight from corpus folders by the same ingest pipeline), plus what quizzes need across the whole corpus —
// the vocabulary of responsible bodies and every value of each slot kind (the pool distractors come from).
import type { OnboardCitation } from '../core/onboard';
import type { Chunk } from '../core/types';
import { chunkDocument } from '../ingest/chunker';
import { loadDocument } from '../ingest/load-document';
import { listCorpusFiles } from '../ingest/walk';
import { canonicalValue, findSlots, learnBodies, type Slot, type SlotKind } from './slots';

export interface OnboardCorpus {
  chunks: Chunk[];
  byId(id: string): Chunk | undefined;
  /** Responsible bodies named as subjects somewhere in the corpus. */
  bodies: string[];
  /** Distinct values (verbatim) per `${kind}|${unit}`, in corpus order. */
  pool: Map<string, string[]>;
  /** Chunks whose text contains `needle` (for "passages that state the same rule"). */
  containing(needle: string): Chunk[];
}

/** A document's own preamble ("本文件为测试用虚构示例…") is not a passage to learn. */
export function isPreamble(chunk: Chunk): boolean {
  return chunk.headingPath.length <= 1 && !chunk.article;
}

/** Sentences of a passage: split after 。；！？ and at line ends, verbatim (substrings of `text`), trimmed. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/[^。；！？!?]+[。；！？!?]?/gu)) {
      const s = m[0].trim();
      if (s) out.push(s);
    }
  }
  return out;
}

/** Section path of a chunk below its title ("一、总则 > （三）各方职责"); '' for an article of a statute. */
export function sectionOf(chunk: Chunk): string {
  const path = chunk.headingPath.filter((h, i) => i > 0 && h !== chunk.title && h !== chunk.article);
  return chunk.article ? '' : path.join(' > ');
}

/** The citation of `quote` inside `chunk`. */
export function citationOf(chunk: Chunk, quote: string): OnboardCitation {
  return {
    title: chunk.title,
    article: chunk.article,
    section: sectionOf(chunk),
    file: chunk.file,
    quote,
    chunkId: chunk.id,
  };
}

/** 《title》第N条, or 《title》section path for an outline document. */
export function citationLabel(c: Pick<OnboardCitation, 'title' | 'article' | 'section'>): string {
  return `《${c.title}》${c.article || (c.section ? ` ${c.section}` : '')}`;
}

export function slotKey(slot: Pick<Slot, 'kind' | 'unit'>): string {
  return `${slot.kind}|${slot.unit}`;
}

/** Build the corpus model from chunks (any order; kept in file/seq order). */
export function createOnboardCorpus(all: readonly Chunk[]): OnboardCorpus {
  const chunks = [...all].sort((a, b) => a.file.localeCompare(b.file) || a.seq - b.seq);
  const ids = new Map(chunks.map((c) => [c.id, c]));
  const bodies = learnBodies(chunks.map((c) => c.text));
  const pool = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const chunk of chunks) {
    if (isPreamble(chunk)) continue;
    for (const slot of findSlots(chunk.text, bodies)) {
      const key = slotKey(slot);
      const canon = `${key}|${canonicalValue(slot.value)}`;
      if (seen.has(canon)) continue;
      seen.add(canon);
      const list = pool.get(key) ?? [];
      list.push(slot.value);
      pool.set(key, list);
    }
  }
  return {
    chunks,
    byId: (id) => ids.get(id),
    bodies,
    pool,
    containing: (needle) => (needle ? chunks.filter((c) => c.text.includes(needle)) : []),
  };
}

/** Load every readable file of the corpus folders through the ingest pipeline (files that fail are skipped). */
export async function loadCorpusChunks(corpusDirs: readonly string[]): Promise<{ chunks: Chunk[]; failed: string[] }> {
  const chunks: Chunk[] = [];
  const failed: string[] = [];
  for (const dir of corpusDirs) {
    for (const file of await listCorpusFiles(dir)) {
      try {
        const { doc, units } = await loadDocument(dir, file);
        chunks.push(...chunkDocument(doc, units));
      } catch {
        failed.push(file);
      }
    }
  }
  return { chunks, failed };
}

export type { SlotKind };
