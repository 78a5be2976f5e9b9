// Finds the newest eval report under the reports root: `latest/report.html` when present (the eval helper's
// documented default), else the most recently written `<dir>/report.html` (`zhiyin eval` writes timestamped dirs).
import fs from 'node:fs';
import path from 'node:path';

export function findLatestReport(reportsRoot: string): string | undefined {
  const latest = path.join(reportsRoot, 'latest', 'report.html');
  if (fs.existsSync(latest)) return latest;
  let best: { file: string; mtime: number } | undefined;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(reportsRoot, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const file = path.join(reportsRoot, e.name, 'report.html');
    try {
      const mtime = fs.statSync(file).mtimeMs;
      if (!best || mtime > best.mtime) best = { file, mtime };
    } catch {
      // Directory without a report (in progress or something else): skip.
    }
  }
  return best?.file;
}
