import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLatestReport } from '../../src/web/latest-report';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-reports-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(dir: string, mtimeSec: number): string {
  const file = path.join(root, dir, 'report.html');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '<html></html>');
  fs.utimesSync(file, mtimeSec, mtimeSec);
  return file;
}

describe('findLatestReport', () => {
  it('is undefined without reports (or without the root)', () => {
    expect(findLatestReport(root)).toBeUndefined();
    expect(findLatestReport(path.join(root, 'missing'))).toBeUndefined();
    fs.mkdirSync(path.join(root, 'empty-run'));
    expect(findLatestReport(root)).toBeUndefined();
  });

  it('picks the most recently written timestamped report', () => {
    write('2026-01-01T00-00-00-000Z', 1_000_000);
    const newer = write('2026-01-02T00-00-00-000Z', 2_000_000);
    expect(findLatestReport(root)).toBe(newer);
  });

  it('prefers latest/report.html when present', () => {
    write('2026-01-02T00-00-00-000Z', 3_000_000);
    const latest = write('latest', 1_000_000);
    expect(findLatestReport(root)).toBe(latest);
  });
});
