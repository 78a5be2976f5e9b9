// zhiyin chunks [--index DIR] [--file PATH] [--json] — how the documents were cut, for operators.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import type { Chunk } from '../core/types';
import fs from 'node:fs';
import path from 'node:path';
import { CHUNKS_DB_FILE, openChunkStore } from '../store/chunk-store';

export function chunkLine(c: Chunk): string {
  const { id, file, title, article, headingPath, text, page } = c;
  return JSON.stringify({ id, file, title, article, headingPath, text, page });
}

export function registerChunks(program: Command): void {
  program
    .command('chunks')
    .description('Print the indexed chunks (one JSON line each with --json)')
    .option('--index <dir>', 'index directory (default $ZHIYIN_INDEX or ./data/index)')
    .option('--file <path>', 'only chunks of this corpus-relative file')
    .option('--json', 'one JSON object per line: id, file, title, article, headingPath, text, page')
    .action((opts: { index?: string; file?: string; json?: boolean }) => {
      const indexDir = opts.index ?? loadConfig().indexDir;
      if (!fs.existsSync(path.join(indexDir, CHUNKS_DB_FILE))) {
        throw new ZhiyinError('E_INDEX_MISSING', `No index in ${indexDir}: run "zhiyin ingest" first.`);
      }
      const store = openChunkStore(indexDir);
      try {
        const wanted = opts.file?.split(path.sep).join('/');
        const chunks = wanted
          ? [...new Set(store.manifest().map((m) => m.corpusDir))].flatMap((dir) => store.byFile(dir, wanted))
          : store.all();
        const out: string[] = [];
        for (const c of chunks) {
          if (opts.json) out.push(chunkLine(c));
          else {
            out.push(`── ${c.headingPath.join(' › ')}${c.page ? `  (p.${c.page})` : ''}  [${c.id}]`);
            out.push(c.text, '');
          }
        }
        if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
        if (wanted && chunks.length === 0) console.error(`no chunks for ${wanted}`);
      } finally {
        store.close();
      }
    });
}
