// Files that fail to import are reported to staff in Chinese with the error code — never the library's own
// English message (a broken .docx makes the zip reader say "Can't find end of central directory").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { ingestErrorMessage } from '../../src/web/messages';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { tempWebConfig } from './temp-config';

let tmp: string;
let web: OpenedWeb;
const BROKEN = Buffer.from('PK\u0003\u0004 这不是一个完整的 Word 文件 '.repeat(20));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-ingest-text-'));
  const corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, '规定.md'), '# 测试规定\n\n第一条 本规定用于测试。\n');
  fs.writeFileSync(path.join(corpus, '损坏.docx'), BROKEN);
  const config = tempWebConfig(tmp, corpus);
  const summary = await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
  expect(summary.errors).toHaveLength(1);
  web = await openWebDeps(config);
}, 120_000);
afterAll(() => {
  web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const chineseWithCode = (text: string, code: string) => {
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).toContain(`（${code}）`);
  expect(text).not.toMatch(/central directory|Error:|[A-Za-z]{4,} [A-Za-z]{4,} [A-Za-z]{4,}/);
};

describe('ingest errors shown to users', () => {
  it('the console status lists a failed file with a Chinese sentence and its code', async () => {
    const status = await web.status();
    const err = status.errors.find((e) => e.file === '损坏.docx');
    expect(err).toBeDefined();
    chineseWithCode(err!.message, err!.code);
  });

  it('an upload that fails to import answers with a Chinese sentence and its code', async () => {
    const res = await web.upload('又一个损坏.docx', BROKEN);
    expect(res.ok).toBe(false);
    chineseWithCode(res.errors[0]!.message, res.errors[0]!.code);
  });

  it('keeps a Chinese message from where the error was raised, replaces English text by the code table', () => {
    expect(ingestErrorMessage('E_CORRUPT_FILE', "Can't find end of central directory")).toBe(
      '文件已损坏，无法读取。请检查文件后重新上传。（E_CORRUPT_FILE）',
    );
    expect(ingestErrorMessage('E_ENCODING', '无法识别 GB18030 编码。')).toBe('无法识别 GB18030 编码。（E_ENCODING）');
    expect(ingestErrorMessage('E_SOMETHING_NEW')).toBe('文件导入失败，请检查文件后重新上传。（E_SOMETHING_NEW）');
  });
});
