// Recursive listing of a corpus directory. Hidden files and folders (".git", ".DS_Store") and Office lock
// files ("~$报告.docx") are not documents and are skipped silently; every other file is listed, so unsupported
// types get an error entry instead of disappearing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAccessMetadataFile } from '../access/metadata';

function hidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$');
}

/** Corpus-relative paths with forward slashes, sorted for a deterministic order. */
export async function listCorpusFiles(corpusDir: string): Promise<string[]> {
  const out: string[] = [];
  // Real paths of visited folders: a link back to a parent folder must not loop forever.
  const seen = new Set<string>();
  const visit = async (rel: string) => {
    const real = await fs.realpath(path.join(corpusDir, rel));
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await fs.readdir(path.join(corpusDir, rel), { withFileTypes: true });
    for (const e of entries) {
      if (hidden(e.name)) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        // A link to a folder is followed; a dangling link is listed and reported as unreadable.
        isDir = (await fs.stat(path.join(corpusDir, child)).catch(() => undefined))?.isDirectory() ?? false;
      }
      if (isDir) await visit(child);
      // Access metadata (sidecar .meta.yaml, access.yaml) is read by src/access, not indexed as a document.
      else if (isAccessMetadataFile(child)) continue;
      else if (e.isFile() || e.isSymbolicLink()) out.push(child);
    }
  };
  await visit('');
  return out.sort();
}
