import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZhiyinError } from '../../src/core/errors';
import { createUploader, type IngestOneResult } from '../../src/web/uploader';

let root: string;
let corpus: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-upload-'));
  corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Fake ingest that records the files it was asked to index and what they contained at that moment. */
function fakeIngest(result: (file: string) => IngestOneResult | Error) {
  const calls: { file: string; content: string }[] = [];
  const ingestOne = async (file: string) => {
    calls.push({ file, content: fs.readFileSync(path.join(corpus, file), 'utf8') });
    const r = result(file);
    if (r instanceof Error) throw r;
    return r;
  };
  return { calls, ingestOne };
}

const listCorpus = () => fs.readdirSync(corpus).sort();

describe('createUploader', () => {
  it('stores the file under the corpus with a sanitised name and ingests only it', async () => {
    const ingest = fakeIngest(() => ({ documents: 5, chunks: 50, errors: [] }));
    const upload = createUploader({ corpusDir: corpus, ingestOne: ingest.ingestOne });
    const result = await upload('../../x.md', Buffer.from('第一条 新规定'));
    expect(result).toMatchObject({ ok: true, file: 'x.md', documents: 5, chunks: 50, errors: [] });
    expect(ingest.calls).toEqual([{ file: 'x.md', content: '第一条 新规定' }]);
    expect(listCorpus()).toEqual(['x.md']);
    expect(fs.existsSync(path.join(root, 'x.md'))).toBe(false);
  });

  it('removes a new file when its ingest reports an error', async () => {
    const ingest = fakeIngest((file) => ({
      documents: 5,
      chunks: 50,
      errors: [{ file, code: 'E_EMPTY_FILE', message: 'no text' }],
    }));
    const upload = createUploader({ corpusDir: corpus, ingestOne: ingest.ingestOne });
    const result = await upload('空.md', Buffer.from('   '));
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.code).toBe('E_EMPTY_FILE');
    // English operator text is replaced by the Chinese sentence for its code (the raw text stays in the log).
    expect(result.errors[0]?.message).toBe('文件是空的，没有可索引的内容。（E_EMPTY_FILE）');
    expect(listCorpus()).toEqual([]);
  });

  it('shows the ingest error userMessage when there is one', async () => {
    const ingest = fakeIngest((file) => ({
      documents: 5,
      chunks: 50,
      errors: [{ file, code: 'E_NO_TEXT_LAYER', message: 'no text layer', userMessage: '扫描件没有文字层。' }],
    }));
    const upload = createUploader({ corpusDir: corpus, ingestOne: ingest.ingestOne });
    const result = await upload('scan.pdf', Buffer.from('%PDF-1.4'));
    expect(result.errors).toEqual([
      { file: 'scan.pdf', code: 'E_NO_TEXT_LAYER', message: '扫描件没有文字层。（E_NO_TEXT_LAYER）' },
    ]);
  });

  it('restores the previous version when a replacement fails to ingest', async () => {
    fs.writeFileSync(path.join(corpus, 'law.md'), 'old version');
    const ingest = fakeIngest(
      () => new ZhiyinError('E_CORRUPT_FILE', 'broken', { userMessage: '文件已损坏，无法读取。' }),
    );
    const upload = createUploader({ corpusDir: corpus, ingestOne: ingest.ingestOne });
    const result = await upload('law.md', Buffer.from('new version'));
    expect(ingest.calls).toEqual([{ file: 'law.md', content: 'new version' }]);
    expect(result).toMatchObject({ ok: false, errors: [{ file: 'law.md', code: 'E_CORRUPT_FILE' }] });
    expect(result.errors[0]?.message).toBe('文件已损坏，无法读取。（E_CORRUPT_FILE）');
    expect(listCorpus()).toEqual(['law.md']);
    expect(fs.readFileSync(path.join(corpus, 'law.md'), 'utf8')).toBe('old version');
  });

  it('replaces the previous version on success and leaves no temp files', async () => {
    fs.writeFileSync(path.join(corpus, 'law.md'), 'old version');
    const ingest = fakeIngest(() => ({ documents: 1, chunks: 2, errors: [] }));
    const upload = createUploader({ corpusDir: corpus, ingestOne: ingest.ingestOne });
    expect((await upload('law.md', Buffer.from('new version'))).ok).toBe(true);
    expect(listCorpus()).toEqual(['law.md']);
    expect(fs.readFileSync(path.join(corpus, 'law.md'), 'utf8')).toBe('new version');
  });

  it('runs uploads one at a time', async () => {
    let running = 0;
    let maxRunning = 0;
    const upload = createUploader({
      corpusDir: corpus,
      ingestOne: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { documents: 1, chunks: 1, errors: [] };
      },
    });
    const results = await Promise.all(['a.md', 'b.md', 'c.md'].map((n) => upload(n, Buffer.from(n))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxRunning).toBe(1);
    expect(listCorpus()).toEqual(['a.md', 'b.md', 'c.md']);
  });
});
