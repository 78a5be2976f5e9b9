import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerChunks } from '../../src/cli/chunks';
import { EXIT_SOME_FAILED, registerIngest } from '../../src/cli/ingest';
import { SAMPLE_FILES, sampleCorpusCopy } from '../support/sample-corpus';

let root: string;
let out: string[];
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-cli-'));
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerIngest(program);
  registerChunks(program);
  await program.parseAsync(['node', 'zhiyin', ...args]);
}

describe('zhiyin ingest / chunks', () => {
  it('ingests the sample corpus with --json and prints the chunks of one file', async () => {
    const index = path.join(root, 'index');
    // A copy: a console upload into corpus/ must not change what this test sees.
    const corpus = sampleCorpusCopy();
    try {
      await run('ingest', '--corpus', corpus, '--index', index, '--json');
    } finally {
      fs.rmSync(corpus, { recursive: true, force: true });
    }
    const summary = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(summary).toMatchObject({ documents: SAMPLE_FILES.length, unchanged: 0, errors: [] });
    expect(summary.chunks).toBeGreaterThan(60);
    expect(process.exitCode ?? 0).toBe(0);

    out.length = 0;
    await run('chunks', '--index', index, '--file', '工程总承包项目管理办法.md', '--json');
    const lines = out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[1] ?? {})).toEqual(['id', 'file', 'title', 'article', 'headingPath', 'text', 'page']);
    const art = lines.find((l) => l.article === '第八条之一');
    expect(art).toMatchObject({
      file: '工程总承包项目管理办法.md',
      title: '工程总承包（EPC）项目管理办法',
      headingPath: ['工程总承包（EPC）项目管理办法', '第二章 发包与承包', '第八条之一'],
      page: null,
    });
    expect(lines.filter((l) => l.article).length).toBe(23);
  });

  it('uses ZHIYIN_CORPUS / ZHIYIN_INDEX and exits with 3 when a file fails', async () => {
    const corpus = path.join(root, 'c');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, 'ok.md'), '# 规定\n\n第一条 内容。\n');
    fs.writeFileSync(path.join(corpus, 'empty.txt'), '');
    vi.stubEnv('ZHIYIN_CORPUS', corpus);
    vi.stubEnv('ZHIYIN_INDEX', path.join(root, 'i'));
    await run('ingest', '--json');
    const summary = JSON.parse(out.join('')) as { documents: number; errors: { file: string; code: string }[] };
    expect(summary.documents).toBe(1);
    expect(summary.errors).toEqual([expect.objectContaining({ file: 'empty.txt', code: 'E_EMPTY_FILE' })]);
    expect(process.exitCode).toBe(EXIT_SOME_FAILED);
    expect(fs.existsSync(path.join(root, 'i', 'chunks.db'))).toBe(true);
  });
});
