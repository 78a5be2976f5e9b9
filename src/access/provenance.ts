// Provenance per document (issue 16, point 4): where a document came from — the shipped corpus, an
// administrator's upload or a user's upload — who and when; and the versions an upload under an existing name
// replaced, kept under <stateDir>/versions/ with who replaced them. A JSON ledger in the state directory; files
// it does not list are from the shipped corpus.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { replaceFile } from '../store/replace-file';

export type ProvenanceKind = 'corpus' | 'admin-upload' | 'user-upload';

/** Authority order used when two visible documents disagree: the shipped corpus first, user uploads last. */
export const AUTHORITY: Record<ProvenanceKind, number> = { corpus: 2, 'admin-upload': 1, 'user-upload': 0 };

export interface ProvenanceRecord {
  kind: ProvenanceKind;
  /** Uploader's user id (web:<id> or a Lark open_id); absent for the shipped corpus. */
  by?: string;
  /** ISO time of the upload. */
  at?: string;
  /** Earlier versions this file replaced, oldest first. */
  versions?: { at: string; replacedBy: string; previousKind: ProvenanceKind; previousBy?: string; path: string }[];
}

const recordSchema = z.object({
  kind: z.enum(['corpus', 'admin-upload', 'user-upload']),
  by: z.string().optional(),
  at: z.string().optional(),
  versions: z
    .array(
      z.object({
        at: z.string(),
        replacedBy: z.string(),
        previousKind: z.enum(['corpus', 'admin-upload', 'user-upload']),
        previousBy: z.string().optional(),
        path: z.string(),
      }),
    )
    .optional(),
});
const ledgerSchema = z.object({ files: z.record(z.string(), recordSchema) });

export const PROVENANCE_FILE = 'provenance.json';
export const VERSIONS_DIR = 'versions';

/** Label shown next to a citation / in the console. */
export function provenanceLabel(p: ProvenanceRecord | undefined): string {
  if (!p || p.kind === 'corpus') return '正式文件库';
  const who = p.by ? `，${p.by}` : '';
  const when = p.at ? `，${p.at.slice(0, 10)}` : '';
  return `${p.kind === 'admin-upload' ? '管理员上传' : '用户上传'}${who}${when}`;
}

export class ProvenanceLedger {
  private files: Record<string, ProvenanceRecord>;

  private constructor(private readonly stateDir: string) {
    this.files = ProvenanceLedger.read(path.join(stateDir, PROVENANCE_FILE));
  }

  static open(stateDir: string): ProvenanceLedger {
    return new ProvenanceLedger(stateDir);
  }

  private static read(file: string): Record<string, ProvenanceRecord> {
    if (!fs.existsSync(file)) return {};
    // A damaged ledger must not stop uploads or lose what it held: keep it aside and start a new one.
    try {
      return ledgerSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).files;
    } catch (e) {
      const aside = `${file}.damaged-${Date.now()}`;
      fs.renameSync(file, aside);
      console.warn(`provenance ledger unreadable (${(e as Error).message}); kept as ${aside}`);
      return {};
    }
  }

  /** The provenance of a corpus-relative file (shipped corpus when the ledger does not list it). */
  get(file: string): ProvenanceRecord {
    return this.files[file] ?? { kind: 'corpus' };
  }

  /**
   * Record a successful upload of `file` by `who`. When it replaced an existing file, `previousPath` is that
   * file's bytes (the uploader's backup): they are copied to <stateDir>/versions/<file>/<time>-<file> first.
   */
  recordUpload(
    file: string,
    who: { userId: string; admin: boolean },
    previousPath?: string,
    now = new Date(),
  ): ProvenanceRecord {
    const at = now.toISOString();
    const prev = this.get(file);
    const versions = [...(prev.versions ?? [])];
    if (previousPath && fs.existsSync(previousPath)) {
      const dir = path.join(this.stateDir, VERSIONS_DIR, file);
      fs.mkdirSync(dir, { recursive: true });
      const kept = path.join(dir, `${at.replace(/[:.]/g, '-')}-${path.basename(file)}`);
      fs.copyFileSync(previousPath, kept);
      versions.push({
        at,
        replacedBy: who.userId,
        previousKind: prev.kind,
        ...(prev.by ? { previousBy: prev.by } : {}),
        path: path.relative(this.stateDir, kept).split(path.sep).join('/'),
      });
    }
    const rec: ProvenanceRecord = {
      kind: who.admin ? 'admin-upload' : 'user-upload',
      by: who.userId,
      at,
      ...(versions.length ? { versions } : {}),
    };
    this.files[file] = rec;
    fs.mkdirSync(this.stateDir, { recursive: true });
    replaceFile(path.join(this.stateDir, PROVENANCE_FILE), JSON.stringify({ files: this.files }, null, 2));
    return rec;
  }
}
