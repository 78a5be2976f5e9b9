// Replace a file so that readers see the old content or the new one, never half of it: write a temp file beside
// it, flush it to disk, then rename (atomic within one file system). Shared by every writer of stored state:
// index arrays and JSON, the chunk snapshot, exported learn files.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function replaceFile(file: string, data: string | Uint8Array): void {
  const target = path.resolve(file);
  // Dot-prefixed and random: never mistaken for a real index file, never shared by two writers.
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
