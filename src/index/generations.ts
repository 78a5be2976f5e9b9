// Index generations: every build writes a complete set of search-index files into its own directory
// (INDEX/gen-000007/), writes a manifest of sizes and sha256 checksums last, and only then switches the `current`
// symlink to it by an atomic rename. A generation without a manifest is never loaded, so `kill -9` at any moment
// of a build leaves the previous complete generation served. The flat names in INDEX (bm25.bin, ...) are hard links
// to current/<name>, for operators and scripts that look at the index dir.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ZhiyinError } from '../core/errors';
import { replaceFile } from '../store/replace-file';
import { indexFiles } from './files';

export const CURRENT_LINK = 'current';
export const MANIFEST_FILE = 'manifest.json';
/** Written at the start of a build with the builder's pid: tells GC whether an incomplete generation is alive. */
const BUILDER_FILE = '.builder';
const GEN_RE = /^gen-(\d{6,})$/;
export const MANIFEST_VERSION = 1;

export interface GenerationManifest {
  version: number;
  generation: string;
  createdAt: string;
  /** File name inside the generation dir → size in bytes and sha256 (hex). */
  files: Record<string, { size: number; sha256: string }>;
}

/** The rebuild command named in operator messages. */
export const rebuildCommand = (indexDir: string) => `zhiyin ingest --index ${indexDir}`;

/** E_INDEX_CORRUPT for `indexDir`: operator message naming the rebuild command, 「知识库维护中」 for users. */
export function corrupt(indexDir: string, what: string, cause?: unknown): ZhiyinError {
  return new ZhiyinError(
    'E_INDEX_CORRUPT',
    `Index in ${indexDir} is damaged (${what}): run \`${rebuildCommand(indexDir)}\``,
    {
      cause,
      userMessage: MAINTENANCE_MESSAGE,
    },
  );
}

/** What users see while the index is broken or being repaired (issue 13: 「知识库维护中」). */
export const MAINTENANCE_MESSAGE = '知识库维护中，请稍后再试。';

/** Name of the generation `current` points to, or undefined when there is none (no build has finished yet). */
export function currentGeneration(indexDir: string): string | undefined {
  try {
    const target = fs.readlinkSync(path.join(indexDir, CURRENT_LINK));
    return GEN_RE.test(target) ? target : undefined;
  } catch {
    return undefined;
  }
}

/** True when INDEX holds a search index in the flat layout of zhiyin before generations (needs a rebuild). */
export function hasLegacyLayout(indexDir: string): boolean {
  const meta = indexFiles(indexDir).meta;
  // With generations the flat names are hard links to current/<name>: regular files too.
  if (currentGeneration(indexDir)) return false;
  try {
    return fs.lstatSync(meta).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolve the current generation dir once (callers load from it, so a switch mid-load cannot mix files).
 * Errors: E_INDEX_MISSING (never built), E_INDEX_CORRUPT (flat layout of an older version, or a dangling pointer).
 */
export function resolveCurrent(indexDir: string): string {
  const gen = currentGeneration(indexDir);
  if (gen) {
    const dir = path.join(indexDir, gen);
    if (fs.existsSync(path.join(dir, MANIFEST_FILE))) return dir;
    throw corrupt(indexDir, `current points to ${gen}, which has no manifest`);
  }
  if (hasLegacyLayout(indexDir)) throw corrupt(indexDir, 'flat index layout of an older zhiyin');
  throw new ZhiyinError(
    'E_INDEX_MISSING',
    `No retrieval index in ${indexDir}: run \`${rebuildCommand(indexDir)}\` first`,
    {
      userMessage: '知识库还没有建立索引，请先运行 zhiyin ingest。',
    },
  );
}

function generations(indexDir: string): { name: string; n: number }[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(indexDir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, m: GEN_RE.exec(name) }))
    .filter((g): g is { name: string; m: RegExpExecArray } => g.m !== null)
    .map((g) => ({ name: g.name, n: Number(g.m[1]) }))
    .sort((a, b) => a.n - b.n);
}

/**
 * Create the directory of a new generation (number = highest existing + 1; mkdir is exclusive, so two builders
 * never share one). Returns its absolute path.
 */
export function createGeneration(indexDir: string): string {
  fs.mkdirSync(indexDir, { recursive: true });
  let n = (generations(indexDir).at(-1)?.n ?? 0) + 1;
  for (;;) {
    const dir = path.join(path.resolve(indexDir), `gen-${String(n).padStart(6, '0')}`);
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, BUILDER_FILE), String(process.pid));
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      n++;
    }
  }
}

function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let read; (read = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename order still protects against kill -9.
  }
}

/** Write the manifest (sizes + sha256 of every file in the generation), last of all the generation's files. */
export function writeManifest(genDir: string): GenerationManifest {
  const files: GenerationManifest['files'] = {};
  for (const name of fs.readdirSync(genDir).sort()) {
    if (name.startsWith('.') || name === MANIFEST_FILE) continue;
    const file = path.join(genDir, name);
    files[name] = { size: fs.statSync(file).size, sha256: sha256File(file) };
  }
  const manifest: GenerationManifest = {
    version: MANIFEST_VERSION,
    generation: path.basename(genDir),
    createdAt: new Date().toISOString(),
    files,
  };
  replaceFile(path.join(genDir, MANIFEST_FILE), JSON.stringify(manifest));
  fsyncDir(genDir);
  return manifest;
}

/**
 * Switch `current` to the generation (symlink to a temp name, then rename over `current`: atomic), refresh the
 * flat-name links, and delete old generations, keeping the previous one.
 */
export function publishGeneration(indexDir: string, genDir: string): void {
  const name = path.basename(genDir);
  const tmp = path.join(indexDir, `.${CURRENT_LINK}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  fs.symlinkSync(name, tmp);
  fs.renameSync(tmp, path.join(indexDir, CURRENT_LINK));
  fsyncDir(indexDir);
  fs.rmSync(path.join(genDir, BUILDER_FILE), { force: true });
  syncFlatLinks(indexDir, genDir);
  collectGarbage(indexDir);
}

/** Re-create missing flat-name links of the current generation (an operator deleted one); returns their names. */
export function repairFlatLinks(indexDir: string): string[] {
  const gen = currentGeneration(indexDir);
  return gen ? syncFlatLinks(indexDir, path.join(indexDir, gen)) : [];
}

/**
 * INDEX/<name> as a hard link to the current generation's file, for each index file the generation holds; legacy
 * flat files and links of other generations are replaced (link to a temp name, then rename: atomic per name).
 * Hard links rather than symlinks so that the flat names behave as the files themselves for operators' tools
 * (`stat -c %s`, `ls -l` show the real size); loading never reads them, it resolves `current` once.
 */
function syncFlatLinks(indexDir: string, genDir: string): string[] {
  const made: string[] = [];
  for (const file of Object.values(indexFiles(indexDir))) {
    const name = path.basename(file);
    const target = path.join(genDir, name);
    let want: fs.Stats | undefined;
    let have: fs.Stats | undefined;
    try {
      want = fs.statSync(target);
    } catch {
      want = undefined;
    }
    try {
      have = fs.lstatSync(file);
    } catch {
      have = undefined;
    }
    if (!want) {
      if (have) fs.rmSync(file, { force: true });
      continue;
    }
    if (have && !have.isSymbolicLink() && have.ino === want.ino && have.dev === want.dev) continue;
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.lnk`;
    try {
      fs.linkSync(target, tmp);
      fs.renameSync(tmp, file);
      made.push(name);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      // Another publisher switched in the meantime and owns the names now.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return made;
}

function builderAlive(genDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(genDir, BUILDER_FILE), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Delete generations other than the current one and the newest complete one before it. An incomplete
 * generation (no manifest) is deleted only when the process that was building it is gone (killed builds).
 */
export function collectGarbage(indexDir: string): string[] {
  const current = currentGeneration(indexDir);
  const all = generations(indexDir);
  const cur = all.find((g) => g.name === current);
  const complete = (name: string) => fs.existsSync(path.join(indexDir, name, MANIFEST_FILE));
  const previous = all.filter((g) => cur && g.n < cur.n && complete(g.name)).at(-1)?.name;
  const removed: string[] = [];
  for (const g of all) {
    if (g.name === current || g.name === previous) continue;
    const dir = path.join(indexDir, g.name);
    if (!complete(g.name) && builderAlive(dir)) continue;
    if (complete(g.name) && cur && g.n > cur.n) continue; // published by a concurrent builder any moment now
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(g.name);
  }
  return removed;
}
