// Replace a file so readers see the old content or the new one, never half: write a temp file beside it, flush,
// then rename (atomic within one file system). A learn file cut short would silently teach less.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ZhiyinError } from '../core/errors';

export function writeFileAtomic(file: string, content: string): void {
  const target = path.resolve(file);
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, content, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (cause) {
    fs.rmSync(tmp, { force: true });
    throw new ZhiyinError('E_CONFIG', `Cannot write ${target}`, { cause });
  }
}
