// zhiyin ingest [--corpus DIR ...] [--index DIR] [--learn FILE ...] [--json]
import type { Command } from 'commander';
import { indexFiles, type RetrievalMeta } from '../index/files';
import { readJson } from '../index/persist';
import { loadConfig } from '../config';
import { terminalProgress } from '../ingest/progress';
import { runIngest, type IngestSummary } from '../ingest/run';

/** Exit status when some files could not be ingested (the rest of the corpus was). */
export const EXIT_SOME_FAILED = 3;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `ingested ${s.documents} documents, ${s.chunks} chunks in ${(s.ms / 1000).toFixed(1)} s` +
      ` (added ${s.added.length}, changed ${s.changed.length}, removed ${s.removed.length}, unchanged ${s.unchanged})`,
  ];
  if (s.repaired) lines.push(`search index was damaged (${s.repaired}): rebuilt`);
  for (const e of s.errors) lines.push(`  ${e.code}  ${e.message}`);
  if (s.errors.length > 0) lines.push(`${s.errors.length} file(s) failed; their previous chunks (if any) were kept.`);
  return lines.join('\n');
}

/** Operators see what learning did: how many questions were learned and whether the re-ranker was kept. */
export function learningNote(
  meta: Pick<RetrievalMeta, 'learnedQuestions' | 'reranker'> | undefined,
): string | undefined {
  if (!meta?.learnedQuestions) return undefined;
  const rr = meta.reranker ? `; re-ranker: ${meta.reranker.reason}` : '';
  return `learned ${meta.learnedQuestions} confirmed question(s)${rr}`;
}

function readMeta(indexDir: string): RetrievalMeta | undefined {
  try {
    return readJson<RetrievalMeta>(indexFiles(indexDir).meta);
  } catch {
    return undefined; // nothing built yet (e.g. every file failed): the summary already says so
  }
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Bring the index up to date with the corpus (incremental: only added/changed files are processed)')
    .option('--corpus <dir>', 'corpus directory, repeatable (default $ZHIYIN_CORPUS or ./corpus)', collect)
    .option('--index <dir>', 'index directory (default $ZHIYIN_INDEX or ./data/index)')
    .option('--learn <file>', 'learn file passed to the search-index builder, repeatable', collect)
    .option('--json', 'print one JSON summary object on stdout')
    .action(async (opts: { corpus?: string[]; index?: string; learn?: string[]; json?: boolean }) => {
      const config = loadConfig();
      const bar = !opts.json && process.stderr.isTTY ? terminalProgress() : undefined;
      const summary = await runIngest({
        corpusDirs: opts.corpus ?? config.corpusDirs,
        indexDir: opts.index ?? config.indexDir,
        learnFiles: opts.learn,
        onProgress: bar ? (done, total, file) => bar.update(done, total, file) : undefined,
        onIndexProgress: bar ? (stage, done, total) => bar.update(done, total, `index: ${stage}`) : undefined,
      });
      bar?.done();
      if (opts.json) {
        const { documents, chunks, unchanged, errors, added, changed, removed, ms, repaired } = summary;
        const errs = errors.map(({ file, code, message }) => ({ file, code, message }));
        const out = { documents, chunks, unchanged, errors: errs, added, changed, removed, ms: Math.round(ms) };
        console.log(JSON.stringify(repaired ? { ...out, repaired } : out));
      } else {
        console.error(formatSummary(summary));
        const note = summary.indexMs !== undefined ? learningNote(readMeta(opts.index ?? config.indexDir)) : undefined;
        if (note) console.error(note);
      }
      if (summary.errors.length > 0) process.exitCode = EXIT_SOME_FAILED;
    });
}
