import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types';
import { ingestOneFile, runIngest } from '../../src/ingest/run';
import { openChunkStore } from '../../src/store/chunk-store';

/** Hand-written fake of the search-index builder that records its calls. */
function fakeBuilder() {
  const calls: { indexDir: string; chunks: number; learnFiles: string[] }[] = [];
  const build = async (indexDir: string, chunks: Chunk[], options: { learnFiles?: string[] }) => {
    calls.push({ indexDir, chunks: chunks.length, learnFiles: options.learnFiles ?? [] });
  };
  return { calls, build };
}

const article = (n: string, body: string) => `${n} ${body}`;
const law = (title: string, articles: string[]) =>
  `# ${title}\n\n2020年1月1日 发布\n\n<!-- INFO END -->\n\n${articles.join('\n\n')}\n`;

let root: string;
let corpus: string;
let index: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-ingest-'));
  corpus = path.join(root, 'corpus');
  index = path.join(root, 'index');
  fs.mkdirSync(path.join(corpus, 'sub'), { recursive: true });
  fs.writeFileSync(
    path.join(corpus, 'a.md'),
    law('甲条例', [article('第一条', '甲一。'), article('第二条', '甲二。')]),
  );
  fs.writeFileSync(path.join(corpus, 'sub', 'b.md'), law('乙办法', [article('第一条', '乙一。')]));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('runIngest', () => {
  it('indexes a corpus recursively, then re-processes only what changed', async () => {
    const fake = fakeBuilder();
    const progress: string[] = [];
    const first = await runIngest({
      corpusDirs: [corpus],
      indexDir: index,
      buildIndex: fake.build,
      onProgress: (d, t, f) => progress.push(`${d}/${t} ${f}`),
    });
    expect(first).toMatchObject({ documents: 2, chunks: 3, unchanged: 0, added: ['a.md', 'sub/b.md'], errors: [] });
    expect(progress).toEqual(['1/2 a.md', '2/2 sub/b.md']);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.chunks).toBe(3);

    const second = await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(second).toMatchObject({ unchanged: 2, added: [], changed: [], removed: [], chunks: 3 });
    expect(fake.calls).toHaveLength(1); // nothing changed: no rebuild

    // Touched but identical: unchanged, and the new mtime is recorded.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(corpus, 'a.md'), later, later);
    const touched = await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(touched).toMatchObject({ unchanged: 2, changed: [] });
    const m = openChunkStore(index);
    expect(m.manifest().find((e) => e.file === 'a.md')?.mtimeMs).toBe(fs.statSync(path.join(corpus, 'a.md')).mtimeMs);
    m.close();

    const store = openChunkStore(index);
    const idsBefore = store.byFile(corpus, 'a.md').map((c) => c.id);
    store.close();
    fs.writeFileSync(
      path.join(corpus, 'a.md'),
      law('甲条例', [article('第一条', '甲一。'), article('第二条', '甲二（修改）。'), article('第三条', '甲三。')]),
    );
    fs.rmSync(path.join(corpus, 'sub', 'b.md'));
    fs.writeFileSync(path.join(corpus, 'c.txt'), '丙规定\n\n第一条 丙一。\n');
    const third = await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(third).toMatchObject({
      added: ['c.txt'],
      changed: ['a.md'],
      removed: ['sub/b.md'],
      unchanged: 0,
      documents: 2,
      chunks: 4,
    });
    expect(fake.calls).toHaveLength(2);
    const after = openChunkStore(index);
    const idsAfter = after.byFile(corpus, 'a.md').map((c) => c.id);
    expect(after.byFile(corpus, 'sub/b.md')).toEqual([]);
    after.close();
    // Unchanged articles keep their ids; the edited one gets a new id.
    expect(idsAfter[0]).toBe(idsBefore[0]);
    expect(idsAfter[1]).not.toBe(idsBefore[1]);
  });

  it('keeps the previous chunks of a file that now fails and remembers the error', async () => {
    const fake = fakeBuilder();
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    fs.writeFileSync(path.join(corpus, 'a.md'), '');
    fs.writeFileSync(path.join(corpus, 'new.pdf'), '%PDF-1.4 truncated');
    const s = await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(s.errors.map((e) => [e.file, e.code])).toEqual([
      ['a.md', 'E_EMPTY_FILE'],
      ['new.pdf', 'E_CORRUPT_FILE'],
    ]);
    expect(s).toMatchObject({ documents: 2, chunks: 3, added: [], changed: [] });
    expect(fake.calls).toHaveLength(1); // the store did not change
    const again = await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(again.unchanged).toBe(3);
    expect(again.errors.map((e) => e.code)).toEqual(['E_EMPTY_FILE', 'E_CORRUPT_FILE']);
    const store = openChunkStore(index);
    expect(store.byFile(corpus, 'a.md').map((c) => c.text)).toEqual(['第一条 甲一。', '第二条 甲二。']);
    store.close();
  });

  it('rebuilds the search index when the learn files change, passing them through', async () => {
    const fake = fakeBuilder();
    const learn = path.join(root, 'learn.jsonl');
    fs.writeFileSync(learn, '{"q":"甲"}\n');
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build, learnFiles: [learn] });
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build, learnFiles: [learn] });
    expect(fake.calls).toHaveLength(1);
    fs.appendFileSync(learn, '{"q":"乙"}\n');
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build, learnFiles: [learn] });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]?.learnFiles).toEqual([learn]);
    // A run without learnFiles keeps the recorded ones (no rebuild); an explicit [] drops them.
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    expect(fake.calls).toHaveLength(2);
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build, learnFiles: [] });
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[2]?.learnFiles).toEqual([]);
  });

  it('refuses a missing corpus directory instead of deleting its chunks', async () => {
    const fake = fakeBuilder();
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    await expect(
      runIngest({ corpusDirs: [path.join(root, 'nope')], indexDir: index, buildIndex: fake.build }),
    ).rejects.toMatchObject({ code: 'E_CONFIG' });
    const store = openChunkStore(index);
    expect(store.count()).toBe(3);
    store.close();
  });
});

describe('ingestOneFile', () => {
  it('indexes one uploaded file and leaves the index untouched when it fails', async () => {
    const fake = fakeBuilder();
    await runIngest({ corpusDirs: [corpus], indexDir: index, buildIndex: fake.build });
    fs.writeFileSync(path.join(corpus, 'up.md'), law('上传规定', [article('第一条', '上传一。')]));
    const ok = await ingestOneFile({ corpusDir: corpus, file: 'up.md', indexDir: index, buildIndex: fake.build });
    expect(ok).toMatchObject({ added: ['up.md'], errors: [], documents: 3, chunks: 4 });
    expect(fake.calls).toHaveLength(2);

    fs.writeFileSync(path.join(corpus, 'up.md'), Buffer.alloc(0));
    const bad = await ingestOneFile({ corpusDir: corpus, file: 'up.md', indexDir: index, buildIndex: fake.build });
    expect(bad.errors[0]).toMatchObject({ file: 'up.md', code: 'E_EMPTY_FILE' });
    expect(bad.errors[0]?.userMessage).toContain('空文件');
    expect(bad).toMatchObject({ chunks: 4, documents: 3 });
    expect(fake.calls).toHaveLength(2);
    const store = openChunkStore(index);
    expect(store.byFile(corpus, 'up.md')[0]?.text).toBe('第一条 上传一。');
    expect(store.manifest().find((m) => m.file === 'up.md')?.error).toBeUndefined();
    store.close();
  });
});
