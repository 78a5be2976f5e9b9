// The chat page and console in a real browser (Debian's Chromium), against fake dependencies: rendering,
// streaming, feedback, 查看原文, follow-ups, errors, upload errors, mobile width, offline-only requests.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/web/server';
import { hasChromium, launchChromium } from '../support/chromium';
import { createFakeDeps, type FakeDeps } from './fakes';
import { pngStats } from '../support/png';

if (!hasChromium) console.log('skipped: /usr/bin/chromium not found (apt-get install chromium fonts-noto-cjk)');

describe.skipIf(!hasChromium)('web UI in Chromium (fake deps)', () => {
  let deps: FakeDeps;
  let server: WebServer;
  let browser: Browser;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    deps = createFakeDeps();
    server = await startWebServer(deps, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(width = 1100, height = 800): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('request', (r) => {
      // Every server in these tests listens on 127.0.0.1; anything else would be a CDN/font/script from outside.
      if (!r.url().startsWith('data:') && new URL(r.url()).hostname !== '127.0.0.1') foreignRequests.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  async function ask(page: Page, text: string): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#question', text);
    await page.press('#question', 'Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.msg.bot:not(.pending):not(.streaming)').length > n,
      before,
    );
  }

  it('answers with a citation card, expandable quote, 查看原文, feedback and follow-ups', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await ask(page, '评标委员会由几人组成？');
    const card = page.locator('.card').last();
    await expect.poll(() => card.locator('.answer-text').textContent()).toContain('五人以上单数');
    const citation = card.locator('.citation summary').first();
    expect(await citation.textContent()).toBe('《中华人民共和国招标投标法》第三十七条');
    expect(await card.locator('.citation blockquote').isVisible()).toBe(false);
    await citation.click();
    expect(await card.locator('.citation blockquote').textContent()).toContain('三分之二');

    await card.locator('.view-source').click();
    await page.waitForFunction(() => document.getElementById('article-text')!.textContent!.includes('评标由招标人'));
    expect(await page.locator('#article-path').textContent()).toContain('第四章 开标、评标和中标');
    await page.keyboard.press('Escape');
    expect(await page.locator('#article-modal').isHidden()).toBe(true);

    await card.locator('.fb-up').click();
    await page.waitForSelector('.feedback-done');
    expect(await card.locator('.fb-up').isDisabled()).toBe(true);

    await ask(page, '那专家占多少？');
    const [first, second] = deps.messages.slice(-2);
    expect(second!.conversationId).toBe(first!.conversationId);
    expect(second!.userId).toBe(first!.userId);
    expect(await page.locator('.card').count()).toBe(2);

    // A refusal shows the nearby documents instead of citations.
    await ask(page, '火星上的工程怎么招标？');
    const refused = page.locator('.card.refused').last();
    expect(await refused.locator('.nearby li').first().textContent()).toBe('《中华人民共和国建筑法》第一条');

    // The 👍 shows up in the console's feedback log.
    await page.goto(server.url + 'console');
    await page.waitForSelector('.feedback-row');
    const row = page.locator('.feedback-row').first();
    expect(await row.textContent()).toContain('评标委员会由几人组成？');
    expect(await row.textContent()).toContain('有帮助');
    await page.close();
  });

  it('redraws the conversation after a reload and keeps following up in it', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await ask(page, '评标委员会由几人组成？');
    await page.locator('.card .fb-down').click();
    await page.waitForSelector('.feedback-done');
    const firstConversation = deps.messages.at(-1)!.conversationId;
    await page.reload();
    await page.waitForSelector('.card');
    expect(await page.locator('.msg.user .bubble').allTextContents()).toEqual(['评标委员会由几人组成？']);
    expect(await page.locator('.card .fb-down').isDisabled()).toBe(true);
    expect(await page.locator('.card .fb-down').getAttribute('class')).toContain('chosen');
    await ask(page, '那专家呢？');
    expect(deps.messages.at(-1)!.conversationId).toBe(firstConversation);
    // /new starts over: after another reload only the reset notice remains.
    await ask(page, '/new');
    await page.reload();
    await page.waitForSelector('.divider');
    expect(await page.locator('.card').count()).toBe(0);
    expect(await page.locator('.msg.user').count()).toBe(0);
    // A new tab is a new conversation.
    const other = await newPage();
    await other.goto(server.url);
    await ask(other, '评标委员会');
    expect(deps.messages.at(-1)!.conversationId).not.toBe(firstConversation);
    await other.close();
    await page.close();
  });

  it('passes commands to processMessage and renders them as text', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.click('button[data-send="/help"]');
    await page.waitForFunction(
      () => document.querySelector('.msg.bot:last-child .bubble')?.textContent === '使用帮助：直接输入问题即可。',
    );
    await ask(page, '/new');
    expect(await page.locator('.divider').count()).toBe(1);
    expect(deps.messages.slice(-2).map((m) => m.text)).toEqual(['/help', '/new']);
    await page.close();
  });

  it('shows streamed tokens before the final card', async () => {
    deps.streamTokens = ['评标委员会', '由五人以上', '单数组成'];
    deps.tokenDelayMs = 250;
    try {
      const page = await newPage();
      await page.goto(server.url);
      await page.fill('#question', '评标委员会人数');
      await page.press('#question', 'Enter');
      await page.waitForSelector('.msg.streaming');
      expect(await page.locator('.msg.streaming .bubble').textContent()).toMatch(/^评标委员会/);
      // A question typed while the answer streams is kept, not dropped.
      await page.fill('#question', '下一个问题');
      await page.press('#question', 'Enter');
      expect(await page.inputValue('#question')).toBe('下一个问题');
      await page.waitForSelector('.card');
      expect(await page.locator('.msg.streaming').count()).toBe(0);
      await page.close();
    } finally {
      deps.streamTokens = undefined;
      deps.tokenDelayMs = undefined;
    }
  });

  it('shows Chinese error messages for failed requests', async () => {
    const page = await newPage();
    await page.goto(server.url);
    // Feedback for an answer the server no longer knows (e.g. after a restart).
    await ask(page, '评标委员会');
    await page.route('**/api/feedback', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'E_BAD_REQUEST', message: '找不到要评价的回答（可能已被 /new 清除）。' },
        }),
      }),
    );
    await page.locator('.fb-down').last().click();
    await page.waitForSelector('.feedback-fail');
    expect(await page.locator('.feedback-fail').textContent()).toContain('找不到要评价的回答');
    // The server going away.
    await page.route('**/api/chat', (route) => route.abort('connectionrefused'));
    await ask(page, '还在吗？');
    expect(await page.locator('.msg.error .bubble').last().textContent()).toContain('无法连接服务器');
    await page.close();
  });

  it('rejects a bad upload with the server error and keeps the corpus untouched', async () => {
    const page = await newPage();
    await page.goto(server.url + 'console');
    await page.waitForFunction(() => document.getElementById('stat-documents')!.textContent === '2');
    expect(await page.locator('.error-table').textContent()).toContain('E_CORRUPT_FILE');
    const uploadsBefore = deps.uploads.length;
    await page.setInputFiles('#upload-file', {
      name: '../../假装是PDF.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('this is not a pdf'),
    });
    await page.click('#upload-button');
    await page.waitForSelector('#upload-result.error-text:not(:empty)');
    const msg = await page.locator('#upload-result').textContent();
    expect(msg).toContain('文件内容与扩展名「.pdf」不符');
    expect(msg).toContain('E_UNSUPPORTED_FORMAT');
    expect(deps.uploads.length).toBe(uploadsBefore);

    await page.setInputFiles('#upload-file', {
      name: '新规定.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('第一条 内容'),
    });
    await page.click('#upload-button');
    await page.waitForSelector('#upload-result.ok-text:not(:empty)');
    expect(await page.locator('#upload-result').textContent()).toContain('已导入「新规定.md」');
    expect(deps.uploads.at(-1)?.name).toBe('新规定.md');
    await page.close();
  });

  it('refuses a file over the size limit before sending it', async () => {
    const small = await startWebServer(deps, { host: '127.0.0.1', port: 0, maxUploadBytes: 2048 });
    const page = await newPage();
    const uploadsBefore = deps.uploads.length;
    let uploadRequests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/upload')) uploadRequests++;
    });
    try {
      await page.goto(small.url + 'console');
      await page.waitForFunction(() => document.getElementById('max-size')!.textContent === '2 KB');
      await page.setInputFiles('#upload-file', {
        name: '大文件.md',
        mimeType: 'text/markdown',
        buffer: Buffer.alloc(4096, 0x41),
      });
      expect(await page.locator('#upload-file-name').textContent()).toBe('大文件.md（4.0 KB）');
      await page.click('#upload-button');
      await page.waitForSelector('#upload-result.error-text:not(:empty)');
      expect(await page.locator('#upload-result').textContent()).toBe('文件太大：上限为 2 KB。');
      expect(uploadRequests).toBe(0);
      expect(deps.uploads.length).toBe(uploadsBefore);
    } finally {
      await page.close();
      await small.stop();
    }
  });

  it('fits a 390px-wide phone and renders a non-blank screenshot', async () => {
    const page = await newPage(390, 844);
    await page.goto(server.url);
    await ask(page, '评标委员会由几人组成？');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const cardBox = await page.locator('.card').last().boundingBox();
    expect(cardBox!.width).toBeGreaterThan(300);
    expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(390);
    const stats = pngStats(await page.screenshot());
    expect(stats.width).toBe(390);
    expect(stats.distinctColours).toBeGreaterThan(50);
    expect(stats.nonWhiteRatio).toBeGreaterThan(0.05);

    await page.goto(server.url + 'console');
    await page.waitForFunction(() => document.getElementById('stat-documents')!.textContent === '2');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('asks for the access token when one is set, then works with the cookie', async () => {
    const guarded = await startWebServer(deps, { host: '0.0.0.0', port: 0, accessToken: 'tok-123' });
    const base = guarded.url.replace('0.0.0.0', '127.0.0.1');
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await page.goto(base);
      expect(await page.locator('h1').textContent()).toBe('需要访问令牌');
      await page.fill('input[name=token]', 'tok-123');
      await page.click('button[type=submit]');
      await page.waitForSelector('#question');
      expect(page.url()).toBe(base);
      await ask(page, '评标委员会由几人组成？');
      expect(await page.locator('.card').count()).toBe(1);
    } finally {
      await page.close();
      await guarded.stop();
    }
  });

  it('loaded nothing from other hosts and raised no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
