// Scale check on ../shared/corpus/national (1,512 files): no errors, every article found, every chunk under the
// cap, and a no-op re-ingest much faster than the first run. Timing is reported, not asserted tightly here
// (the < 10% target is measured by the benchmark); the ratio bound below only catches a re-processing bug.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CHUNK_CHARS } from '../../src/ingest/chunker';
import { runIngest } from '../../src/ingest/run';
import { openChunkStore } from '../../src/store/chunk-store';

const SHARED = path.resolve(process.cwd(), '../shared');
const NATIONAL = path.join(SHARED, 'corpus/national');
if (!fs.existsSync(SHARED)) console.log('skipped: ../shared not found');

describe.skipIf(!fs.existsSync(NATIONAL))('shared corpus/national', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-national-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ingests with 0 errors, ≥ 64,000 distinct (file, article) pairs, all chunks within the cap', async () => {
    const index = path.join(tmp, 'index');
    let builds = 0;
    const buildIndex = async () => {
      builds++;
    };
    const first = await runIngest({ corpusDirs: [NATIONAL], indexDir: index, buildIndex });
    expect(first.errors).toEqual([]);
    expect(first.documents).toBe(1512);
    const store = openChunkStore(index);
    const chunks = store.all();
    store.close();
    const pairs = new Set(chunks.filter((c) => c.article).map((c) => `${c.file}|${c.article}`));
    expect(pairs.size).toBeGreaterThanOrEqual(64000);
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    expect(chunks.every((c) => c.title && c.headingPath[0] === c.title)).toBe(true);

    const second = await runIngest({ corpusDirs: [NATIONAL], indexDir: index, buildIndex });
    expect(second.unchanged).toBe(1512);
    expect(second.added.length + second.changed.length + second.removed.length).toBe(0);
    expect(builds).toBe(1);
    console.log(
      `national: first ${Math.round(first.ms)} ms, no-op ${Math.round(second.ms)} ms, ${chunks.length} chunks`,
    );
    expect(second.ms).toBeLessThan(first.ms * 0.25);
  }, 180_000);
});
