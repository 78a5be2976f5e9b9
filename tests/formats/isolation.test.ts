import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZhiyinError } from '../../src/core/errors';
import { closeParseWorkers, parseIsolated, setParseLimits } from '../../src/ingest/parse-isolated';
import { runIngest } from '../../src/ingest/run';
import { makeDocx } from '../fixtures/formats/make-docx';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-iso-'));
  fs.mkdirSync(path.join(root, 'corpus'));
});
afterEach(() => {
  setParseLimits({});
  fs.rmSync(root, { recursive: true, force: true });
});
afterAll(() => closeParseWorkers());

/** A legitimate-looking DOCX (stored, no compression: passes the ratio check) whose DOM outgrows a small heap. */
const heavy = () =>
  makeDocx({ body: Array.from({ length: 120_000 }, (_, i) => ({ text: `第${i}段：内容文字内容文字。` })) }, 'STORE');
const small = () => makeDocx({ body: [{ text: '测试规定' }, { text: '第一条 本规定用于测试。' }] });

describe('parsing in a worker with limits', () => {
  it('parses a normal file and returns its articles', async () => {
    const doc = await parseIsolated(root, 'a.docx', await small());
    expect(doc.units.map((u) => u.article)).toEqual(['第一条']);
  });

  it('a file that exhausts the worker heap is a coded error, and the next file parses in a fresh worker', async () => {
    const limits = { heapMb: 48, idleTimeoutMs: 120_000 };
    const err = await parseIsolated(root, 'heavy.docx', await heavy(), undefined, limits).catch((e: unknown) => e);
    expect(isZhiyinError(err) && err.code).toBe('E_PARSE_CRASHED');
    expect(isZhiyinError(err) && err.userMessage).toMatch(/隔离/);
    const ok = await parseIsolated(root, 'a.docx', await small(), undefined, limits);
    expect(ok.units).toHaveLength(1);
  }, 120_000);

  it('ingest quarantines a file that stalls the worker, reports it, indexes the rest, and does not meet it again', async () => {
    const corpus = path.join(root, 'corpus');
    fs.writeFileSync(path.join(corpus, 'stall.docx'), await heavy());
    fs.writeFileSync(path.join(corpus, '规定.md'), '# 测试规定\n\n第一条 本规定用于测试。\n');
    // Idle timeout far below the time a 120,000-paragraph document takes (seconds even on a fast machine).
    setParseLimits({ idleTimeoutMs: 50 });
    const index = path.join(root, 'data', 'index');
    const first = await runIngest({ corpusDirs: [corpus], indexDir: index, learnFiles: [] });
    expect(first.errors.map((e) => [e.file, e.code])).toEqual([['stall.docx', 'E_PARSE_TIMEOUT']]);
    expect(first.added).toEqual(['规定.md']);
    expect(fs.existsSync(path.join(corpus, 'stall.docx'))).toBe(false);
    const q = path.join(root, 'data', 'quarantine');
    const kept = fs.readdirSync(q);
    expect(kept.some((f) => f.endsWith('-stall.docx'))).toBe(true);
    const reason = JSON.parse(
      fs.readFileSync(
        path.join(
          q,
          kept.find((f) => f.endsWith('.reason.json'))!,
        ),
        'utf8',
      ),
    );
    expect(reason).toMatchObject({ file: 'stall.docx', code: 'E_PARSE_TIMEOUT' });
    setParseLimits({});
    const second = await runIngest({ corpusDirs: [corpus], indexDir: index, learnFiles: [] });
    expect(second.errors).toEqual([]);
  }, 120_000);
});
