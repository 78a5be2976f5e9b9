import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/ingest/load-document';
import { ocrAvailable, tidyOcrText } from '../../src/ingest/loaders/ocr';
import { articleAccuracy, editDistance } from '../../src/ingest/ocr-accuracy';

const SHARED = path.resolve(__dirname, '../../../shared/corpus');
const SCAN = '扫描件-建设工程质量管理条例-节选.pdf';
const hasShared = fs.existsSync(path.join(SHARED, 'formats', SCAN));
const hasOcr = await ocrAvailable();
if (!hasOcr) console.warn('OCR tests skipped: tesseract-ocr / tesseract-ocr-chi-sim / poppler-utils not installed');
if (!hasShared) console.warn('OCR accuracy test skipped: ../shared not found');

describe('OCR helpers', () => {
  it('edit distance and accuracy', () => {
    expect(editDistance([...'第三条'], [...'第三条'])).toBe(0);
    expect(editDistance([...'擅目简化'], [...'擅自简化'])).toBe(1);
    const r = articleAccuracy(
      new Map([['第一条', '第一条 甲乙丙丁']]),
      new Map([
        ['第一条', '第一条 甲乙丙戊'],
        ['第二条', '第二条 子'],
      ]),
      ['第一条', '第二条'],
    );
    expect(r.missing).toEqual(['第二条']);
    expect(r.errors).toBe(1 + 4);
  });
  it('keeps real spaces, collapses runs, and restores page numbers read as 一 1 一', () => {
    expect(tidyOcrText('第一章  总则\n一 1 一\n第一条 为了')).toBe('第一章 总则\n— 1 —\n第一条 为了');
  });
});

describe.skipIf(!hasOcr || !hasShared)('OCR of a scanned PDF (tesseract chi_sim)', () => {
  it('reads the scan with character accuracy ≥ 0.95 against the same articles, every 第N条 found', async () => {
    const progress: number[] = [];
    const scan = await loadDocument(path.join(SHARED, 'formats'), SCAN, undefined, {
      onProgress: (done) => progress.push(done),
    });
    const ref = await loadDocument(path.join(SHARED, 'gov-works'), '建设工程质量管理条例(2019-04-23).md');
    const byArticle = (units: typeof scan.units) =>
      new Map(units.filter((u) => u.article).map((u) => [u.article, u.paras.map((p) => p.text).join('')]));
    const ocr = byArticle(scan.units);
    const reference = byArticle(ref.units);
    expect(scan.doc.title).toBe('建设工程质量管理条例');
    expect(scan.doc.ocr).toBe(true);
    // The excerpt holds the first articles: every reference article up to the last one OCR found is expected.
    const order = [...reference.keys()];
    const last = Math.max(...[...ocr.keys()].map((a) => order.indexOf(a)));
    expect(last).toBeGreaterThanOrEqual(5);
    const report = articleAccuracy(ocr, reference, order.slice(0, last + 1));
    console.log(
      `OCR accuracy ${report.accuracy.toFixed(4)} over ${report.articles} articles (${report.referenceChars} chars)`,
    );
    expect(report.missing).toEqual([]);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(1);
  }, 600_000);
});

describe('parse progress with ETA', () => {
  it('publishes page events with a linear estimate and draws on a terminal', async () => {
    const { parseEvents, parseProgress, formatEta } = await import('../../src/ingest/ocr-progress');
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    let t = 0;
    const events: { done: number; etaMs?: number }[] = [];
    const on = (e: { done: number; etaMs?: number }) => events.push(e);
    parseEvents.on('progress', on);
    parseEvents.on('finished', on);
    const step = parseProgress('扫描.pdf', tty, () => t);
    step(0, 4, 'ocr');
    t = 10_000;
    step(1, 4, 'ocr');
    t = 40_000;
    step(4, 4, 'ocr');
    parseEvents.off('progress', on);
    parseEvents.off('finished', on);
    expect(events.map((e) => e.done)).toEqual([0, 1, 4]);
    expect(events[1]?.etaMs).toBe(30_000);
    expect(written.join('')).toContain('预计剩余 30 秒');
    expect(written.join('')).toContain('用时 40 秒');
    expect(formatEta(130_000)).toBe('2 分 10 秒');
  });
});
