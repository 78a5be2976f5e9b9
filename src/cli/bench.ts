// zhiyin bench (npm run bench): speed, memory and accuracy figures on the real shared data. Each section runs in
// its own child process so that its peak RSS and cold-load times are its own, not left over from the previous one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ZhiyinError } from '../core/errors';
import { runAnswerBench } from '../bench/answer-bench';
import { runIngestBench } from '../bench/ingest-bench';
import { runRetrievalBench } from '../bench/retrieval-bench';
import { runDraftBench } from '../bench/draft-bench';

interface Section {
  title: string;
  lines: string[];
  json: Record<string, unknown>;
}

const SECTIONS: Record<string, (sharedDir: string) => Promise<Section>> = {
  ingest: (sharedDir) => runIngestBench({ corpusDir: path.join(sharedDir, 'corpus', 'national') }),
  retrieval: (sharedDir) => runRetrievalBench({ sharedDir }),
  answer: (sharedDir) => runAnswerBench({ sharedDir }),
  draft: (sharedDir) => runDraftBench({ sharedDir }),
};

function runChild(name: string, sharedDir: string): Section {
  const bin = path.resolve(path.dirname(process.argv[1] ?? 'bin/zhiyin.mjs'), 'zhiyin.mjs');
  const res = spawnSync(process.execPath, [bin, 'bench', '--section', name, '--shared', sharedDir, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !last.startsWith('{')) {
    return { title: name, lines: [`section ${name} failed (exit ${res.status})`], json: { failed: true } };
  }
  return JSON.parse(last) as Section;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('Benchmarks on ../shared: ingest throughput, retrieval quality and speed, answer latency')
    .option('--section <name>', `one section only: ${Object.keys(SECTIONS).join(', ')}`)
    .option('--shared <dir>', 'the shared data directory', path.resolve('..', 'shared'))
    .option('--out <file>', 'write all results as JSON here', path.join('data', 'bench', 'latest.json'))
    .option('--json', 'print JSON (one object) instead of text')
    .action(async (opts: { section?: string; shared: string; out: string; json?: boolean }) => {
      const sharedDir = path.resolve(opts.shared);
      if (!fs.existsSync(sharedDir)) {
        throw new ZhiyinError('E_CONFIG', `shared data not found at ${sharedDir} (use --shared DIR)`);
      }
      if (opts.section) {
        const run = SECTIONS[opts.section];
        if (!run) throw new ZhiyinError('E_BAD_REQUEST', `unknown bench section "${opts.section}"`);
        const section = await run(sharedDir);
        console.log(opts.json ? JSON.stringify(section) : [section.title, ...section.lines].join('\n'));
        return;
      }
      const results: Record<string, Section> = {};
      for (const name of Object.keys(SECTIONS)) {
        console.error(`bench: ${name} …`);
        const section = runChild(name, sharedDir);
        results[name] = section;
        if (!opts.json) console.log(['', `== ${section.title} ==`, ...section.lines].join('\n'));
      }
      fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
      fs.writeFileSync(opts.out, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
      if (opts.json) console.log(JSON.stringify(results));
      else console.log(`\nresults written to ${opts.out}`);
    });
}
