import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types';
import { openChunkStore } from '../../src/store/chunk-store';

const chunk = (file: string, seq: number, text: string): Chunk => ({
  id: `${file}#${seq}`,
  file,
  corpusDir: '/corpus',
  title: '标题',
  article: seq ? `第${seq}条` : '',
  headingPath: ['标题', '第一章 总则'],
  text,
  page: seq === 2 ? 3 : null,
  versionDate: '2020-01-01',
  part: 0,
  seq,
  textHash: 'h',
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('chunk store', () => {
  it('replaces, reads and removes the chunks of a file', () => {
    const s = openChunkStore(dir);
    s.replaceFile('/corpus', 'b.md', [chunk('b.md', 0, 'b0')]);
    s.replaceFile('/corpus', 'a.md', [chunk('a.md', 1, 'a1'), chunk('a.md', 2, 'a2')]);
    expect(s.all().map((c) => c.id)).toEqual(['a.md#1', 'a.md#2', 'b.md#0']);
    expect(s.byFile('/corpus', 'a.md')[1]).toEqual(chunk('a.md', 2, 'a2'));
    expect(s.byId('b.md#0')?.headingPath).toEqual(['标题', '第一章 总则']);
    s.replaceFile('/corpus', 'a.md', [chunk('a.md', 1, 'a1 new')]);
    expect(s.byFile('/corpus', 'a.md').map((c) => c.text)).toEqual(['a1 new']);
    s.removeFile('/corpus', 'b.md');
    expect(s.count()).toBe(1);
    s.close();
    // Persisted across re-opening.
    const again = openChunkStore(dir);
    expect(again.all().map((c) => c.text)).toEqual(['a1 new']);
    again.close();
  });

  it('serves all() from the snapshot and never from a stale one', () => {
    const s = openChunkStore(dir);
    s.replaceFile('/corpus', 'a.md', [chunk('a.md', 1, 'a1')]);
    expect(s.hasSnapshot()).toBe(false);
    const written = s.writeSnapshot();
    expect(s.hasSnapshot()).toBe(true);
    expect(s.all()).toEqual(written);
    const snap = fs.readdirSync(dir).find((f) => f.startsWith('chunks-snapshot-'));
    expect(snap).toBeDefined();
    s.replaceFile('/corpus', 'a.md', [
      chunk('a.md', 1, 'changed'),
      { ...chunk('a.md', 2, 'odd'), headingPath: ['其他'] },
    ]);
    expect(s.hasSnapshot()).toBe(false);
    const fromDb = s.all();
    s.writeSnapshot();
    expect(s.all()).toEqual(fromDb);
    s.replaceFile('/corpus', 'a.md', [chunk('a.md', 1, 'changed')]);
    expect(s.all().map((c) => c.text)).toEqual(['changed']);
    s.writeSnapshot();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('chunks-snapshot-'))).toHaveLength(1);
    // A torn snapshot file is ignored.
    const current = fs.readdirSync(dir).find((f) => f.startsWith('chunks-snapshot-'))!;
    fs.writeFileSync(path.join(dir, current), '[{"id":');
    expect(s.all().map((c) => c.text)).toEqual(['changed']);
    s.close();
  });

  it('keeps the manifest with remembered errors', () => {
    const s = openChunkStore(dir);
    s.setManifest({
      corpusDir: '/c',
      file: 'x.pdf',
      hash: 'h',
      size: 1,
      mtimeMs: 2,
      title: '',
      chunks: 0,
      error: { code: 'E_NO_TEXT_LAYER', message: 'scan', userMessage: '扫描件' },
    });
    s.setManifest({ corpusDir: '/c', file: 'a.md', hash: 'h2', size: 3, mtimeMs: 4, title: '甲', chunks: 5 });
    expect(s.manifest()).toEqual([
      { corpusDir: '/c', file: 'a.md', hash: 'h2', size: 3, mtimeMs: 4, title: '甲', chunks: 5, error: undefined },
      {
        corpusDir: '/c',
        file: 'x.pdf',
        hash: 'h',
        size: 1,
        mtimeMs: 2,
        title: '',
        chunks: 0,
        error: { code: 'E_NO_TEXT_LAYER', message: 'scan', userMessage: '扫描件' },
      },
    ]);
    s.removeManifest('/c', 'x.pdf');
    expect(s.manifest()).toHaveLength(1);
    s.close();
  });
});
