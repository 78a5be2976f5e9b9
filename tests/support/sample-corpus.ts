// A private copy of the shipped sample documents for tests: the user's corpus/ changes with every console upload
// (and data/ with every run), so no test may read them in place. Only the files shipped with the project are
// copied — never whatever else a user added to corpus/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The sample documents shipped in corpus/ (keep in step with that folder and evals/sample.jsonl). */
export const SAMPLE_FILES = [
  '公文写作规范指南.md',
  '工程总承包项目管理办法.md',
  '常见问题.md',
  '新员工入职指南.md',
  '某市市政设施养护管理办法.md',
];

/** Copy the shipped sample documents into a new temp directory and return its path (caller removes it). */
export function sampleCorpusCopy(prefix = 'zhiyin-sample-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of SAMPLE_FILES) fs.copyFileSync(path.resolve('corpus', f), path.join(dir, f));
  return dir;
}
