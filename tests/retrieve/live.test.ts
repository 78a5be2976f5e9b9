// createLiveIndex with a hand-written opener that records calls: it follows the `current` pointer, keeps a
// generation open until the requests that started on it finish, and keeps serving when a new one fails to open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveIndex, liveEngine, unavailableAnswerer } from '../../src/retrieve/live';
import type { SearchEngine } from '../../src/retrieve/open';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-live-unit-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Point `current` at gen-<n> the way publishGeneration does (symlink + rename). */
function point(n: number): void {
  const name = `gen-${String(n).padStart(6, '0')}`;
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.symlinkSync(name, path.join(dir, '.tmp-link'));
  fs.renameSync(path.join(dir, '.tmp-link'), path.join(dir, 'current'));
}

function fakeOpener() {
  const opened: string[] = [];
  const closed: string[] = [];
  let failNext = false;
  return {
    opened,
    closed,
    failOnce: () => (failNext = true),
    open: async () => {
      const target = fs.readlinkSync(path.join(dir, 'current'));
      if (failNext) {
        failNext = false;
        throw new Error(`cannot open ${target}`);
      }
      opened.push(target);
      return { gen: target };
    },
    close: (v: { gen: string }) => closed.push(v.gen),
  };
}

describe('createLiveIndex', () => {
  it('swaps to a new generation and closes the old one only after its requests finish', async () => {
    point(1);
    const fake = fakeOpener();
    const live = await createLiveIndex({
      indexDir: dir,
      open: fake.open,
      close: fake.close,
      fallback: () => ({ gen: 'none' }),
      log: () => {},
    });
    expect(live.current().gen).toBe('gen-000001');

    let finish!: () => void;
    const inflight = live.use((v) => new Promise<string>((res) => (finish = () => res(v.gen))));
    point(2);
    await live.refresh();
    expect(live.current().gen).toBe('gen-000002');
    expect(live.generation()).toBe('gen-000002');
    expect(fake.closed).toEqual([]); // a request still runs on gen 1
    finish();
    expect(await inflight).toBe('gen-000001');
    expect(fake.closed).toEqual(['gen-000001']);
    live.close();
    expect(fake.closed).toEqual(['gen-000001', 'gen-000002']);
  });

  it('keeps serving the old generation when the new one fails to open, and logs it for the operator', async () => {
    point(1);
    const fake = fakeOpener();
    const logs: string[] = [];
    const live = await createLiveIndex({
      indexDir: dir,
      open: fake.open,
      fallback: () => ({ gen: 'none' }),
      log: (level, msg, f) => logs.push(`${level} ${msg} ${String(f.fix ?? '')}`),
    });
    fake.failOnce();
    point(2);
    await live.refresh();
    expect(live.current().gen).toBe('gen-000001');
    expect(logs.join('\n')).toMatch(/error index.open_failed run `zhiyin ingest --index/);
    point(3);
    await live.refresh();
    expect(live.current().gen).toBe('gen-000003');
    live.close();
  });

  it('serves the fallback while nothing can be opened, then the first generation that appears (poll)', async () => {
    const fake = fakeOpener();
    const live = await createLiveIndex({
      indexDir: dir,
      open: fake.open,
      fallback: (e) => ({ gen: `fallback: ${String(e)}` }),
      pollMs: 20,
      log: () => {},
    });
    expect(live.current().gen).toMatch(/^fallback/);
    point(1);
    const until = Date.now() + 30_000;
    while (live.current().gen !== 'gen-000001' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(live.current().gen).toBe('gen-000001');
    live.close();
  });

  it('liveEngine (the Lark bot) answers 查看原文 and /sources from the generation served now', async () => {
    point(1);
    const engineFor = (gen: string): SearchEngine => ({
      ...unavailableAnswerer(new Error('unused')).engine,
      documents: () => [{ title: gen, file: `${gen}.md`, corpusDir: '/c', chunks: 1, versionDate: '' }],
      chunkById: (id) => (id === gen ? ({ id, text: gen } as never) : undefined),
    });
    const live = await createLiveIndex({
      indexDir: dir,
      open: async () => ({ engine: engineFor(fs.readlinkSync(path.join(dir, 'current'))) }),
      fallback: unavailableAnswerer,
      log: () => {},
    });
    const engine = liveEngine(live);
    expect(engine.documents().map((d) => d.title)).toEqual(['gen-000001']);
    point(2);
    await live.refresh();
    expect(engine.documents().map((d) => d.title)).toEqual(['gen-000002']);
    expect(engine.chunkById('gen-000001')).toBeUndefined();
    expect(engine.chunkById('gen-000002')).toBeDefined();
    expect(engine.generation).toBe('gen-000002');
    engine.close();
  });

  it('the fallback answers 「知识库维护中」 for a damaged index and explains a missing one', async () => {
    const { ZhiyinError } = await import('../../src/core/errors');
    const damaged = unavailableAnswerer(new ZhiyinError('E_INDEX_CORRUPT', 'bm25.bin checksum mismatch'));
    await expect(damaged.answerer.answer('问题')).rejects.toMatchObject({ userMessage: '知识库维护中，请稍后再试。' });
    const missing = unavailableAnswerer(new ZhiyinError('E_INDEX_MISSING', 'none'));
    await expect(missing.answerer.answer('问题')).rejects.toMatchObject({ code: 'E_INDEX_MISSING' });
  });
});
