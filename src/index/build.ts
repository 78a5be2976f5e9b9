// Placeholder created by the ingest work so runIngest compiles; the retrieval work replaces this file.
import type { Chunk } from '../core/types';

export async function buildSearchIndex(
  indexDir: string,
  chunks: Chunk[],
  options: { learnFiles?: string[]; onProgress?: (stage: string, done: number, total: number) => void },
): Promise<void> {
  void indexDir;
  void chunks;
  void options;
}
