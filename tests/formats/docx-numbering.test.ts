import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZhiyinError } from '../../src/core/errors';
import { loadDocument } from '../../src/ingest/load-document';
import { formatNumber } from '../../src/ingest/loaders/docx-numbering';
import { lieAboutSizes, makeDocx, type DocxSpec } from '../fixtures/formats/make-docx';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-docx-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function paras(spec: DocxSpec): Promise<string[]> {
  fs.writeFileSync(path.join(dir, 'x.docx'), await makeDocx(spec));
  const { units } = await loadDocument(dir, 'x.docx');
  return units.flatMap((u) => u.paras.map((p) => p.text));
}

describe('Word automatic numbering is rendered as Word shows it', () => {
  it('第%1条 (chineseCounting) with a second level （%2）, restarted under each article', async () => {
    const spec: DocxSpec = {
      abstracts: {
        1: [
          { fmt: 'chineseCounting', text: '第%1条', suff: 'space' },
          { fmt: 'chineseCounting', text: '（%2）', suff: 'nothing' },
        ],
      },
      nums: [{ numId: 5, abstractId: 1 }],
      body: [
        { text: '园林绿化养护考核办法' },
        { text: '为规范绿化养护考核，制定本办法。', num: [5, 0] },
        { text: '考核内容包括：', num: [5, 0] },
        { text: '植物生长状况；', num: [5, 1] },
        { text: '设施完好情况。', num: [5, 1] },
        { text: '考核每季度进行一次。', num: [5, 0] },
        { text: '扣分项目如下：', num: [5, 0] },
        { text: '死株未补植的；', num: [5, 1] },
        ...Array.from({ length: 7 }, (_, i) => ({ text: `第${i + 5}项内容。`, num: [5, 0] as [number, number] })),
      ],
    };
    const units = await paras(spec);
    expect(units).toContain('第一条 为规范绿化养护考核，制定本办法。');
    expect(units).toContain('（一）植物生长状况；');
    expect(units).toContain('（二）设施完好情况。');
    expect(units).toContain('第三条 考核每季度进行一次。');
    // The second level restarts under 第四条.
    expect(units).toContain('（一）死株未补植的；');
    expect(units).toContain('第十一条 第11项内容。');
    fs.writeFileSync(path.join(dir, 'x.docx'), await makeDocx(spec));
    const { units: u } = await loadDocument(dir, 'x.docx');
    expect(u.map((x) => x.article)).toEqual(
      Array.from({ length: 11 }, (_, i) => `第${formatNumber(i + 1, 'chineseCounting')}条`),
    );
  });

  it('%1、 and %1. lists, a restarted list (startOverride) and numbering inherited from a paragraph style', async () => {
    const units = await paras({
      abstracts: {
        1: [
          { fmt: 'chineseCounting', text: '%1、', suff: 'nothing' },
          { fmt: 'decimal', text: '%2.', suff: 'space' },
        ],
        2: [{ fmt: 'decimal', text: '%1.', suff: 'tab' }],
      },
      nums: [
        { numId: 1, abstractId: 1 },
        { numId: 2, abstractId: 2 },
        { numId: 3, abstractId: 2, startOverride: { 0: 1 } },
      ],
      styles: { OutlineOne: { name: 'Outline One', num: [1, 0] } },
      body: [
        { text: '巡查工作指引' },
        { text: '总体要求', style: 'OutlineOne' },
        { text: '坚持日常巡查与专项检查相结合。' },
        { text: '巡查频次', style: 'OutlineOne' },
        { text: '主干道每日一次；', num: [2, 0] },
        { text: '次干道每周两次。', num: [2, 0] },
        { text: '记录要求', style: 'OutlineOne' },
        { text: '当日录入系统；', num: [3, 0] },
        { text: '照片不少于三张。', num: [3, 0] },
        { text: '细项', num: [1, 1] },
      ],
    });
    expect(units).toContain('一、总体要求');
    expect(units).toContain('二、巡查频次');
    expect(units).toContain('1. 主干道每日一次；');
    expect(units).toContain('2. 次干道每周两次。');
    expect(units).toContain('三、记录要求');
    expect(units).toContain('1. 当日录入系统；');
    expect(units).toContain('2. 照片不少于三张。');
    expect(units).toContain('1. 细项');
  });

  it('formats the number kinds bureaux use', () => {
    expect(formatNumber(21, 'chineseCounting')).toBe('二十一');
    expect(formatNumber(105, 'chineseCountingThousand')).toBe('一百零五');
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(12, 'chineseLegalSimplified')).toBe('拾贰');
    expect(formatNumber(4, 'decimalEnclosedCircle')).toBe('④');
    expect(formatNumber(14, 'upperRoman')).toBe('XIV');
    expect(formatNumber(28, 'lowerLetter')).toBe('bb');
    expect(formatNumber(7, 'decimal')).toBe('7');
  });
});

describe('zip bombs are refused before inflating', () => {
  async function code(bytes: Buffer): Promise<string> {
    fs.writeFileSync(path.join(dir, 'b.docx'), bytes);
    const e = await loadDocument(dir, 'b.docx').catch((err: unknown) => err);
    if (!isZhiyinError(e)) throw new Error(`expected a coded error, got ${String(e)}`);
    expect(e.userMessage).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message).not.toMatch(/yauzl|invalid|stream/i);
    return e.code;
  }
  it('an entry with an extreme compression ratio', async () => {
    const body = Array.from({ length: 60_000 }, () => ({ text: '重复段落' }));
    const bomb = await makeDocx({ body });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await code(bomb)).toBe('E_TOO_LARGE');
  });
  it('an entry that inflates to more than it declares', async () => {
    const doc = await makeDocx({ body: Array.from({ length: 2000 }, (_, i) => ({ text: `第${i}段内容文字` })) });
    expect(await code(lieAboutSizes(doc, 100))).toMatch(/^E_(TOO_LARGE|CORRUPT_FILE)$/);
  });
  it('a truncated package and a file that is not a zip', async () => {
    const doc = await makeDocx({ body: [{ text: '第一条 内容。' }] });
    expect(await code(doc.subarray(0, doc.length - 40))).toBe('E_CORRUPT_FILE');
    expect(await code(Buffer.from('这不是压缩包，只是一段文字。'.repeat(20)))).toBe('E_CORRUPT_FILE');
  });
});
