// Validation of index generations (src/index/generations.ts): the manifest lists every file with its size and
// sha256; a generation is intact when the required files are listed, every listed file has its size (and, when
// asked, its checksum) and the index format is this version's. Used by openRetriever, loadIndex and ingest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ZhiyinError } from '../core/errors';
import { INDEX_FORMAT, indexFiles } from './files';
import { corrupt, MANIFEST_FILE, MANIFEST_VERSION, resolveCurrent, type GenerationManifest } from './generations';

/** Files a loadable generation must hold (the rest — lsa, bigram, learned, reranker — are optional). */
const REQUIRED = ['meta', 'units', 'bm25', 'bm25Terms', 'headBm25', 'headBm25Terms'] as const;

/** Hash a file in 1 MiB steps, yielding to the event loop between them (a serving process keeps answering). */
async function sha256FileAsync(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  /** English, for operators: what failed. */
  problem?: string;
  generation?: string;
}

/**
 * Check the current generation: the pointer resolves, the manifest parses, required files are listed, every
 * listed file exists with its size and (when `checksums`) its sha256. Never throws.
 */
export async function verifyIndex(indexDir: string, options: { checksums?: boolean } = {}): Promise<VerifyResult> {
  let genDir: string;
  try {
    genDir = resolveCurrent(indexDir);
  } catch (e) {
    return { ok: false, problem: (e as Error).message };
  }
  const generation = path.basename(genDir);
  const problem = await verifyGeneration(genDir, options.checksums ?? true);
  return problem ? { ok: false, problem, generation } : { ok: true, generation };
}

/** The problem with a generation dir (English), or undefined when it is complete and intact. */
export async function verifyGeneration(genDir: string, checksums: boolean): Promise<string | undefined> {
  let manifest: GenerationManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(genDir, MANIFEST_FILE), 'utf8')) as GenerationManifest;
    if (manifest.version !== MANIFEST_VERSION || typeof manifest.files !== 'object') return 'manifest unreadable';
  } catch {
    return 'manifest missing or unreadable';
  }
  const names = indexFiles(genDir);
  for (const key of REQUIRED) {
    const name = path.basename(names[key]);
    if (!manifest.files[name]) return `required file ${name} not in the manifest`;
  }
  for (const [name, want] of Object.entries(manifest.files)) {
    const file = path.join(genDir, name);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return `${name} missing`;
    }
    if (size !== want.size) return `${name} has ${size} bytes, manifest says ${want.size}`;
    if (checksums && (await sha256FileAsync(file)) !== want.sha256) return `${name} checksum mismatch`;
  }
  try {
    const meta = JSON.parse(fs.readFileSync(names.meta, 'utf8')) as { format?: unknown };
    // Built by another version of zhiyin: rebuilt rather than misread.
    if (meta.format !== INDEX_FORMAT) return `index format ${String(meta.format)}, this version reads ${INDEX_FORMAT}`;
  } catch {
    return 'retrieval-meta.json unreadable';
  }
  return undefined;
}

/** Throwing form of verifyGeneration for loaders: E_INDEX_CORRUPT naming the rebuild command. */
export async function assertGenerationIntact(indexDir: string, genDir: string, checksums: boolean): Promise<void> {
  const problem = await verifyGeneration(genDir, checksums);
  if (problem) throw corrupt(indexDir, `${path.basename(genDir)}: ${problem}`);
}

/** Synchronous size-only check (every loader runs it; checksums are for openRetriever and ingest). */
export function assertSizesIntact(indexDir: string, genDir: string): void {
  let manifest: GenerationManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(genDir, MANIFEST_FILE), 'utf8')) as GenerationManifest;
  } catch (e) {
    throw corrupt(indexDir, `${path.basename(genDir)}: manifest unreadable`, e);
  }
  for (const [name, want] of Object.entries(manifest.files ?? {})) {
    let size = -1;
    try {
      size = fs.statSync(path.join(genDir, name)).size;
    } catch {
      // reported below
    }
    if (size !== want.size) throw corrupt(indexDir, `${path.basename(genDir)}: ${name} missing or truncated`);
  }
}

/** Wrap any error of index loading (hnswlib, JSON, typed arrays) as E_INDEX_CORRUPT with the rebuild command. */
export function asIndexError(indexDir: string, e: unknown): ZhiyinError {
  if (e instanceof ZhiyinError && (e.code === 'E_INDEX_MISSING' || e.code === 'E_INDEX_CORRUPT') && e.userMessage) {
    return e;
  }
  return corrupt(indexDir, e instanceof Error ? e.message : String(e), e);
}
