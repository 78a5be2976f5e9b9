// What the answerer needs from retrieval. A plain Retriever is enough; the richer SearchEngine of src/retrieve
// adds chunk access, used (when present) to show a split article whole.
import type { Chunk } from '../core/types';
import type { Retriever } from '../core/interfaces';

export interface AnswerSource extends Retriever {
  /** All chunks (parts) of one article, in order. */
  articleChunks?(file: string, article: string, corpusDir?: string): Chunk[];
  chunkById?(id: string): Chunk | undefined;
  /** How distinctive the question's words are for each document, by file, in [0, 1] (src/retrieve/affinity.ts). */
  documentAffinity?(question: string): Map<string, number>;
}

/** The whole article a hit belongs to: all parts joined when the engine can list them. */
export function articleOf(source: AnswerSource, chunk: Chunk): Chunk[] {
  if (!chunk.article || !source.articleChunks) return [chunk];
  try {
    const parts = source.articleChunks(chunk.file, chunk.article, chunk.corpusDir);
    return parts.length > 0 ? [...parts].sort((a, b) => a.part - b.part) : [chunk];
  } catch {
    // A missing article index must not cost the user the answer: fall back to the hit's own text.
    return [chunk];
  }
}
