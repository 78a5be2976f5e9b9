// Real-world file shapes from ../shared/corpus/formats, compared with their Markdown versions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types';
import { chunkDocument } from '../../src/ingest/chunker';
import { loadDocument } from '../../src/ingest/load-document';
import { ocrAvailable } from '../../src/ingest/loaders/ocr';
import { runIngest } from '../../src/ingest/run';

const SHARED = path.resolve(process.cwd(), '../shared');
const FORMATS = path.join(SHARED, 'corpus/formats');
const GOV = path.join(SHARED, 'corpus/gov-works');
if (!fs.existsSync(SHARED)) console.log('skipped: ../shared not found');

const strip = (s: string) => s.replace(/\s+/g, '');
async function chunksOf(dir: string, file: string): Promise<Chunk[]> {
  const { doc, units } = await loadDocument(dir, file);
  return chunkDocument(doc, units);
}
async function compare(dir: string, file: string, mdFile: string) {
  const chunks = (await chunksOf(dir, file)).filter((c) => c.article);
  const md = new Map((await chunksOf(GOV, mdFile)).filter((c) => c.article).map((c) => [c.article, strip(c.text)]));
  const equal = chunks.filter((c) => md.get(c.article) === strip(c.text)).length;
  return { chunks, equal };
}

describe.skipIf(!fs.existsSync(SHARED))('shared corpus/formats', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-formats-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('PDF yields exactly 第一条…第八十二条, matching the Markdown text, without page furniture', async () => {
    const { chunks, equal } = await compare(FORMATS, '建设工程质量管理条例.pdf', '建设工程质量管理条例(2019-04-23).md');
    expect(chunks.map((c) => c.article)).toEqual(
      (await chunksOf(GOV, '建设工程质量管理条例(2019-04-23).md')).filter((c) => c.article).map((c) => c.article),
    );
    expect(chunks).toHaveLength(82);
    expect(chunks[0]?.article).toBe('第一条');
    expect(chunks[81]?.article).toBe('第八十二条');
    expect(equal).toBeGreaterThanOrEqual(80);
    for (const c of chunks) {
      expect(c.text).not.toMatch(/—\s*\d+\s*—|公开/);
      expect(c.page).toBeGreaterThanOrEqual(1);
    }
    expect(chunks.find((c) => c.article === '第四十条')?.headingPath).toEqual([
      '建设工程质量管理条例',
      '第六章 建设工程质量保修',
      '第四十条',
    ]);
    expect(chunks[81]?.page).toBe(20);
  });

  it('DOCX yields the 39 articles, matching the Markdown text', async () => {
    const { chunks, equal } = await compare(FORMATS, '政府投资条例.docx', '政府投资条例(2019-04-14).md');
    expect(chunks).toHaveLength(39);
    expect(equal).toBeGreaterThanOrEqual(37);
    const { doc } = await loadDocument(FORMATS, '政府投资条例.docx');
    expect(doc.title).toBe('政府投资条例');
    expect(doc.history[0]).toMatch(/^2018年12月5日/);
  });

  it('ingesting the folder reports the truncated PDF, OCRs the scan (or reports it without OCR), indexes the rest', async () => {
    const s = await runIngest({ corpusDirs: [FORMATS], indexDir: path.join(tmp, 'index'), buildIndex: async () => {} });
    const codes = Object.fromEntries(s.errors.map((e) => [e.file, e.code]));
    const ocr = await ocrAvailable();
    expect(codes).toEqual({
      ...(ocr ? {} : { '扫描件-建设工程质量管理条例-节选.pdf': 'E_NO_TEXT_LAYER' }),
      '损坏文件-截断.pdf': 'E_CORRUPT_FILE',
    });
    expect(s.documents).toBe(ocr ? 3 : 2);
    if (!ocr) expect(s.chunks).toBe(82 + 39);
    else expect(s.chunks).toBeGreaterThan(82 + 39);
  }, 600_000);
});
