import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZhiyinError } from '../../src/core/errors';
import { loadDocument } from '../../src/ingest/load-document';
import { pageLines } from '../../src/ingest/loaders/pdf-lines';
import { makePageTreeDag, makePdf, type PdfText } from '../fixtures/formats/make-pdf';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-pdf-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TITLE = '绿化养护巡查细则';
/** Two pages: a title and chapter headings in simulated bold, articles in plain text. */
function page(bold: Partial<PdfText>): PdfText[][] {
  return [
    [
      { x: 190, y: 770, size: 18, text: TITLE, ...bold },
      { x: 240, y: 735, size: 14, text: '第一章　总　则', ...bold },
      { x: 72, y: 700, size: 12, text: '第一条　为规范城区绿地的日常巡查，制定本细则。' },
      { x: 72, y: 680, size: 12, text: '第二条　巡查人员每日填写巡查记录。' },
    ],
    [
      { x: 230, y: 770, size: 14, text: '第二章　巡查要求', ...bold },
      { x: 72, y: 735, size: 12, text: '第三条　行道树每周巡查不少于三次，台风过后当日复查。' },
      { x: 72, y: 715, size: 12, text: '第四条　发现倒伏树木应当在两小时内设置围挡。' },
    ],
  ];
}

async function load(pages: PdfText[][]) {
  fs.writeFileSync(path.join(dir, 'x.pdf'), makePdf(pages));
  return loadDocument(dir, 'x.pdf');
}

describe('over-printed PDF text (simulated bold) counts once', () => {
  for (const [kind, bold] of [
    ['whole line drawn twice, 0.4 pt apart', { bold: 0.4 }],
    ['each glyph drawn twice, 0.4 pt apart', { bold: 0.4, perChar: true }],
    ['each glyph drawn twice, 0.9 pt apart', { bold: 0.9, perChar: true }],
  ] as const) {
    it(kind, async () => {
      const { doc, units } = await load(page(bold));
      expect(doc.title).toBe(TITLE);
      expect(units.map((u) => u.article)).toEqual(['第一条', '第二条', '第三条', '第四条']);
      const paths = units.map((u) => u.path.join(' / '));
      expect(paths[0]).toMatch(/^第一章\s*总\s*则$/);
      expect(paths[2]).toMatch(/^第二章\s*巡查要求$/);
      // The chapter heading of page 2 does not leak into the article before it.
      const second = units[1]?.paras.map((p) => p.text).join('');
      expect(second).toBe('第二条 巡查人员每日填写巡查记录。');
    });
  }

  it('keeps real repeated characters and text that is merely close', () => {
    const item = (str: string, x: number, y: number, size = 12) => ({
      str,
      transform: [size, 0, 0, size, x, y],
      width: Array.from(str).length * size,
      height: size,
    });
    // 「谢谢」 and 「..」 are real repeats one advance apart; the second line repeats the first 14 pt lower.
    expect(pageLines([item('谢谢各位', 72, 700), item('谢谢各位', 72, 686)])).toEqual(['谢谢各位', '谢谢各位']);
    expect(pageLines([item('allee', 72, 700, 6)])).toEqual(['allee']);
    // The same line drawn again at the end of the page (another drawing order) is still a copy.
    expect(pageLines([item('标题', 72, 700), item('正文内容', 72, 680), item('标题', 72.3, 700.2)])).toEqual([
      '标题',
      '正文内容',
    ]);
  });
});

describe('PDF page caps', () => {
  it('refuses a page tree that is a DAG claiming a billion pages, quickly and with a code', async () => {
    fs.writeFileSync(path.join(dir, 'dag.pdf'), makePageTreeDag(30, 2));
    const err = await loadDocument(dir, 'dag.pdf').catch((e: unknown) => e);
    expect(isZhiyinError(err) && err.code).toBe('E_TOO_LARGE');
    expect(isZhiyinError(err) && err.userMessage).toMatch(/页数过多/);
  });
  it('a small DAG (claimed count within the cap) fails as corrupt or loads, never hangs', async () => {
    fs.writeFileSync(path.join(dir, 'dag.pdf'), makePageTreeDag(3, 3));
    const err = await loadDocument(dir, 'dag.pdf').catch((e: unknown) => e);
    expect(isZhiyinError(err) && err.code).toMatch(/^E_(CORRUPT_FILE|NO_TEXT_LAYER|EMPTY_FILE)$/);
  });
});
