// Ingest benchmark: full ingest of a corpus into a temp index (documents/s, MB/s, peak RSS, time split into
// chunking and search-index build), then a second, no-op run whose time must stay under 10% of the first, then
// one 100-article document added (time until its index generation is published, and until it is served).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { verifyIndex } from '../index/generation-check';
import { ingestOneFile, runIngest } from '../ingest/run';
import { openRetriever } from '../retrieve/open';
import { listCorpusFiles } from '../ingest/walk';

async function corpusBytes(corpusDir: string): Promise<{ files: number; bytes: number }> {
  const files = await listCorpusFiles(corpusDir);
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(path.join(corpusDir, f), { throwIfNoEntry: false })?.size ?? 0;
  return { files: files.length, bytes };
}

export async function runIngestBench(opts: {
  corpusDir: string;
}): Promise<{ title: string; lines: string[]; json: Record<string, unknown> }> {
  const corpusDir = path.resolve(opts.corpusDir);
  const { files, bytes } = await corpusBytes(corpusDir);
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-ingest-bench-'));
  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const first = await runIngest({ corpusDirs: [corpusDir], indexDir, onProgress: sample });
    sample();
    const second = await runIngest({ corpusDirs: [corpusDir], indexDir });
    const update = await measureOneDocumentUpdate(indexDir);
    const totalS = first.ms / 1000;
    const indexMs = first.indexMs ?? 0;
    const chunkS = (first.ms - indexMs) / 1000;
    const mb = bytes / 1024 / 1024;
    const ratio = second.ms / first.ms;
    const json = {
      corpus: corpusDir,
      files,
      megabytes: Number(mb.toFixed(2)),
      documents: first.documents,
      chunks: first.chunks,
      errors: first.errors.length,
      totalMs: Math.round(first.ms),
      chunkingMs: Math.round(first.ms - indexMs),
      searchIndexMs: Math.round(indexMs),
      documentsPerSecond: Number((first.documents / totalS).toFixed(1)),
      megabytesPerSecond: Number((mb / totalS).toFixed(2)),
      chunkingDocumentsPerSecond: Number((first.documents / chunkS).toFixed(1)),
      chunkingMegabytesPerSecond: Number((mb / chunkS).toFixed(2)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      noopMs: Math.round(second.ms),
      noopRatio: Number(ratio.toFixed(4)),
      noopUnchanged: second.unchanged,
      update,
    };
    const lines = [
      `corpus: ${files} files, ${mb.toFixed(1)} MB → ${first.documents} documents, ${first.chunks} chunks, ${first.errors.length} errors`,
      `full ingest: ${totalS.toFixed(1)} s = chunking ${chunkS.toFixed(1)} s + search index ${(indexMs / 1000).toFixed(1)} s`,
      `throughput: ${json.documentsPerSecond} documents/s, ${json.megabytesPerSecond} MB/s ` +
        `(chunking only: ${json.chunkingDocumentsPerSecond} documents/s, ${json.chunkingMegabytesPerSecond} MB/s)`,
      `peak RSS: ${json.peakRssMb} MB`,
      `no-op re-ingest: ${second.ms.toFixed(0)} ms = ${(ratio * 100).toFixed(1)}% of the first run (target < 10%), ` +
        `${second.unchanged} unchanged`,
      `one 100-article document added: generation published in ${(update.publishMs / 1000).toFixed(1)} s, ` +
        `validated ${(update.verifyMs / 1000).toFixed(1)} s, opened by a server ${(update.openMs / 1000).toFixed(1)} s, ` +
        `found: ${update.found} (target ≤ 3 s; every update is still a full rebuild)`,
    ];
    return { title: 'Ingest', lines, json };
  } finally {
    clearInterval(timer);
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

/** Synthetic 100-article regulation (distinct wording per article), stored in its own temp corpus dir. */
function hundredArticles(): string {
  const n = (i: number) => `第${i}条`;
  const body = Array.from(
    { length: 100 },
    (_, i) => `${n(i + 1)} 测速办法第${i + 1}项：道路测速设施编号${i + 1}应当每${(i % 9) + 2}个月校准一次。`,
  );
  return `# 道路测速设施管理测试办法\n\n<!-- INFO END -->\n\n${body.join('\n\n')}\n`;
}

/**
 * Add one 100-article document to the built index (issue 14 point 7 target: searchable in ≤ 3 s). Returns
 * milliseconds until the new generation is published, to validate it, and to open it as a server does.
 */
export async function measureOneDocumentUpdate(
  indexDir: string,
): Promise<{ publishMs: number; verifyMs: number; openMs: number; found: boolean }> {
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-update-bench-'));
  try {
    fs.writeFileSync(path.join(extra, '道路测速设施管理测试办法.md'), hundredArticles());
    let t = performance.now();
    await ingestOneFile({ corpusDir: extra, file: '道路测速设施管理测试办法.md', indexDir });
    const publishMs = performance.now() - t;
    t = performance.now();
    await verifyIndex(indexDir);
    const verifyMs = performance.now() - t;
    t = performance.now();
    const engine = await openRetriever(loadConfig({}, os.tmpdir()), indexDir);
    const openMs = performance.now() - t;
    const hits = await engine.search('道路测速设施编号37多久校准', { k: 5 });
    return { publishMs, verifyMs, openMs, found: hits.some((h) => h.chunk.title === '道路测速设施管理测试办法') };
  } finally {
    fs.rmSync(extra, { recursive: true, force: true });
  }
}
