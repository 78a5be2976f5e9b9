// 查看原文 needs the whole article a cited chunk belongs to. The retrieval engine knows both (chunkById,
// articleChunks); this adapter is typed structurally so the bot does not depend on the retrieval module.
import type { Chunk } from '../core/types';

export interface ChunkSource {
  chunkById(id: string): Chunk | undefined;
  articleChunks?(file: string, article: string, corpusDir?: string): Chunk[];
}

export function articleLookup(source: ChunkSource): {
  lookupChunk: (chunkId: string) => Chunk | undefined;
  lookupArticle: (chunkId: string) => Chunk[];
} {
  const lookupChunk = (id: string) => source.chunkById(id);
  const lookupArticle = (id: string): Chunk[] => {
    const chunk = source.chunkById(id);
    if (!chunk) return [];
    if (!chunk.article || !source.articleChunks) return [chunk];
    const parts = source.articleChunks(chunk.file, chunk.article, chunk.corpusDir);
    return parts.length > 0 ? [...parts].sort((a, b) => a.part - b.part) : [chunk];
  };
  return { lookupChunk, lookupArticle };
}
