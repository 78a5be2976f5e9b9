// Console delete of one corpus document: the file is moved (not unlinked) into a trash dir with a JSON record
// of who deleted it and when, so it stays recoverable; then the index drops it (a new generation). If the
// re-index fails, the file is moved back and the index is left as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import type { DeleteResult } from './deps';
import type { IngestOneResult } from './uploader';
import { userMessageFor } from './messages';

export interface DeleterOptions {
  corpusDir: string;
  /** Where deleted files go (DATA/trash next to the state dir in production). */
  trashDir: string;
  /** Remove one corpus-relative file from the index (removeOneFile in a child process in production). */
  removeOne: (file: string) => Promise<IngestOneResult>;
  now?: () => Date;
}

/** DATA/trash: beside the state dir (data/state → data/trash), so no new setting is needed. */
export function trashDirFor(config: Pick<Config, 'stateDir'>): string {
  return path.join(path.dirname(path.resolve(config.stateDir)), 'trash');
}

/**
 * Returns delete(file, by): `file` is corpus-relative as listed by /api/status; `by` names who asked (kept in
 * the trash record). Errors: E_BAD_REQUEST (Chinese userMessage) for a name outside the corpus or not a file.
 */
export function createDocumentDeleter(opts: DeleterOptions): (file: string, by: string) => Promise<DeleteResult> {
  const corpusDir = path.resolve(opts.corpusDir);
  const now = opts.now ?? (() => new Date());
  return async (file, by) => {
    const rel = file.split(/[\\/]+/).join('/');
    const abs = path.resolve(corpusDir, rel);
    const inside = abs.startsWith(corpusDir + path.sep) && !rel.split('/').some((s) => s === '..' || s === '');
    if (!inside || !fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      throw new ZhiyinError('E_BAD_REQUEST', `no such corpus file: ${JSON.stringify(file)}`, {
        userMessage: '知识库中没有这个文件（可能已被删除）。',
      });
    }
    fs.mkdirSync(opts.trashDir, { recursive: true });
    const at = now();
    const stamp = `${at.toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}`;
    const trashed = path.join(opts.trashDir, `${stamp}-${path.basename(rel)}`);
    moveFile(abs, trashed);
    const record = { file: rel, corpusDir, trashedTo: trashed, deletedAt: at.toISOString(), by };
    fs.writeFileSync(`${trashed}.json`, JSON.stringify(record, null, 2));
    try {
      const summary = await opts.removeOne(rel);
      if (summary.errors.length > 0) throw new ZhiyinError('E_INTERNAL', summary.errors[0]!.message);
      console.error(JSON.stringify({ level: 'info', msg: 'document.deleted', ...record }));
      return {
        ok: true,
        file: rel,
        trashedTo: trashed,
        documents: summary.documents,
        chunks: summary.chunks,
        errors: [],
      };
    } catch (e) {
      // Nothing stored is lost: put the file back; the index still holds it.
      moveFile(trashed, abs);
      fs.rmSync(`${trashed}.json`, { force: true });
      const code = isZhiyinError(e) ? e.code : 'E_INTERNAL';
      console.error(JSON.stringify({ level: 'error', msg: 'document delete failed', file: rel, err: String(e) }));
      return { ok: false, file: rel, errors: [{ file: rel, code, message: `删除失败：${userMessageFor(code)}` }] };
    }
  };
}

/** rename, or copy + unlink when the trash is on another file system. */
function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.copyFileSync(from, to);
    fs.rmSync(from);
  }
}
