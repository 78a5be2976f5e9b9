// `zhiyin eval` end to end through the commander program, on the sample corpus (small and fast): JSON on
// stdout, report files, and --update-baseline / --gate with a temporary baseline file and exit code 4.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/main';
import { EXIT_GATE_FAILED } from '../../src/cli/eval';
import { sampleCorpusCopy } from '../support/sample-corpus';

const made: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-eval-cli-'));
  made.push(d);
  return d;
};

async function run(args: string[]): Promise<{ out: string; code: number | undefined }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void lines.push(String(s)));
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(['node', 'zhiyin', 'eval', ...args]);
    return { out: lines.join('\n'), code: process.exitCode };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('zhiyin eval CLI', () => {
  it('evaluates a set, writes the report and gates against an explicit baseline file', async () => {
    const report = tmp();
    const baselineFile = path.join(tmp(), 'baseline.json');
    const corpus = sampleCorpusCopy();
    made.push(corpus);
    const common = ['--set', 'evals/sample.jsonl', '--corpus', corpus, '--index', path.join(tmp(), 'idx')];

    const first = await run([
      ...common,
      '--json',
      '--report',
      report,
      '--update-baseline',
      '--baseline-file',
      baselineFile,
    ]);
    expect(first.code).toBeUndefined();
    const summary = JSON.parse(first.out);
    expect(summary.sets[0].name).toBe('sample');
    const setSize = fs
      .readFileSync('evals/sample.jsonl', 'utf8')
      .split('\n')
      .filter((l) => l.trim()).length;
    expect(summary.sets[0].ours.metrics.questions).toBe(setSize);
    expect(summary.sets[0].baseline.metrics.recall100).toBeGreaterThan(0.9);
    expect(fs.readdirSync(report).sort()).toEqual(
      ['report.html', 'report.json', 'report.md', 'sample.baseline.jsonl', 'sample.ours.jsonl'].sort(),
    );
    const recorded = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
    expect(recorded.sets.sample.ours.recall5).toBe(summary.sets[0].ours.metrics.recall5);

    const same = await run([...common, '--report', tmp(), '--gate', '--baseline-file', baselineFile]);
    expect(same.code).toBeUndefined();
    expect(same.out).toMatch(/gate: OK/);

    // A recorded value our system cannot reach stands in for a regression of the system.
    recorded.sets.sample.ours.recall5 = 1.5;
    fs.writeFileSync(baselineFile, JSON.stringify(recorded));
    const worse = await run([...common, '--report', tmp(), '--gate', '--baseline-file', baselineFile]);
    expect(worse.code).toBe(EXIT_GATE_FAILED);
    expect(worse.out).toMatch(/gate: FAILED[\s\S]*sample Recall@5/);
  });
});
