// Each fixed format answerable end to end: runIngest on a temp corpus, then the production answerer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open';
import { loadConfig } from '../../src/config';
import type { Answerer } from '../../src/core/interfaces';
import { runIngest, type IngestSummary } from '../../src/ingest/run';
import { ocrAvailable } from '../../src/ingest/loaders/ocr';
import { makeDocx } from '../fixtures/formats/make-docx';
import { makePdf } from '../fixtures/formats/make-pdf';

const SCAN = path.resolve(__dirname, '../../../shared/corpus/formats/扫描件-建设工程质量管理条例-节选.pdf');
const withScan = fs.existsSync(SCAN) && (await ocrAvailable());
if (!withScan) console.warn('end-to-end OCR case skipped: tesseract or ../shared missing');

let tmp: string;
let answerer: Answerer;
let summary: IngestSummary;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-e2e-formats-'));
  const corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(
    path.join(corpus, '桥梁检测规程.pdf'),
    makePdf([
      [
        { x: 200, y: 770, size: 18, text: '桥梁定期检测规程', perChar: true, bold: 0.4 },
        { x: 240, y: 735, size: 14, text: '第一章　总　则', bold: 0.5 },
        { x: 72, y: 700, size: 12, text: '第一条　为规范城市桥梁的定期检测，制定本规程。' },
        { x: 72, y: 680, size: 12, text: '第二条　特大桥每年进行一次结构定期检测。' },
      ],
    ]),
  );
  fs.copyFileSync(path.resolve(__dirname, '../fixtures/formats/路灯维护规定.html'), path.join(corpus, '路灯.html'));
  fs.writeFileSync(
    path.join(corpus, '占道施工.docx'),
    await makeDocx({
      abstracts: { 1: [{ fmt: 'chineseCounting', text: '第%1条', suff: 'space' }] },
      nums: [{ numId: 1, abstractId: 1 }],
      body: [
        { text: '占道施工审批办法' },
        { text: '为规范占用城市道路施工的审批，制定本办法。', num: [1, 0] },
        { text: '占道施工期限超过三十日的，应当报市公共工程局审批。', num: [1, 0] },
        { text: '施工单位应当在占道范围外五十米设置告示牌。', num: [1, 0] },
      ],
    }),
  );
  if (withScan) fs.copyFileSync(SCAN, path.join(corpus, '质量条例扫描件.pdf'));
  const indexDir = path.join(tmp, 'index');
  summary = await runIngest({ corpusDirs: [corpus], indexDir, learnFiles: [] });
  const config = loadConfig(
    { ZHIYIN_STATE: path.join(tmp, 'state'), ZHIYIN_CORPUS: corpus, ZHIYIN_INDEX: indexDir },
    tmp,
  );
  ({ answerer } = await openAnswerer(config, indexDir));
}, 600_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('formats answerable end to end', () => {
  it('ingests every file without errors', () => {
    expect(summary.errors).toEqual([]);
  });
  it('over-printed PDF: cited once by its title and article', async () => {
    const a = await answerer.answer('特大桥多久做一次结构定期检测？');
    expect(a.citations[0]).toMatchObject({ title: '桥梁定期检测规程', article: '第二条' });
    expect(a.answer).not.toMatch(/桥梁定期检测规程\s*桥梁/);
  });
  it('saved web page: cites the <h1> title and never quotes the share bar', async () => {
    const a = await answerer.answer('主干道路灯坏了多长时间内要修好？');
    expect(a.citations[0]).toMatchObject({ title: '城市路灯设施维护规定', article: '第三条' });
    expect(a.answer).not.toMatch(/打印|分享|主办单位/);
  });
  it('auto-numbered DOCX: the article number is found by content and by reference', async () => {
    const a = await answerer.answer('占道施工期限超过多少日需要报市公共工程局审批？');
    expect(a.citations[0]).toMatchObject({ title: '占道施工审批办法', article: '第二条' });
    const b = await answerer.answer('《占道施工审批办法》第三条是怎么规定的？');
    expect(b.refused).toBe(false);
    expect(b.citations[0]?.article).toBe('第三条');
    expect(b.answer).toContain('五十米');
  });
  it.skipIf(!withScan)('scanned PDF (OCR): 第N条 answerable, citation marked 「（扫描件识别）」', async () => {
    const a = await answerer.answer('建设单位能不能把工程肢解发包？');
    const c = a.citations.find((x) => x.file === '质量条例扫描件.pdf');
    expect(c).toBeDefined();
    expect(c?.ocr).toBe(true);
    expect(c?.article).toMatch(/^第.+条$/);
    expect(a.answer).toContain('（扫描件识别）');
  });
});
