// End to end in Chromium over the REAL pipeline: ../shared/corpus/gov-works ingested into a temp index
// (runIngest), openWebDeps → openChat + openAnswerer + ingestOneFile, startWebServer. Asks a staff question,
// checks the citation, rates it and finds the rating in the console, asks a follow-up, uploads a corrupt PDF
// (error shown; corpus and index untouched) and a good Markdown file (searchable right after), and checks a
// screenshot is not blank.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import { hasChromium, launchChromium } from '../support/chromium';
import { pngStats } from '../support/png';
import { tempWebConfig } from './temp-config';

const SHARED = path.resolve(process.cwd(), '../shared');
const GOV_WORKS = path.join(SHARED, 'corpus', 'gov-works');
const CORRUPT_PDF = path.join(SHARED, 'corpus', 'formats', '损坏文件-截断.pdf');
const hasShared = fs.existsSync(GOV_WORKS);
if (!hasShared) console.log('skipped: ../shared not found');
if (!hasChromium) console.log('skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk)');

describe.skipIf(!hasShared || !hasChromium)('web chat end to end over gov-works (real pipeline, Chromium)', () => {
  let tmp: string;
  let uploads: string;
  let web: OpenedWeb;
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-e2e-'));
    // Uploads go to the first corpus directory: a temp one, so ../shared is only ever read.
    uploads = path.join(tmp, 'uploads');
    fs.mkdirSync(uploads);
    const config = tempWebConfig(tmp, [uploads, GOV_WORKS].join(path.delimiter), { LOG_LEVEL: 'warn' });
    const summary = await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
    expect(summary.documents).toBe(30);
    const reports = path.join(tmp, 'reports', 'run-1');
    fs.mkdirSync(reports, { recursive: true });
    fs.writeFileSync(path.join(reports, 'report.html'), '<!doctype html><h1>评测报告 gov-works</h1>');
    web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
    server = await startWebServer(web, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    web?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function ask(text: string): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#question', text);
    await page.press('#question', 'Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.msg.bot:not(.pending):not(.streaming)').length > n,
      before,
      { timeout: 60_000 },
    );
  }
  const lastCard = () => page.locator('.msg.bot').last().locator('.card');

  it('answers a staff question with the right citation, and records 👍 in the feedback log', async () => {
    await page.goto(server.url);
    await ask('依法必须招标的项目，评标委员会至少要几个人？专家占比有什么要求？');
    const card = lastCard();
    expect(await card.count()).toBe(1);
    const text = (await card.locator('.answer-text').textContent()) ?? '';
    expect(text).toContain('五人以上单数');
    const citations = await card.locator('.citation summary').allTextContents();
    expect(citations).toContain('《中华人民共和国招标投标法》第三十七条');

    const idx = citations.indexOf('《中华人民共和国招标投标法》第三十七条');
    const cite = card.locator('.citation').nth(idx);
    await cite.locator('summary').click();
    expect((await cite.locator('blockquote').textContent())!.length).toBeGreaterThan(5);
    await cite.locator('.view-source').click();
    await page.waitForFunction(() => document.getElementById('article-text')!.textContent!.includes('第三十七条'));
    expect(await page.locator('#article-text').textContent()).toContain('三分之二');
    await page.keyboard.press('Escape');

    await card.locator('.fb-up').click();
    await page.waitForSelector('.feedback-done');
    const stored = await web.listFeedback(5);
    expect(stored[0]).toMatchObject({ rating: 'up', transport: 'web' });
    expect(stored[0]!.citations).toContain('《中华人民共和国招标投标法》第三十七条');
  });

  it('keeps the conversation for a follow-up', async () => {
    await ask('那投标截止前最少要留多少天？');
    const card = lastCard();
    expect(await card.count()).toBe(1);
    const citations = await card.locator('.citation summary').allTextContents();
    const shown = await card.locator('.answer-text').textContent();
    expect(citations.join(), `follow-up answer: ${shown}`).toContain('招标投标法');
  });

  it('shows the 👍 in the console feedback log, with status and the eval report', async () => {
    await page.goto(server.url + 'console');
    await page.waitForSelector('.feedback-row');
    const row = await page.locator('.feedback-row').first().textContent();
    expect(row).toContain('评标委员会至少要几个人');
    expect(row).toContain('《中华人民共和国招标投标法》第三十七条');
    await page.waitForFunction(() => document.getElementById('stat-documents')!.textContent === '30');
    const frame = page.frameLocator('iframe.report-frame');
    expect(await frame.locator('h1').textContent()).toBe('评测报告 gov-works');
  });

  it('rejects a corrupt PDF upload with a Chinese error and leaves corpus and index untouched', async () => {
    const before = await web.status();
    await page.setInputFiles('#upload-file', CORRUPT_PDF);
    await page.click('#upload-button');
    await page.waitForSelector('#upload-result.error-text:not(:empty)', { timeout: 60_000 });
    const msg = (await page.locator('#upload-result').textContent()) ?? '';
    expect(msg).toMatch(/上传失败：.*[\u4e00-\u9fff]/);
    expect(msg).toContain('E_CORRUPT_FILE');
    expect(fs.readdirSync(uploads)).toEqual([]);
    const after = await web.status();
    expect(after.chunks).toBe(before.chunks);
    expect(after.documents).toBe(before.documents);
    // No index file was rewritten, and the failure is not left behind as a per-file error.
    expect(after.lastIngestAt).toBe(before.lastIngestAt);
    expect(after.errors).toEqual([]);
  });

  it('indexes a good upload so the next question can cite it', async () => {
    const md = [
      '# 某市城市道路挖掘管理办法',
      '',
      '<!-- INFO END -->',
      '',
      '## 第一章 总则',
      '',
      '第一条 为加强城市道路挖掘管理，制定本办法。',
      '',
      '第二条 城市道路挖掘许可的有效期为四十五日，需要延期的，应当在期满前七日申请。',
      '',
    ].join('\n');
    await page.setInputFiles('#upload-file', {
      name: '城市道路挖掘管理办法.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(md),
    });
    await page.click('#upload-button');
    await page.waitForSelector('#upload-result.ok-text:not(:empty)', { timeout: 120_000 });
    expect(await page.locator('#upload-result').textContent()).toContain('已导入「城市道路挖掘管理办法.md」');
    expect(fs.readdirSync(uploads)).toEqual(['城市道路挖掘管理办法.md']);
    await page.waitForFunction(() => document.getElementById('stat-documents')!.textContent === '31');
    const status = await web.status();
    expect(status.documentList?.map((d) => d.file)).toContain('城市道路挖掘管理办法.md');

    await page.goto(server.url);
    await ask('城市道路挖掘许可的有效期是多少天？');
    const citations = await lastCard().locator('.citation summary').allTextContents();
    expect(citations).toContain('《某市城市道路挖掘管理办法》第二条');
    expect(await lastCard().locator('.answer-text').textContent()).toContain('四十五日');
  });

  it('renders a non-blank page at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const stats = pngStats(await page.screenshot());
    expect(stats.distinctColours).toBeGreaterThan(50);
    expect(stats.nonWhiteRatio).toBeGreaterThan(0.05);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
