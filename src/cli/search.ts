import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import type { Hit } from '../core/types';
import { openRetriever } from '../retrieve/open';
import { AS_HELP, collectIds, GROUP_HELP, viewerFromFlags, type ViewerFlags } from '../access/cli-viewer';
import { UserDirectory } from '../access/users';

interface SearchFlags extends ViewerFlags {
  k: string;
  json?: boolean;
  index?: string;
  batch?: string;
}

function hitJson(h: Hit) {
  return {
    title: h.chunk.title,
    article: h.chunk.article,
    file: h.chunk.file,
    score: Number(h.score.toFixed(4)),
    text: h.chunk.text,
  };
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('检索知识库：列出最相关的条文 (retrieval only, no answer)')
    .argument('[question]', 'the question, in Chinese')
    .option('--k <n>', 'number of hits', '10')
    .option('--json', 'print JSON')
    .option('--index <dir>', 'index directory (default ZHIYIN_INDEX)')
    .option('--batch <file>', 'eval-format JSONL: one JSON line of hits per question')
    .option('--as <id>', AS_HELP, collectIds)
    .option('--group <chatId>', GROUP_HELP)
    .action(async (question: string | undefined, flags: SearchFlags) => {
      const k = Number(flags.k);
      if (!Number.isInteger(k) || k <= 0) throw new ZhiyinError('E_BAD_REQUEST', `--k must be a positive integer`);
      if (!flags.batch && !question?.trim())
        throw new ZhiyinError('E_EMPTY_QUESTION', 'Give a question or --batch FILE');
      const config = loadConfig();
      const viewer = viewerFromFlags(flags, UserDirectory.load(config.usersFile));
      const engine = await openRetriever(config, flags.index);
      if (flags.batch) {
        const lines = fs
          .readFileSync(flags.batch, 'utf8')
          .split(/\r?\n/)
          .filter((l) => l.trim());
        for (const line of lines) {
          const q = JSON.parse(line) as { id?: string; question: string };
          const hits = await engine.search(q.question, { k, viewer });
          process.stdout.write(JSON.stringify({ id: q.id ?? null, hits: hits.map(hitJson) }) + '\n');
        }
        return;
      }
      const hits = await engine.search(question!, { k, viewer });
      if (flags.json) {
        process.stdout.write(JSON.stringify({ question, hits: hits.map(hitJson) }) + '\n');
        return;
      }
      if (!hits.length) console.log('知识库中没有找到相关条文。');
      hits.forEach((h, i) => {
        const text = h.chunk.text.replace(/\s+/g, ' ');
        console.log(
          `${i + 1}. 《${h.chunk.title}》${h.chunk.article}  score=${h.score.toFixed(3)} [${(h.via ?? []).join(',')}]`,
        );
        console.log(`   ${text.length > 120 ? text.slice(0, 120) + '…' : text}`);
        console.log(`   ${h.chunk.file}`);
      });
    });
}
