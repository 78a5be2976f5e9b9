// Real wiring for an eval run: ingest the corpus into an index (a temp one unless given), then open our system
// (the production answerer and its search engine) and the baseline (plain BM25 over jieba on the same chunks,
// answered by the same extractive composer so that answer metrics compare retrieval, not composers).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import { runIngest } from '../ingest/run';
import { readAllChunks } from '../store/chunk-store';
import { openAnswerer } from '../answer/open';
import { createAnswerer } from '../answer/create';
import { buildBaselineRetriever } from '../retrieve/baseline';
import type { EvalSystem } from './runner';

export interface PreparedIndex {
  indexDir: string;
  ingestMs: number;
  documents: number;
  chunks: number;
  errors: { file: string; code: string; message: string }[];
  /** Removes the index when it was a temporary one. */
  cleanup(): void;
}

/**
 * `learnFiles` defaults to none, explicitly: a kept index (--index) must not silently carry questions learned
 * earlier, or the eval would score questions the system has already been taught.
 */
export async function prepareIndex(
  corpusDirs: string[],
  indexDir?: string,
  learnFiles: string[] = [],
): Promise<PreparedIndex> {
  const temp = !indexDir;
  const dir = indexDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-eval-index-'));
  const t0 = performance.now();
  const summary = await runIngest({ corpusDirs, indexDir: dir, learnFiles });
  return {
    indexDir: dir,
    ingestMs: performance.now() - t0,
    documents: summary.documents,
    chunks: summary.chunks,
    errors: summary.errors,
    cleanup: () => {
      if (temp) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenedSystems {
  ours: EvalSystem;
  baseline?: EvalSystem;
}

export async function openSystems(
  config: Config,
  indexDir: string,
  opts: { baseline: boolean; answers: boolean; neverRefuse?: boolean },
): Promise<OpenedSystems> {
  // --cv: both systems answer every question; the eval refuses per fold (src/eval/refusal-cv.ts).
  const extra = opts.neverRefuse ? { neverRefuse: true } : {};
  const { answerer, engine } = await openAnswerer(config, indexDir, extra);
  const ours: EvalSystem = { name: 'ours', retriever: engine, answerer: opts.answers ? answerer : undefined };
  if (!opts.baseline) return { ours };
  const chunks = readAllChunks(indexDir);
  const retriever = buildBaselineRetriever(chunks);
  return {
    ours,
    baseline: {
      name: 'baseline',
      retriever,
      answerer: opts.answers ? createAnswerer({ retriever, ...extra }) : undefined,
    },
  };
}
