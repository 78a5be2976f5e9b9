// `zhiyin draft` end to end: a real index (tiny corpus), --json shape, --out .docx, and the access viewer from --as.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/index/build';
import { tinyChunks } from '../retrieve/tiny-corpus';

const run = promisify(execFile);
let dir: string;
const cli = (args: string[]) =>
  run(process.execPath, ['bin/zhiyin.mjs', 'draft', ...args, '--index', path.join(dir, 'index')], {
    env: {
      ...process.env,
      EMBEDDING_BASE_URL: '',
      EMBEDDING_MODEL: '',
      LLM_BASE_URL: '',
      LLM_API_KEY: '',
      LLM_MODEL: '',
    },
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-draft-cli-'));
  await buildSearchIndex(path.join(dir, 'index'), tinyChunks(), { embedding: null, lsaDim: 8 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('zhiyin draft', () => {
  it('--json prints type/title/text/missing/citations/file and --out writes the .docx', async () => {
    const out = path.join(dir, 'notice.docx');
    const { stdout } = await cli([
      '帮我起草一份关于开展建设工程质量保修检查的通知，发给各施工单位，检查时间6月1日至30日',
      '--json',
      '--out',
      out,
    ]);
    const j = JSON.parse(stdout) as {
      type: string;
      title: string;
      text: string;
      missing: string[];
      citations: { label: string }[];
      file: string;
    };
    expect(j.type).toBe('通知');
    expect(j.title).toBe('【待补充：发文机关】关于开展建设工程质量保修检查的通知');
    expect(j.missing).toEqual(['发文机关']);
    expect(j.text.split('\n')[0]).toBe(j.title);
    expect(j.text).toContain('各施工单位：');
    expect(j.file).toBe(out);
    expect(j.citations.length).toBeGreaterThan(0);
    for (const c of j.citations) expect(c.label).toMatch(/^《建设工程质量管理条例》第四十[一三]?条$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('各施工单位：');
  }, 60_000);

  it('rejects an --out that is not .docx with a clear message', async () => {
    const err = await cli(['起草一份通知', '--out', path.join(dir, 'a.pdf')]).catch((e: { stderr: string }) => e);
    expect('stderr' in err && err.stderr).toContain('--out must end in .docx');
  }, 60_000);
});
