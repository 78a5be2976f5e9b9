import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZhiyinError } from '../../src/core/errors';
import { chunkDocument } from '../../src/ingest/chunker';
import { decodeText } from '../../src/ingest/decode';
import { loadDocument } from '../../src/ingest/load-document';

const FIXTURES = path.resolve(__dirname, '../fixtures/ingest');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-loaders-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function codeOf(file: string): Promise<string> {
  try {
    await loadDocument(dir, file);
    return 'ok';
  } catch (e) {
    if (!isZhiyinError(e)) throw e;
    expect(e.userMessage).toMatch(/[\u4e00-\u9fff]/);
    return e.code;
  }
}

/** Two articles hard-wrapped as printed lines (mid-sentence breaks, no spaces): what PDF/DOCX exports look like. */
const PRINTED_LINES = [
  '第一条 为了规范本局工程项目的档案管理工作，保证档案完整、',
  '准确、系统、安全，根据有关规定，结合本局实际，制定本',
  '规定。',
  '第二条 本规定适用于本局组织实施的全部工程项目，依照本',
  '第一条规定纳入管理的其他项目，参照本规定执行并由办公',
  '室统一负责档案的收集、整理、归档和移交等日常工作。',
];

describe('encodings', () => {
  it('detects and decodes GB18030/GBK text', async () => {
    const text =
      '第一条 为了加强对建设工程质量的管理，保证建设工程质量，制定本条例。\n第二条 本条例自发布之日起施行。\n';
    fs.writeFileSync(path.join(dir, 'gbk.txt'), iconv.encode(`示例条例\n\n${text}`, 'gb18030'));
    const { doc, units } = await loadDocument(dir, 'gbk.txt');
    expect(doc.title).toBe('示例条例');
    expect(units.map((u) => u.article)).toEqual(['第一条', '第二条']);
    expect(units[0]?.paras[0]?.text).toContain('保证建设工程质量');
    expect(decodeText(iconv.encode('汉字', 'gbk'), 'x')).toEqual({ text: '汉字', encoding: 'GB18030' });
    const big5 = '第一條 為了加強對建設工程質量的管理，保證建設工程質量，保護人民生命和財產安全，制定本條例。';
    expect(decodeText(iconv.encode(big5, 'big5'), 'x').text).toBe(big5);
  });
  it('strips a UTF-8 BOM and reads UTF-16 with BOM', () => {
    expect(decodeText(Buffer.from('\uFEFF第一条', 'utf8'), 'x').text).toBe('第一条');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('第一条', 'utf16le')]);
    expect(decodeText(le, 'x').text).toBe('第一条');
  });
  it('reports undecodable bytes as E_ENCODING', async () => {
    const bytes = Buffer.alloc(400);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 32; // control bytes: no text encoding fits
    bytes[0] = 0xff;
    fs.writeFileSync(path.join(dir, 'binary.txt'), bytes);
    expect(await codeOf('binary.txt')).toBe('E_ENCODING');
  });
});

describe('bad input', () => {
  it('gives each kind of bad file its own code and a Chinese message', async () => {
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    fs.writeFileSync(path.join(dir, 'blank.txt'), '  \n\n \u3000\n');
    fs.writeFileSync(path.join(dir, 'sheet.xlsx'), 'PK');
    fs.symlinkSync(path.join(dir, 'does-not-exist.md'), path.join(dir, 'dangling.md'));
    fs.writeFileSync(path.join(dir, 'broken.docx'), 'this is not a zip file');
    fs.writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
    // Sparse file: the size check must refuse it before reading 51 MB.
    fs.closeSync(fs.openSync(path.join(dir, 'huge.txt'), 'w'));
    fs.truncateSync(path.join(dir, 'huge.txt'), 51 * 1024 * 1024);
    expect(await codeOf('empty.md')).toBe('E_EMPTY_FILE');
    expect(await codeOf('blank.txt')).toBe('E_EMPTY_FILE');
    expect(await codeOf('sheet.xlsx')).toBe('E_UNSUPPORTED_FORMAT');
    expect(await codeOf('dangling.md')).toBe('E_UNREADABLE');
    expect(await codeOf('broken.docx')).toBe('E_CORRUPT_FILE');
    expect(await codeOf('broken.pdf')).toBe('E_CORRUPT_FILE');
    expect(await codeOf('huge.txt')).toBe('E_TOO_LARGE');
  });
});

describe('formats', () => {
  it('reads HTML headings and paragraphs, skipping scripts, styles and navigation', async () => {
    const { doc, units } = await loadDocument(FIXTURES, '通知.html');
    expect(doc.title).toBe('关于做好汛期安全工作的通知');
    expect(doc.format).toBe('html');
    const chunks = chunkDocument(doc, units);
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/不应出现|color|首页/);
    const flood = chunks.find((c) => c.text.includes('深基坑'));
    expect(flood?.headingPath).toEqual([
      '关于做好汛期安全工作的通知',
      '一、加强在建工程巡查',
      '（一）汛期前完成一次全面排查',
    ]);
    expect(flood?.text).toContain('（一）汛期前完成一次全面排查。\n重点检查深基坑和高边坡。');
    expect(chunks.find((c) => c.text.includes('深基坑'))?.text).toContain('\n特别提示：严禁冒险作业。');
    const duty = chunks.find((c) => c.text.includes('30分钟'));
    expect(duty?.headingPath).toEqual(['关于做好汛期安全工作的通知', '二、落实值班制度']);
  });

  it('re-joins hard-wrapped plain text and keeps cross-references inside their article', async () => {
    const { doc, units } = await loadDocument(FIXTURES, 'wrapped.txt');
    expect(doc.title).toBe('示例管理规定');
    const chunks = chunkDocument(doc, units);
    expect(chunks.map((c) => c.article)).toEqual(['第一条', '第二条', '第三条']);
    expect(chunks[1]?.text).toBe(
      '第二条 本规定适用于本局组织实施的全部工程项目，包括新建、改建和扩建项目，以及依照本规定第一条规定纳入管理的其他项目。',
    );
  });

  it('keeps title, history and version date of LawRefBook Markdown, with extra title lines as a part', async () => {
    const md =
      '# 中华人民共和国民法典\n\n# 合同编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n2021年1月1日 施行\n\n<!-- INFO END -->\n\n## 第一分编  通则\n\n### 第一章  一般规定\n\n第四百六十三条 本编调整因合同产生的民事关系。\n';
    fs.writeFileSync(path.join(dir, '合同编.md'), md);
    const { doc, units } = await loadDocument(dir, '合同编.md');
    expect(doc.title).toBe('中华人民共和国民法典');
    expect(doc.history).toHaveLength(2);
    expect(doc.versionDate).toBe('2021-01-01');
    const [c] = chunkDocument(doc, units);
    expect(c?.headingPath).toEqual([
      '中华人民共和国民法典',
      '合同编',
      '第一分编 通则',
      '第一章 一般规定',
      '第四百六十三条',
    ]);
  });

  it('falls back to the file name for a missing title and version date', async () => {
    fs.writeFileSync(
      path.join(dir, '抗震条例(2021-07-19).md'),
      '# 建设工程抗震管理条例\n\n<!-- INFO END -->\n\n第一条 为了…\n',
    );
    const a = await loadDocument(dir, '抗震条例(2021-07-19).md');
    expect(a.doc).toMatchObject({ title: '建设工程抗震管理条例', versionDate: '2021-07-19', history: [] });
    fs.writeFileSync(path.join(dir, '办事指南.md'), '## 一、总则\n\n本指南适用于…\n');
    const b = await loadDocument(dir, '办事指南.md');
    expect(b.doc.title).toBe('办事指南');
    expect(b.doc.versionDate).toBeUndefined();
    expect(b.units[0]?.path).toEqual(['一、总则']);
  });

  it('re-joins hard-wrapped Markdown paragraphs but keeps one-item-per-line lists', async () => {
    const wrappedMd = ['# 示例规定', '', ...PRINTED_LINES, '第三条 本规定自印发之日起施行。'].join('\n');
    fs.writeFileSync(path.join(dir, 'w.md'), wrappedMd);
    const { units } = await loadDocument(dir, 'w.md');
    expect(units.map((u) => u.article)).toEqual(['第一条', '第二条', '第三条']);
    expect(units[1]?.paras.map((p) => p.text)).toEqual([
      '第二条 本规定适用于本局组织实施的全部工程项目，依照本第一条规定纳入管理的其他项目，参照本规定执行并由办公室统一负责档案的收集、整理、归档和移交等日常工作。',
    ]);
    // Own outline text (not the user's corpus/): a section whose list items each stand on their own line.
    const outline = [
      '# 示例指南',
      '',
      '## 一、报到',
      '',
      '（一）报到时间。录用通知载明的日期上午报到。',
      '',
      '（二）需要携带的材料。报到时请携带：',
      '',
      '1. 身份证原件及复印件；',
      '2. 学历证书原件；',
      '3. 一寸照片四张。',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'outline.md'), outline);
    const { units: sample } = await loadDocument(dir, 'outline.md');
    const materials = sample.find((u) => u.label === '（二）需要携带的材料');
    expect(materials?.paras.map((p) => p.text.slice(0, 2))).toEqual(['（二', '1.', '2.', '3.']);
  });

  it('re-joins HTML/DOCX paragraphs that are really printed lines', async () => {
    const lines = PRINTED_LINES;
    const html = `<h1>示例规定</h1>${lines.map((l) => `<p>${l}</p>`).join('')}`;
    fs.writeFileSync(path.join(dir, 'lines.html'), html);
    const { units } = await loadDocument(dir, 'lines.html');
    expect(units.map((u) => u.paras.map((p) => p.text))).toEqual([
      [
        '第一条 为了规范本局工程项目的档案管理工作，保证档案完整、准确、系统、安全，根据有关规定，结合本局实际，制定本规定。',
      ],
      [
        '第二条 本规定适用于本局组织实施的全部工程项目，依照本第一条规定纳入管理的其他项目，参照本规定执行并由办公室统一负责档案的收集、整理、归档和移交等日常工作。',
      ],
    ]);
  });

  it('treats text exported from PDF (form feeds, running header, page numbers) like a PDF', async () => {
    const page = (n: number, body: string[]) => ['某某局文件', ...body, `- ${n} -`].join('\n');
    const text = [
      page(1, [
        '示例办法',
        '第一条 为了规范本局工程项目的档案管理工作，保证档案完',
        '整、准确、系统、安全，制定本办法。',
        '第二条 本办法适用于本局组织实施的全部工程项目，包括新',
      ]),
      page(2, [
        '建、改建和扩建项目，以及其他依照本办法管理的项目，具体',
        '范围由办公室会同有关科室确定并报局领导批准后公布执行。',
        '第三条 本办法自印发之日起施行。',
      ]),
    ].join('\f');
    fs.writeFileSync(path.join(dir, 'export.txt'), text);
    const { doc, units } = await loadDocument(dir, 'export.txt');
    expect(doc.title).toBe('示例办法');
    const chunks = chunkDocument(doc, units);
    expect(chunks.map((c) => [c.article, c.page])).toEqual([
      ['第一条', 1],
      ['第二条', 1],
      ['第三条', 2],
    ]);
    expect(chunks[1]?.text).toBe(
      '第二条 本办法适用于本局组织实施的全部工程项目，包括新建、改建和扩建项目，以及其他依照本办法管理的项目，具体范围由办公室会同有关科室确定并报局领导批准后公布执行。',
    );
    expect(chunks.map((c) => c.text).join('')).not.toMatch(/某某局文件|- \d -/);
  });
});
