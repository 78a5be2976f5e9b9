import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkText, docxText } from '../../src/draft/check';
import { createDrafter } from '../../src/draft/drafter';
import { renderDocx } from '../../src/draft/docx';
import { fixedClock } from './fakes';

const rules = (text: string) => checkText(text).map((f) => f.rule);

const CLEAN = [
  '市建设局关于开展安全检查的通知',
  '',
  '各区建设局：',
  '\u3000\u3000为加强安全管理，现将有关事项通知如下：',
  '\u3000\u3000一、检查时间',
  '\u3000\u3000（一）自查阶段',
  '\u3000\u30001.各单位自查。',
  '\u3000\u3000（1）施工现场。',
  '\u3000\u3000特此通知。',
  '',
  '\u3000\u3000附件：1.检查表',
  '\u3000\u3000\u3000\u3000\u30002.报名表',
  '',
  '市建设局',
  '2026年6月1日',
].join('\n');

describe('公文体检', () => {
  it('a clean notice has no findings', () => {
    expect(checkText(CLEAN)).toEqual([]);
  });

  it('finds each seeded error with its rule id and line', () => {
    expect(
      checkText(CLEAN.replace('市建设局关于开展安全检查的通知', '开展安全检查')).map((f) => [f.rule, f.line]),
    ).toEqual([['title-form', 1]]);
    expect(rules(CLEAN.replace('各区建设局：\n', ''))).toEqual(['addressee-missing']);
    expect(rules(CLEAN.replace('各区建设局：', '各区建设局：\n局属各单位：'))).toEqual(['addressee-doubled']);
    expect(rules(CLEAN.replace('2026年6月1日', '2026年06月01日'))).toEqual(['date-format']);
    expect(rules(CLEAN.replace('2026年6月1日', '二〇二六年六月一日'))).toEqual(['date-format']);
    expect(rules(CLEAN.replace('1.检查表', '1.检查表。'))).toEqual(['attachment-punctuation']);
    expect(rules(CLEAN.replace('特此通知。', '特此报告。'))).toEqual(['closing-phrase']);
    expect(rules(CLEAN.replace('（一）自查阶段', '（二）自查阶段'))).toEqual(['heading-order']);
    expect(rules(CLEAN.replace('\u3000\u3000（一）自查阶段\n', ''))).toEqual(['heading-order']);
    expect(rules(CLEAN.replace('为加强安全管理，', '为加强安全管理,'))).toEqual(['halfwidth-punctuation']);
  });

  it('请示 vs 报告, 一文一事, one 主送, required closing', () => {
    const req = [
      '市建设局关于购置车辆和增加编制的请示',
      '市政府、市财政局：',
      '\u3000\u3000现请示如下。',
      '\u3000\u3000特此报告。',
      '市建设局',
      '2026年6月1日',
    ].join('\n');
    expect(rules(req).sort()).toEqual(['addressee-doubled', 'closing-phrase', 'one-matter']);
    const report = [
      '市建设局关于防汛工作情况的报告',
      '市政府：',
      '\u3000\u3000今年防汛工作平稳。请批准追加经费。',
      '\u3000\u3000特此报告。',
      '市建设局',
      '2026年6月1日',
    ].join('\n');
    expect(rules(report)).toEqual(['doc-type-misuse']);
    const minutes = [
      '关于局长办公会议的会议纪要',
      '\u3000\u30002026年5月8日，王局长主持召开局长办公会议。',
      '出席：李华',
    ].join('\n');
    expect(rules(minutes)).toEqual(['doc-type-misuse']);
  });

  it('reads a .docx back: a rendered draft checks clean', async () => {
    const d = await createDrafter({ clock: fixedClock }).draft(
      '以市建设局名义写一份关于购置执法车辆的请示，报市政府，附件：车辆清单',
    );
    const text = await docxText(await renderDocx(d));
    expect(text).toContain('市建设局关于购置执法车辆的请示');
    expect(checkText(text)).toEqual([]);
  });

  it('zhiyin check --json prints {"findings":[…]} and exits 1 on findings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-check-'));
    try {
      const file = path.join(dir, 'a.txt');
      fs.writeFileSync(file, CLEAN.replace('2026年6月1日', '2026-06-01'));
      const err = await promisify(execFile)(process.execPath, ['bin/zhiyin.mjs', 'check', file, '--json']).catch(
        (e: { code: number; stdout: string }) => e,
      );
      expect('code' in err && err.code).toBe(1);
      const out = JSON.parse(err.stdout) as { findings: { rule: string; line: number; message: string }[] };
      expect(out.findings).toEqual([
        { rule: 'date-format', line: 15, message: expect.stringContaining('2026年6月1日') },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('公文体检: calendar, numbering, every half-width mark, signature order', () => {
  it('finds dates that cannot exist, in the body and as 成文日期', () => {
    expect(checkText(CLEAN.replace('2026年6月1日', '2026年6月31日')).map((f) => [f.rule, f.line])).toEqual([
      ['date-invalid', 15],
    ]);
    expect(rules(CLEAN.replace('2026年6月1日', '2026年2月29日'))).toEqual(['date-invalid']);
    expect(rules(CLEAN.replace('2026年6月1日', '2028年2月29日'))).toEqual([]);
    expect(rules(CLEAN.replace('为加强安全管理，', '为加强安全管理，13月5日前，'))).toEqual(['date-invalid']);
    expect(checkText(CLEAN.replace('2026年6月1日', '2026年2月30日'))[0]?.message).toContain('2月只有28天');
  });

  it('finds a repeated or skipped heading number at its line', () => {
    const two = CLEAN.replace('\u3000\u3000（1）施工现场。', '\u3000\u3000（1）施工现场。\n\u3000\u3000（一）抽查阶段');
    expect(checkText(two).map((f) => [f.rule, f.line])).toEqual([['heading-order', 9]]);
    expect(checkText(two)[0]?.message).toContain('序数重复');
    const skip = CLEAN.replace('\u3000\u3000特此通知。', '\u3000\u3000三、工作要求\n\u3000\u3000特此通知。');
    expect(checkText(skip).map((f) => [f.rule, f.line])).toEqual([['heading-order', 9]]);
  });

  it('reports every half-width mark of a line, also after the first one', () => {
    const f = checkText(CLEAN.replace('为加强安全管理，现将', '为加强安全管理，时间:6月1日,现将'));
    expect(f.map((x) => [x.rule, x.line])).toEqual([['halfwidth-punctuation', 4]]);
    expect(f[0]?.message).toContain('「间:」');
    expect(f[0]?.message).toContain('「日,」');
  });

  it('finds a 成文日期 written above the 发文机关署名', () => {
    const swapped = CLEAN.replace('市建设局\n2026年6月1日', '2026年6月1日\n市建设局');
    expect(checkText(swapped).map((f) => [f.rule, f.line])).toEqual([['signature-order', 14]]);
    // A 联系人 note under the date is not a signature.
    expect(rules(`${CLEAN}\n（联系人：王芳，电话：83330000）`)).toEqual([]);
  });
});
