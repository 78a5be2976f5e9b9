// Minimal LawRefBook Markdown → article chunks. Used by tests and the bench as a fallback when the ingest
// pipeline (src/ingest) is not available; the product path is runIngest → buildSearchIndex.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../core/types';

const ARTICLE = /^第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?/;
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function splitLawMarkdown(corpusDir: string, file: string, md: string): Chunk[] {
  const lines = md.split(/\r?\n/);
  let title = path
    .basename(file)
    .replace(/\.md$/, '')
    .replace(/\(\d{4}-\d{2}-\d{2}\)$/, '');
  const t = lines.find((l) => l.startsWith('# '));
  if (t) title = t.slice(2).trim();
  const dateM = /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(file);
  const versionDate = dateM?.[1] ?? '';
  const start = lines.findIndex((l) => l.includes('<!-- INFO END -->'));
  const headings: string[] = [];
  const chunks: Chunk[] = [];
  let cur: { article: string; text: string[]; path: string[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const text = cur.text.join('\n');
    const seq = chunks.length;
    chunks.push({
      id: sha(`${file}#${seq}#${sha(text)}`).slice(0, 16),
      file,
      corpusDir,
      title,
      article: cur.article,
      headingPath: [title, ...cur.path, ...(cur.article ? [cur.article] : [])],
      text,
      page: null,
      versionDate,
      part: 0,
      seq,
      textHash: sha(text),
    });
    cur = undefined;
  };
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (!line) continue;
    const h = /^(#{2,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const level = h[1]!.length - 2;
      headings.length = level;
      headings[level] = h[2]!.trim();
      continue;
    }
    const a = ARTICLE.exec(line);
    if (a) {
      flush();
      cur = { article: a[0], text: [line], path: headings.filter(Boolean) };
    } else if (cur) cur.text.push(line);
    else cur = { article: '', text: [line], path: headings.filter(Boolean) };
  }
  flush();
  return chunks;
}

/** All *.md files under corpusDir, split into chunks (file paths relative to corpusDir). */
export function splitCorpusDir(corpusDir: string): Chunk[] {
  const out: Chunk[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const rel = path.relative(corpusDir, p).split(path.sep).join('/');
        out.push(...splitLawMarkdown(corpusDir, rel, fs.readFileSync(p, 'utf8')));
      }
    }
  };
  walk(corpusDir);
  return out;
}
