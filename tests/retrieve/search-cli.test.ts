import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/index/build';
import { tinyChunks } from './tiny-corpus';

const run = promisify(execFile);
let dir: string;
const cli = (args: string[]) =>
  run(process.execPath, ['bin/zhiyin.mjs', 'search', ...args, '--index', dir], {
    env: { ...process.env, EMBEDDING_BASE_URL: '', EMBEDDING_MODEL: '' },
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-cli-'));
  await buildSearchIndex(dir, tinyChunks(), { embedding: null, lsaDim: 8 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('zhiyin search', () => {
  it('prints ranked articles for a question', async () => {
    const { stdout } = await cli(['招投标法实施条例第26条', '--k', '2']);
    expect(stdout.split('\n')[0]).toContain('《中华人民共和国招标投标法实施条例》第二十六条');
  }, 30_000);

  it('--batch --json prints one line per question with title/article/file/score/text', async () => {
    const file = path.join(dir, 'q.jsonl');
    fs.writeFileSync(
      file,
      [
        { id: 'a', question: '屋面防水的保修期限', gold: [] },
        { id: 'b', question: '经济补偿怎么算', gold: [] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const { stdout } = await cli(['--batch', file, '--k', '3', '--json']);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0].hits).toHaveLength(3);
    expect(lines[0].hits[0]).toMatchObject({
      title: '建设工程质量管理条例',
      article: '第四十条',
      file: '建设工程质量管理条例(2019-04-23).md',
    });
    expect(typeof lines[0].hits[0].score).toBe('number');
    expect(lines[1].hits[0].text).toContain('经济补偿');
  }, 30_000);

  it('fails clearly when the index is missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-cli-empty-'));
    const r = await run(process.execPath, ['bin/zhiyin.mjs', 'search', '问题', '--index', empty]).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_INDEX_MISSING');
    fs.rmSync(empty, { recursive: true, force: true });
  }, 30_000);
});
