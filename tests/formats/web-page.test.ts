import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/ingest/chunker';
import { loadDocument } from '../../src/ingest/load-document';
import { titleFromTitleTag } from '../../src/ingest/loaders/web-page';

const FIXTURES = path.resolve(__dirname, '../fixtures/formats');
const CHROME = /适老化|用户登录|网站首页|您现在的位置|分享|打印|相关文章|主办单位|ICP|搜索/;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-web-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('saved web pages', () => {
  it('takes the <h1> as title and keeps only the main content in the articles', async () => {
    const { doc, units } = await loadDocument(FIXTURES, '路灯维护规定.html');
    expect(doc.title).toBe('城市路灯设施维护规定');
    const chunks = chunkDocument(doc, units);
    const articles = chunks.filter((c) => c.article !== '');
    expect(articles.map((c) => c.article)).toEqual(['第一条', '第二条', '第三条', '第四条']);
    for (const c of articles) expect(c.text).not.toMatch(CHROME);
    expect(articles[2]?.text.endsWith('应当在两小时内设置警示并处置。')).toBe(true);
    // Menus, breadcrumbs, share bar, sidebar and footer are not indexed at all.
    expect(chunks.map((c) => c.text).join('\n')).not.toMatch(CHROME);
  });

  it('falls back to the <title> before its site suffix when the page has no <h1>', async () => {
    const html = fs
      .readFileSync(path.join(FIXTURES, '路灯维护规定.html'), 'utf8')
      .replace(/<h1>.*<\/h1>/, '')
      .replace('城市路灯设施维护规定 - 某区', '城市路灯设施维护规定_规章制度_某区');
    fs.writeFileSync(path.join(dir, 'page.htm'), html);
    const { doc } = await loadDocument(dir, 'page.htm');
    expect(doc.title).toBe('城市路灯设施维护规定');
    expect(titleFromTitleTag('关于印发某办法的通知 | 某市人民政府')).toBe('关于印发某办法的通知');
    expect(titleFromTitleTag('单页')).toBe('单页');
  });

  it('keeps a page that is all content (no chrome) whole', async () => {
    const html = `<html><head><title>内部须知</title></head><body><h1>内部须知</h1>
      <h2>一、值班</h2><p>节假日每天安排两人值班。</p><h2>二、报送</h2><p>险情在三十分钟内报告。</p></body></html>`;
    fs.writeFileSync(path.join(dir, 'x.html'), html);
    const { doc, units } = await loadDocument(dir, 'x.html');
    expect(doc.title).toBe('内部须知');
    const text = units.flatMap((u) => u.paras.map((p) => p.text)).join('\n');
    expect(text).toContain('节假日每天安排两人值班。');
    expect(text).toContain('险情在三十分钟内报告。');
  });
});
