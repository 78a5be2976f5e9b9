// Per-document access metadata: where it is declared and how it is parsed. Three sources, most specific first:
// the Markdown file's own front matter, a sidecar `<file>.meta.yaml`, then the first matching glob rule of
// `<corpus>/access.yaml`; without any, the configured default visibility. Anything that cannot be read or
// parsed makes the document hidden (fail closed) with a reason for the console and the ingest output.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Visibility } from '../core/access';
import { splitFrontMatter } from './front-matter';

export const ACCESS_FILE = 'access.yaml';
export const SIDECAR_SUFFIX = '.meta.yaml';

/** Where a document's access record came from. */
export type AccessSource = 'front-matter' | 'sidecar' | 'access.yaml' | 'default';

/** The resolved access record of one document. */
export interface AccessRecord {
  visibility: Visibility;
  /** Principals (chat ids, open ids, department ids, `role:<name>`, web user ids) a restricted document allows. */
  allow: string[];
  source: AccessSource;
  /** Set when the metadata could not be read: the document is then visible to nobody (fail closed). */
  hidden?: { reason: string };
}

const principal = z.string().trim().min(1).max(200);
const declSchema = z
  .object({
    visibility: z.enum(['public', 'internal', 'restricted']).optional(),
    allow: z.union([principal, z.array(principal)]).optional(),
  })
  .passthrough();
type Decl = z.infer<typeof declSchema>;

const rulesSchema = z.object({
  default: z.enum(['public', 'internal', 'restricted']).optional(),
  rules: z
    .array(
      z.object({
        match: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
        visibility: z.enum(['public', 'internal', 'restricted']).optional(),
        allow: z.union([principal, z.array(principal)]).optional(),
      }),
    )
    .default([]),
});

/** True for the metadata files themselves (sidecars, access.yaml): they are not documents to index. */
export function isAccessMetadataFile(file: string): boolean {
  return file.endsWith(SIDECAR_SUFFIX) || file === ACCESS_FILE;
}

class MetadataError extends Error {}

/**
 * A declaration into a record. An allow list without a visibility means `restricted` (listing who may see a
 * document only makes sense for a restricted one, and reading it the other way would publish it).
 */
function fromDecl(d: Decl, source: AccessSource, fallback: Visibility): AccessRecord | undefined {
  if (d.visibility === undefined && d.allow === undefined) return undefined;
  const allow = d.allow === undefined ? [] : Array.isArray(d.allow) ? d.allow : [d.allow];
  const visibility = d.visibility ?? (allow.length ? 'restricted' : fallback);
  return { visibility, allow, source };
}

function parseDecl(text: string, where: string): Decl {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (e) {
    throw new MetadataError(`${where}: YAML error: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new MetadataError(`${where}: not a YAML mapping`);
  const parsed = declSchema.safeParse(raw);
  if (!parsed.success) throw new MetadataError(`${where}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Glob rules of one corpus directory's access.yaml, compiled once. */
interface CorpusRules {
  default?: Visibility;
  rules: { test: (file: string) => boolean; decl: Decl }[];
  /** Set when access.yaml exists but cannot be used: every document of the corpus is then hidden. */
  error?: string;
}

function loadRules(corpusDir: string): CorpusRules {
  const file = path.join(corpusDir, ACCESS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [] };
    return { rules: [], error: `${ACCESS_FILE}: unreadable: ${(e as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (e) {
    return { rules: [], error: `${ACCESS_FILE}: YAML error: ${(e as Error).message.split('\n')[0]}` };
  }
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) {
    return { rules: [], error: `${ACCESS_FILE}: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  }
  return {
    default: parsed.data.default,
    rules: parsed.data.rules.map((r) => ({
      test: picomatch(r.match, { dot: true }),
      decl: { visibility: r.visibility, allow: r.allow },
    })),
  };
}

/** Only the head of a Markdown file is read for front matter (it must open the file)… */
const FRONT_MATTER_BYTES = 8 * 1024;
const head = Buffer.alloc(FRONT_MATTER_BYTES);

/** …unless the file opens a front matter block that the head does not close: then the whole file. */
function readHead(abs: string): string {
  const fd = fs.openSync(abs, 'r');
  let text: string;
  try {
    const n = fs.readSync(fd, head, 0, head.length, 0);
    text = head.subarray(0, n).toString('utf8');
    if (n < head.length) return text;
  } finally {
    fs.closeSync(fd);
  }
  return /^\uFEFF?---/.test(text) && splitFrontMatter(text).yaml === undefined ? fs.readFileSync(abs, 'utf8') : text;
}

/**
 * Resolves access records for the documents of one or more corpus directories. access.yaml is read once per
 * corpus directory; each call to `resolve` reads the document's front matter (Markdown only) and sidecar.
 */
export class AccessResolver {
  private readonly rules = new Map<string, CorpusRules>();

  /** @param defaultVisibility for documents without metadata (config ZHIYIN_DEFAULT_VISIBILITY). */
  constructor(private readonly defaultVisibility: Visibility = 'public') {}

  private readonly exists = new Map<string, boolean>();

  private corpusExists(corpusDir: string): boolean {
    let e = this.exists.get(corpusDir);
    if (e === undefined) {
      e = fs.existsSync(corpusDir);
      this.exists.set(corpusDir, e);
    }
    return e;
  }

  private rulesOf(corpusDir: string): CorpusRules {
    let r = this.rules.get(corpusDir);
    if (!r) {
      r = loadRules(corpusDir);
      this.rules.set(corpusDir, r);
    }
    return r;
  }

  /**
   * The access record of `file` (corpus-relative, forward slashes) in `corpusDir`. Never throws: a problem
   * with any metadata source that applies to the file yields a hidden record with the reason.
   */
  resolve(corpusDir: string, file: string): AccessRecord {
    const rules = this.rulesOf(corpusDir);
    const fallback = rules.default ?? this.defaultVisibility;
    const hidden = (reason: string): AccessRecord => ({
      visibility: 'restricted',
      allow: [],
      source: 'default',
      hidden: { reason },
    });
    try {
      const abs = path.join(corpusDir, file);
      // An index whose corpus directory is absent (built from chunks in memory, or copied without its corpus)
      // has no per-file metadata to read: only the default applies. A missing file in a present corpus is a
      // problem (moved or deleted since the ingest) and hides the document below.
      if (!this.corpusExists(corpusDir)) return { visibility: fallback, allow: [], source: 'default' };
      if (/\.(md|markdown)$/i.test(file)) {
        const { yaml } = splitFrontMatter(readHead(abs));
        if (yaml !== undefined) {
          const rec = fromDecl(parseDecl(yaml, 'front matter'), 'front-matter', fallback);
          if (rec) return rec;
        }
      }
      const sidecar = abs + SIDECAR_SUFFIX;
      if (fs.existsSync(sidecar)) {
        const rec = fromDecl(parseDecl(fs.readFileSync(sidecar, 'utf8'), path.basename(sidecar)), 'sidecar', fallback);
        if (rec) return rec;
      }
      if (rules.error) return hidden(rules.error);
      for (const r of rules.rules) {
        if (!r.test(file)) continue;
        const rec = fromDecl(r.decl, 'access.yaml', fallback);
        if (rec) return rec;
      }
      return { visibility: fallback, allow: [], source: 'default' };
    } catch (e) {
      if (e instanceof MetadataError) return hidden(e.message);
      return hidden(`metadata unreadable: ${(e as Error).message}`);
    }
  }
}
