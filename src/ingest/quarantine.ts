// Files that killed or stalled the parse worker are moved out of the corpus, so that the next ingest (and the next
// server start, which ingests first) does not meet them again. Each is kept with a reason file for the operator.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Default quarantine folder: `data/quarantine` beside the corpus folder's parent layout (corpus/ and data/ in the
 * project root), so that `<root>/corpus/x.docx` goes to `<root>/data/quarantine/`.
 */
export function defaultQuarantineDir(corpusDir: string): string {
  return path.join(path.dirname(path.resolve(corpusDir)), 'data', 'quarantine');
}

/**
 * Move `corpusDir/file` to `quarantineDir/<timestamp>-<name>` and write `<that>.reason.json`
 * ({ file, corpusDir, code, message, at }). Returns the new path, or undefined when the file could not be moved
 * (already gone); never throws, since the caller is already reporting a failure.
 */
export function quarantineFile(
  corpusDir: string,
  file: string,
  reason: { code: string; message: string },
  quarantineDir = defaultQuarantineDir(corpusDir),
): string | undefined {
  const src = path.join(corpusDir, file);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = path.join(quarantineDir, `${stamp}-${path.basename(file)}`);
  try {
    fs.mkdirSync(quarantineDir, { recursive: true });
    try {
      fs.renameSync(src, dest);
    } catch (e) {
      // Another file system (a mounted corpus): copy, then remove.
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      fs.copyFileSync(src, dest);
      fs.rmSync(src);
    }
    const info = { file, corpusDir, code: reason.code, message: reason.message, at: new Date().toISOString() };
    fs.writeFileSync(`${dest}.reason.json`, `${JSON.stringify(info, null, 2)}\n`);
    console.error(JSON.stringify({ level: 'warn', msg: 'file quarantined', file, code: reason.code, to: dest }));
    return dest;
  } catch {
    return undefined;
  }
}
