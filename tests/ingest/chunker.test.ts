import { describe, expect, it } from 'vitest';
import { chunkDocument, MAX_CHUNK_CHARS, splitUnit } from '../../src/ingest/chunker';
import type { SourceDocument } from '../../src/core/types';
import type { Unit } from '../../src/ingest/structure';

const doc: SourceDocument = {
  file: 'dir/示例条例.md',
  corpusDir: '/corpus',
  title: '示例条例',
  format: 'md',
  hash: 'x',
  history: [],
  versionDate: '2019-04-23',
  blocks: [],
};

function longArticle(): Unit {
  const items = Array.from({ length: 40 }, (_, i) => ({
    text: `（${'一二三四五六七八九十'[i % 10]}）第${i + 1}项的内容，说明在什么情况下应当如何处理，责任由哪个单位承担。`,
  }));
  return {
    article: '第四十条',
    path: ['第六章 建设工程质量保修'],
    label: '第四十条',
    paras: [
      { text: '第四十条 在正常使用条件下，建设工程的最低保修期限为：' },
      ...items,
      { text: '其他项目的保修期限由发包方与承包方约定。' },
    ],
  };
}

describe('chunker', () => {
  it('makes one chunk per short article with its heading path', () => {
    const unit: Unit = { article: '第一条', path: ['第一章 总则'], label: '第一条', paras: [{ text: '第一条 为了…' }] };
    const [c] = chunkDocument(doc, [unit]);
    expect(c).toMatchObject({
      article: '第一条',
      headingPath: ['示例条例', '第一章 总则', '第一条'],
      text: '第一条 为了…',
      page: null,
      versionDate: '2019-04-23',
      part: 0,
      seq: 0,
      file: 'dir/示例条例.md',
    });
    expect(c?.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits a long article at 项 boundaries under the cap, repeating the number and the lead-in', () => {
    const parts = splitUnit(longArticle(), 400);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(400);
    expect(parts[0]?.text.startsWith('第四十条 在正常使用条件下')).toBe(true);
    expect(parts[1]?.text.startsWith('第四十条（续）在正常使用条件下，建设工程的最低保修期限为：\n（')).toBe(true);
    // Every item appears exactly once across the parts (nothing lost, nothing duplicated).
    const all = parts.map((p) => p.text).join('\n');
    for (let i = 1; i <= 40; i++) expect(all.split(`第${i}项的内容`).length - 1).toBe(1);
  });

  it('hard-cuts a single paragraph longer than the cap', () => {
    const unit: Unit = { article: '', path: ['附件'], label: '附件', paras: [{ text: '很长的句子'.repeat(700) }] };
    const chunks = chunkDocument(doc, [unit]);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    expect(chunks.map((c) => c.part)).toEqual(chunks.map((_, i) => i));
  });

  it('gives stable, unique ids that change when the text changes', () => {
    const a = chunkDocument(doc, [longArticle()]);
    const b = chunkDocument(doc, [longArticle()]);
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
    const changed = longArticle();
    changed.paras[0] = { text: '第四十条 在正常使用条件下，建设工程的最低保修期限（修改）为：' };
    const c = chunkDocument(doc, [changed]);
    expect(c[0]?.id).not.toBe(a[0]?.id);
    // A duplicated unit in the same file still gets distinct ids.
    const dup = chunkDocument(doc, [longArticle(), longArticle()]);
    expect(new Set(dup.map((x) => x.id)).size).toBe(dup.length);
  });
});
