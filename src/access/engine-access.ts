// Connects the access records to a retrieval engine: resolves them for the engine's documents when the engine
// opens (so an edited access.yaml applies at the next start or index reload without re-ingesting), and gives
// the paths that show documents directly (/sources, 查看原文, console) the same rule retrieval applies.
import type { Config } from '../config';
import type { Viewer } from '../core/access';
import type { Chunk } from '../core/types';
import { DocumentAccess, type DocumentRef } from './document-access';
import { AccessResolver, type AccessRecord } from './metadata';
import { canSee } from './policy';

/** What the rest of the product asks of the access filter. */
export interface AccessView {
  /** May `viewer` (absent = anonymous outsider) see this document? Unknown documents: no. */
  visible(viewer: Viewer | undefined, file: string, corpusDir?: string): boolean;
  /** The chunk when its document is visible to `viewer`, else undefined (查看原文 and chunk lookups). */
  chunkFor(viewer: Viewer | undefined, chunk: Chunk | undefined): Chunk | undefined;
  record(file: string, corpusDir?: string): AccessRecord | undefined;
  /** Documents hidden because their metadata could not be read (fail closed), with the reason. */
  hidden(): { file: string; corpusDir: string; reason: string }[];
}

interface EngineWithAccess {
  readonly docs: readonly DocumentRef[];
  access?: DocumentAccess;
}

/**
 * With `config`: resolve and attach the access records of the engine's documents (default visibility from
 * ZHIYIN_DEFAULT_VISIBILITY). Returns the view over whatever is attached; an engine without records (built in
 * tests without access) treats every document as public, the behaviour before access control existed.
 */
export function attachAccess(engine: EngineWithAccess, config?: Pick<Config, 'defaultVisibility'>): AccessView {
  if (config) engine.access = DocumentAccess.resolve(engine.docs, new AccessResolver(config.defaultVisibility));
  const recordOf = (file: string, corpusDir?: string): AccessRecord | undefined =>
    engine.access
      ? engine.access.recordOf(file, corpusDir)
      : engine.docs.some((d) => d.file === file && (corpusDir === undefined || d.corpusDir === corpusDir))
        ? { visibility: 'public', allow: [], source: 'default' }
        : undefined;
  const visible = (viewer: Viewer | undefined, file: string, corpusDir?: string) => {
    const rec = recordOf(file, corpusDir);
    return rec !== undefined && canSee(rec, viewer);
  };
  return {
    visible,
    chunkFor: (viewer, chunk) => (chunk && visible(viewer, chunk.file, chunk.corpusDir) ? chunk : undefined),
    record: recordOf,
    hidden: () => engine.access?.hiddenDocuments() ?? [],
  };
}
