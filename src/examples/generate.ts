// Generate the example questions of an index: candidates from the documents' titles and headings, each run
// through the real answerer; only questions it answers (not refuses) are kept.
import type { Answerer } from '../core/interfaces';
import type { Chunk } from '../core/types';
import { corpusCandidates } from './candidates';

/** Examples shown (welcome chips, /help). Four fit on one row of chips. */
export const EXAMPLE_COUNT = 4;
/** Candidates tried at most: bounds the ingest-time cost on a large corpus (each is one answer, ~10–100 ms). */
export const MAX_CANDIDATES = 40;

/**
 * Up to `count` candidate questions the answerer answers, in candidate order. A candidate that throws or is
 * refused is skipped.
 */
export async function answerableExamples(
  chunks: Chunk[],
  answerer: Answerer,
  count: number = EXAMPLE_COUNT,
): Promise<string[]> {
  const out: string[] = [];
  for (const q of corpusCandidates(chunks, MAX_CANDIDATES)) {
    if (out.length >= count) break;
    try {
      const a = await answerer.answer(q);
      if (!a.refused && a.citations.length > 0) out.push(q);
    } catch {
      // A candidate the answerer cannot handle is simply not an example.
    }
  }
  return out;
}
