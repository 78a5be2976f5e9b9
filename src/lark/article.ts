// 查看原文 needs the whole article a cited chunk belongs to. The retrieval engine knows both (chunkById,
// articleChunks); this adapter is typed structurally so the bot does not depend on the retrieval module.
import type { Chunk } from '../core/types';
import type { Viewer } from '../core/access';
import type { AccessView } from '../access/engine-access';

export interface ChunkSource {
  chunkById(id: string): Chunk | undefined;
  articleChunks?(file: string, article: string, corpusDir?: string): Chunk[];
  access?: AccessView;
}

export function articleLookup(source: ChunkSource): {
  lookupChunk: (chunkId: string) => Chunk | undefined;
  lookupArticle: (chunkId: string) => Chunk[];
  mayOpen: (chunkId: string, viewer: Viewer) => boolean;
} {
  const lookupChunk = (id: string) => source.chunkById(id);
  const lookupArticle = (id: string): Chunk[] => {
    const chunk = source.chunkById(id);
    if (!chunk) return [];
    if (!chunk.article || !source.articleChunks) return [chunk];
    const parts = source.articleChunks(chunk.file, chunk.article, chunk.corpusDir);
    return parts.length > 0 ? [...parts].sort((a, b) => a.part - b.part) : [chunk];
  };
  const mayOpen = (id: string, viewer: Viewer) =>
    !source.access || source.access.chunkFor(viewer, source.chunkById(id)) !== undefined;
  return { lookupChunk, lookupArticle, mayOpen };
}
