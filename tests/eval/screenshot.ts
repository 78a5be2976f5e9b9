// Opens a local HTML file in Debian's headless Chromium (playwright-core, no bundled browser) and returns a
// full-page PNG screenshot. Network is blocked for the page, so anything fetched at view time would be missing.
import { pathToFileURL } from 'node:url';
import { hasChromium as hasChromiumBinary, launchChromium } from '../support/chromium';

export const hasChromium = () => hasChromiumBinary;

export async function screenshot(htmlFile: string): Promise<{ png: Buffer; requests: string[] }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    const png = await page.screenshot({ fullPage: true });
    return { png, requests };
  } finally {
    await browser.close();
  }
}
