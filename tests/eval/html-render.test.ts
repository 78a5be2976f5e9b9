// The HTML report renders its charts in a real browser with no network (toy data; the gov-works report is
// screenshotted by gate.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/eval/report-html';
import { buildSetReport } from '../../src/eval/set-report';
import { parseEvalSet } from '../../src/eval/dataset';
import { runSystem } from '../../src/eval/runner';
import { decodePng, pixelStats } from '../support/png';
import { hasChromium, screenshot } from './screenshot';
import { ScriptedRetriever, chunk } from './fakes';

if (!hasChromium()) console.warn('skipped: /usr/bin/chromium not found (apt-get install -y chromium fonts-noto-cjk)');

describe.skipIf(!hasChromium())('HTML report in headless Chromium', () => {
  it('shows both chart colours and makes no network request', async () => {
    const docs = [chunk('a.md', '甲法', '第一条'), chunk('b.md', '乙法', '第二条')];
    const items = parseEvalSet(
      docs
        .map((d, i) =>
          JSON.stringify({ id: `q${i}`, question: `问${i}`, gold: [{ law: d.title, article: d.article }] }),
        )
        .join('\n'),
    );
    const ours = await runSystem(items, {
      name: 'ours',
      retriever: new ScriptedRetriever(
        new Map([
          ['问0', docs],
          ['问1', docs],
        ]),
      ),
    });
    const baseline = await runSystem(items, {
      name: 'baseline',
      retriever: new ScriptedRetriever(
        new Map([
          ['问0', [...docs].reverse()],
          ['问1', [...docs].reverse()],
        ]),
      ),
    });
    const report = {
      generatedAt: 'now',
      sets: [buildSetReport({ name: 'toy', setFile: 't', corpusDirs: [], ours, baseline })],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-html-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, toHtml(report));
    const { png, requests } = await screenshot(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
    expect(requests).toEqual([]);
    const img = decodePng(png);
    const s = pixelStats(img);
    expect(img.width).toBeGreaterThanOrEqual(1200);
    expect(s.nonBackground / (img.width * img.height)).toBeGreaterThan(0.03);
    expect(s.colours).toBeGreaterThan(20);
    expect(s.has(0x2563eb)).toBeGreaterThan(2000); // our bars
    expect(s.has(0xf59e0b)).toBeGreaterThan(500); // baseline bars
  });
});
