// Writes every report form into one directory: report.json, report.md, report.html and per-question JSONL.
import fs from 'node:fs';
import path from 'node:path';
import { toHtml } from './report-html';
import { toJsonl, toSummaryJson } from './report-json';
import { toMarkdown } from './report-md';
import type { EvalReport } from './types';

export function slug(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'set';
}

export function writeReport(report: EvalReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', JSON.stringify(toSummaryJson(report), null, 2) + '\n'],
    ['report.md', toMarkdown(report)],
    ['report.html', toHtml(report)],
  ];
  for (const s of report.sets) {
    files.push([`${slug(s.name)}.ours.jsonl`, toJsonl(s.ours)]);
    if (s.baseline) files.push([`${slug(s.name)}.baseline.jsonl`, toJsonl(s.baseline)]);
  }
  return files.map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}
