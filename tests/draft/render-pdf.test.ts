// Renders a .docx with Debian's LibreOffice (soffice --headless --convert-to pdf) and reads the PDF back: the page
// count, and that a full page holds exactly 22 body lines (GB/T 9704-2012 5.2.3). Skips when soffice is absent.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../src/draft/drafter';
import { renderDocx } from '../../src/draft/docx';
import { pdfPageTexts } from '../../src/ingest/loaders/pdf';
import { fixedClock } from './fakes';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasSoffice)
  console.warn('skipped: soffice (LibreOffice) not found; install libreoffice-writer-nogui to run the render test');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-render-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 26 CJK characters: with the 2-character first-line indent, exactly one full 28-character line. */
const LINE = '各单位要高度重视明确分管负责人和具体承办人员结合本地';

async function pdfPages(docx: Uint8Array): Promise<string[]> {
  const file = path.join(dir, 'draft.docx');
  fs.writeFileSync(file, docx);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  // The product's own PDF reader (pdf.js text items, one line per text line).
  return pdfPageTexts(fs.readFileSync(path.join(dir, 'draft.pdf')), 'draft.pdf');
}

describe.skipIf(!hasSoffice)('LibreOffice render', () => {
  it('a full page holds 22 body lines of 28 characters; page numbers alternate', async () => {
    expect(LINE).toHaveLength(26);
    const draft = await createDrafter({ clock: fixedClock }).draft(
      '以市住房和建设局名义起草一份关于开展安全生产检查的通知，发给各直属单位',
    );
    draft.body = Array.from({ length: 60 }, () => ({ level: 0 as const, text: LINE }));
    const pages = await pdfPages(await renderDocx(draft));
    // 60 one-line paragraphs after the title and 主送: page 2 and 3 are all body, the 落款 spills to page 4.
    expect(pages).toHaveLength(4);
    const lines = (t: string) =>
      t
        .split('\n')
        .map((l) => l.replace(/\s/g, ''))
        .filter(Boolean);
    const page2 = lines(pages[1]!);
    expect(page2.at(-1)).toBe('—2—');
    const body = page2.slice(0, -1);
    expect(body).toHaveLength(22);
    for (const l of body) expect(l).toBe(LINE);
    expect(lines(pages[0]!).at(-1)).toBe('—1—');
    expect(lines(pages[3]!).slice(-2)).toEqual(['2026年6月1日', '—4—']);
  });
});
