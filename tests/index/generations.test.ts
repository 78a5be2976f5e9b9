// Index generations under bad luck: kill -9 of an ingest at several moments of the build (in a child process),
// every index file corrupted in turn, and the flat layout of older versions. After each, what is served is one
// complete generation (the previous or the new one), and `ingest` repairs what fails validation.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { isZhiyinError } from '../../src/core/errors';
import { verifyIndex } from '../../src/index/generation-check';
import { currentGeneration, MANIFEST_FILE } from '../../src/index/generations';
import { runIngest } from '../../src/ingest/run';
import { loadIndex } from '../../src/retrieve/load';
import { openRetriever } from '../../src/retrieve/open';

const law = (title: string, articles: string[]) =>
  `# ${title}\n\n<!-- INFO END -->\n\n${articles.map((a, i) => `第${'一二三四五六七八九十'[i]}条 ${a}`).join('\n\n')}\n`;

const LAMPS = law('路灯养护规程', ['路灯故障应当在十二小时内修复。', '路灯巡查每周不少于一次。']);
const TREES = law('行道树修剪办法', ['行道树修剪应当避开鸟类繁殖期。', '修剪枝条应当当日清运。']);
const BRIDGES = law('人行天桥检查细则', ['人行天桥每季度检查一次栏杆。', '天桥积水应当在两小时内排除。']);

const config = loadConfig({ LOG_LEVEL: 'error' }, os.tmpdir());
const tsx = path.resolve('node_modules/tsx/dist/loader.mjs');
const CHILD = path.resolve('tests/index/helpers/ingest-and-pause.ts');

let root: string;
let corpus: string;
let index: string;
beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-gen-'));
  corpus = path.join(root, 'corpus');
  index = path.join(root, 'index');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, 'lamps.md'), LAMPS);
  fs.writeFileSync(path.join(corpus, 'trees.md'), TREES);
  await runIngest({ corpusDirs: [corpus], indexDir: index });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const servedFiles = () =>
  [
    ...new Set(
      loadIndex(index)
        .units.flat()
        .map((c) => c.file),
    ),
  ].sort();

/** Start an ingest child; resolves when it printed PAUSED (or DONE), with a kill function. */
function startChild(pauseAt?: string): { child: ReturnType<typeof spawn>; paused: Promise<string> } {
  const child = spawn(process.execPath, ['--import', `file://${tsx}`, CHILD, corpus, index], {
    env: { ...process.env, ...(pauseAt ? { PAUSE_AT: pauseAt } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const paused = new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/PAUSED|DONE/.test(out)) resolve(out.trim());
    });
    child.on('exit', () => resolve(out.trim() || 'EXITED'));
  });
  return { child, paused };
}

const killed = (child: ReturnType<typeof spawn>) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('kill -9 during an ingest', () => {
  // Moments: chunks stored but nothing of the new index written; BM25 written; vectors written; every file and
  // the manifest written but not switched; switched.
  const moments: [string, 'old' | 'new'][] = [
    ['tokenize:0', 'old'],
    ['bm25:1', 'old'],
    ['vectors:2', 'old'],
    ['publish:0', 'old'],
    ['publish:1', 'new'],
  ];
  it.each(moments)('at %s serves the %s complete generation, and the next ingest completes it', async (at, want) => {
    fs.rmSync(path.join(corpus, 'lamps.md'));
    fs.writeFileSync(path.join(corpus, 'bridges.md'), BRIDGES);
    const before = currentGeneration(index);
    const { child, paused } = startChild(at);
    expect(await paused).toBe('PAUSED');
    await killed(child);

    expect((await verifyIndex(index)).ok).toBe(true);
    expect(servedFiles()).toEqual(want === 'old' ? ['lamps.md', 'trees.md'] : ['bridges.md', 'trees.md']);
    expect(currentGeneration(index) === before).toBe(want === 'old');

    const again = await runIngest({ corpusDirs: [corpus], indexDir: index });
    expect(again.errors).toEqual([]);
    expect(servedFiles()).toEqual(['bridges.md', 'trees.md']);
    // Garbage collection: the killed build's half-written dir is gone; current and at most one previous remain.
    const gens = fs.readdirSync(index).filter((f) => f.startsWith('gen-'));
    expect(gens.length).toBeLessThanOrEqual(2);
    for (const g of gens) expect(fs.existsSync(path.join(index, g, MANIFEST_FILE))).toBe(true);
  });

  it('at arbitrary moments always leaves one of the two complete generations', async () => {
    fs.writeFileSync(path.join(corpus, 'bridges.md'), BRIDGES);
    for (const delayMs of [300, 900, 1500, 2500]) {
      const { child } = startChild();
      await new Promise((r) => setTimeout(r, delayMs));
      await killed(child);
      const files = servedFiles();
      expect([
        ['lamps.md', 'trees.md'],
        ['bridges.md', 'lamps.md', 'trees.md'],
      ]).toContainEqual(files);
      expect((await verifyIndex(index)).ok).toBe(true);
    }
  });
});

describe('a damaged index', () => {
  const damages: Record<string, (file: string) => void> = {
    truncated: (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)),
    'overwritten with other bytes of the same size': (f) => {
      const b = fs.readFileSync(f);
      for (let i = 0; i < b.length; i++) b[i] = (b[i]! + 97) & 0xff;
      fs.writeFileSync(f, b);
    },
    deleted: (f) => fs.rmSync(f),
  };

  it('is refused with a coded error naming the rebuild command, for every file and damage, and ingest repairs it', async () => {
    const gen = path.join(index, currentGeneration(index)!);
    const names = Object.keys(
      (JSON.parse(fs.readFileSync(path.join(gen, MANIFEST_FILE), 'utf8')) as { files: object }).files,
    );
    expect(names).toEqual(expect.arrayContaining(['bm25.bin', 'vectors.hnsw', 'retrieval-meta.json']));
    const kinds = Object.entries(damages);
    // Every file gets one damage, the kinds taking turns (all kinds for the two binary formats).
    const cases = [...names, MANIFEST_FILE].flatMap((name, i) =>
      name === 'bm25.bin' || name === 'vectors.hnsw'
        ? kinds.map((k) => [name, k] as const)
        : [[name, kinds[i % 3]!] as const],
    );
    for (const [name, [how, damage]] of cases) {
      {
        damage(path.join(index, currentGeneration(index)!, name));
        const err = await openRetriever(config, index).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isZhiyinError(err) && err.code, `${name} ${how}`).toBe('E_INDEX_CORRUPT');
        expect((err as Error).message).toContain(`zhiyin ingest --index ${index}`);
        expect(isZhiyinError(err) && err.userMessage).toBe('知识库维护中，请稍后再试。');

        const repaired = await runIngest({ corpusDirs: [corpus], indexDir: index });
        expect(repaired.repaired, `${name} ${how}`).toBeTruthy();
        expect(repaired.unchanged).toBe(2);
        const engine = await openRetriever(config, index);
        const hits = await engine.search('路灯故障多久修复', { k: 3 });
        expect(hits[0]?.chunk.file).toBe('lamps.md');
      }
    }
  }, 240_000);

  it('an intact index is not rebuilt by ingest', async () => {
    const gen = currentGeneration(index);
    const s = await runIngest({ corpusDirs: [corpus], indexDir: index });
    expect(s.repaired).toBeUndefined();
    expect(s.indexMs).toBe(0);
    expect(currentGeneration(index)).toBe(gen);
  });

  it('a lost `current` pointer or the flat layout of an older version is rebuilt, and flat names link to it', async () => {
    fs.rmSync(path.join(index, 'current'));
    // The flat names (hard links) still hold files, so a lost pointer reads as an unusable index, not an empty one.
    await expect(openRetriever(config, index)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
    expect((await runIngest({ corpusDirs: [corpus], indexDir: index })).repaired).toMatch(/flat index layout/);
    expect(servedFiles()).toEqual(['lamps.md', 'trees.md']);

    // Older zhiyin: regular index files directly in the index dir.
    const gen = path.join(index, currentGeneration(index)!);
    for (const f of fs.readdirSync(gen))
      if (f !== MANIFEST_FILE) fs.copyFileSync(path.join(gen, f), path.join(root, f));
    for (const f of fs.readdirSync(index))
      if (!f.startsWith('chunks')) fs.rmSync(path.join(index, f), { recursive: true });
    for (const f of fs.readdirSync(root))
      if (!['corpus', 'index'].includes(f)) fs.renameSync(path.join(root, f), path.join(index, f));
    await expect(openRetriever(config, index)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
    expect((await runIngest({ corpusDirs: [corpus], indexDir: index })).repaired).toMatch(/flat index layout/);
    // The flat name is the current generation's file (a hard link), no longer a file of its own.
    expect(fs.statSync(path.join(index, 'bm25.bin')).ino).toBe(
      fs.statSync(path.join(index, currentGeneration(index)!, 'bm25.bin')).ino,
    );
    expect(fs.readFileSync(path.join(index, 'retrieval-meta.json'), 'utf8')).toContain('"format"');
    expect(servedFiles()).toEqual(['lamps.md', 'trees.md']);
  });
});
