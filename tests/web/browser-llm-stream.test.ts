// LLM mode end to end: the real pipeline with an OpenAI-compatible fake server on 127.0.0.1 that streams its
// answer. The tokens must reach the page while they arrive (a streaming bubble), then the final card.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import { startFakeOpenAI, type FakeOpenAI } from '../llm/fake-openai-server';
import { hasChromium, launchChromium } from '../support/chromium';
import { tempWebConfig } from './temp-config';

// A small synthetic corpus keeps this test fast; the gov-works flow is covered by browser-e2e.test.ts.
const LAW = [
  '# 中华人民共和国招标投标法',
  '',
  '<!-- INFO END -->',
  '',
  '## 第四章 开标、评标和中标',
  '',
  '第三十六条 开标时，由投标人或者其推选的代表检查投标文件的密封情况。',
  '',
  '第三十七条 评标由招标人依法组建的评标委员会负责。',
  '',
  '依法必须进行招标的项目，其评标委员会由招标人的代表和有关技术、经济等方面的专家组成，成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二。',
  '',
  '第三十八条 招标人应当采取必要的措施，保证评标在严格保密的情况下进行。',
  '',
].join('\n');

describe.skipIf(!hasChromium)('web chat streams LLM tokens (real pipeline, fake LLM server)', () => {
  let tmp: string;
  let llm: FakeOpenAI;
  let web: OpenedWeb;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-llm-'));
    llm = await startFakeOpenAI([]);
    const corpus = path.join(tmp, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, '招标投标法.md'), LAW);
    const config = tempWebConfig(tmp, corpus, {
      LLM_BASE_URL: llm.baseURL,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'fake-model',
      LLM_MAX_RETRIES: '0',
      LOG_LEVEL: 'warn',
    });
    await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
    web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
    server = await startWebServer(web, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    web?.close();
    await llm?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the streamed text before the final answer card', async () => {
    llm.script.push({
      kind: 'stream',
      deltas: ['评标委员会成员人数为', '五人以上单数[1]', '，专家不得少于三分之二[1]。'],
    });
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(server.url);
    // Record every class the bot rows had, so a streaming state that lasted only a moment is still seen.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenClasses: string[] }).seenClasses = seen;
      new MutationObserver((records) => {
        for (const r of records) {
          const t = r.target as HTMLElement;
          if (r.type === 'attributes' && t.classList.contains('msg')) seen.push(t.className, r.oldValue ?? '');
        }
      }).observe(document.getElementById('messages')!, {
        attributes: true,
        attributeFilter: ['class'],
        attributeOldValue: true,
        subtree: true,
      });
    });
    await page.fill('#question', '依法必须招标的项目，评标委员会至少要几个人？专家占比有什么要求？');
    await page.press('#question', 'Enter');
    await page.waitForSelector('.card', { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenClasses: string[] }).seenClasses);
    expect(seen).toContain('msg bot streaming');
    expect(llm.requests.length).toBe(1);
    expect(llm.requests[0]!.body.stream).toBe(true);
    const card = page.locator('.card');
    expect(await card.locator('.answer-text').textContent()).toContain('五人以上单数');
    expect(await card.locator('.citation summary').allTextContents()).toContain(
      '《中华人民共和国招标投标法》第三十七条',
    );
    expect(await card.locator('.badge').textContent()).toBe('大模型生成');
    await page.close();
  });
  it('shows the extractive answer with a visible note when the LLM fails', async () => {
    llm.script.push({ kind: 'status', status: 500 });
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(server.url);
    await page.fill('#question', '评标委员会成员人数有什么要求？');
    await page.press('#question', 'Enter');
    await page.waitForSelector('.card', { timeout: 60_000 });
    expect(await page.locator('.card .badge').textContent()).toBe('原文摘录');
    expect(await page.locator('.card .note').textContent()).toMatch(/^提示：/);
    expect(await page.locator('.card .citation summary').allTextContents()).toContain(
      '《中华人民共和国招标投标法》第三十七条',
    );
    await page.close();
  });
});
