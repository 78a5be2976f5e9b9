// `zhiyin quiz [--file PATH] [--corpus DIR ...] [--n N] [--json] [--report]`: offline quiz items from one corpus
// file (relative to a corpus directory) or the whole corpus, with the quality checks of src/onboard/checks.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import type { QuizItem } from '../core/onboard';
import { reportQuiz, type QuizReport } from '../onboard/checks';
import { createOnboardCorpus, loadCorpusChunks } from '../onboard/corpus';
import { generateQuiz } from '../onboard/quiz';

interface QuizOptions {
  file?: string;
  corpus?: string[];
  n?: string;
  json?: boolean;
  report?: boolean;
}

/** The JSON shape of one item: {"kind","question","options","answer","citation":{title,article,section,file,quote}}. */
export function itemJson(item: QuizItem): Record<string, unknown> {
  const { title, article, section, file, quote } = item.citation;
  return {
    kind: item.kind,
    question: item.question,
    options: item.options,
    answer: item.answer,
    slot: item.slot,
    explanation: item.explanation,
    citation: { title, article, section, file, quote },
  };
}

/** Items (at most n, default all) for `file` (or every file) of the corpus folders, and their check report. */
export async function quizFromCorpus(
  corpusDirs: string[],
  file: string | undefined,
  n: number,
): Promise<{ items: QuizItem[]; report: QuizReport }> {
  if (file) {
    const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
    if (path.isAbsolute(rel) || rel.split('/').includes('..')) {
      throw new ZhiyinError('E_BAD_REQUEST', `--file ${file}: give a path relative to a corpus directory`, {
        userMessage: '--file 需要相对于知识库目录的路径（如 新员工入职指南.md）。',
      });
    }
    if (!corpusDirs.some((d) => fs.existsSync(path.join(d, rel)))) {
      throw new ZhiyinError('E_BAD_REQUEST', `--file ${file} not found in ${corpusDirs.join(', ')}`, {
        userMessage: `知识库目录中没有文件 ${file}。`,
      });
    }
  }
  const { chunks } = await loadCorpusChunks(corpusDirs);
  const corpus = createOnboardCorpus(chunks);
  const wanted = file ? corpus.chunks.filter((c) => c.file === file.replace(/^\.\//, '')) : corpus.chunks;
  const items = generateQuiz(corpus, wanted, n);
  return { items, report: reportQuiz(corpus, items) };
}

export function registerQuiz(program: Command): void {
  program
    .command('quiz')
    .description('离线生成测验题 (offline quiz items with citations, checked against the source)')
    .option('--file <path>', 'corpus-relative file (default: every file of the corpus)')
    .option('--corpus <dir...>', 'corpus directories (default: ZHIYIN_CORPUS)')
    .option('--n <count>', 'at most this many items (default: all)')
    .option('--json', 'print {"items":[...]} as JSON')
    .option('--report', 'add the quality-check report (counts per kind, failures)')
    .action(async (opts: QuizOptions) => {
      const n = opts.n === undefined ? Infinity : Number(opts.n);
      if (!(n > 0) || (Number.isFinite(n) && !Number.isInteger(n))) {
        throw new ZhiyinError('E_BAD_REQUEST', `--n ${opts.n} is not a positive whole number`);
      }
      const dirs = opts.corpus?.map((d) => path.resolve(d)) ?? loadConfig().corpusDirs;
      const { items, report } = await quizFromCorpus(dirs, opts.file, n);
      if (opts.json) {
        const { failures, ...summary } = report;
        const out = opts.report
          ? { items: items.map(itemJson), report: { ...summary, failures } }
          : { items: items.map(itemJson) };
        console.log(JSON.stringify(out));
      } else {
        items.forEach((item, i) => {
          console.log(`${i + 1}. [${item.kind}] ${item.question}`);
          item.options.forEach((o, j) => console.log(`   ${String.fromCharCode(65 + j)}. ${o}`));
          console.log(`   ${item.explanation}`);
        });
        console.error(
          `${report.items} items (${Object.entries(report.byKind)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}), failing ${report.failing}`,
        );
      }
      if (report.failing > 0) process.exitCode = 3;
    });
}
