// "<document name without its place prefix>第N条": the named article of the only document with that name, or a
// clarifying reply listing the candidates when the name fits several — never some other article.
// Own fixture: invented local rules (江北省/海东市/某县 are placeholders), each with a decoy article that cites "第十条".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildSearchIndex } from '../../src/index/build';
import { splitLawMarkdown } from '../../src/index/md-splitter';
import { openRetriever, type SearchEngine } from '../../src/retrieve/open';
import { looseTitleAliases } from '../../src/retrieve/aliases';
import { createAnswerer } from '../../src/answer/create';
import { CLARIFY_HEADLINE } from '../../src/answer/clarify';
import { tinyChunks, TINY_CORPUS_DIR } from './tiny-corpus';

const law = (title: string, articles: string[]): string =>
  `# ${title}\n<!-- INFO END -->\n${articles.map((a) => `${a}\n`).join('')}`;

const FILES: Record<string, string> = {
  '某县乡村道路养护办法.md': law('某县乡村道路养护办法', [
    '第一条 为加强乡村道路养护，制定本办法。',
    '第二条 乡村道路每年至少巡查四次。',
    '第三条 路面坑槽应当在发现后七日内修补。',
    '第四条 违反本办法第三条规定的，由县交通主管部门责令改正。',
  ]),
  '江北省节约用水条例.md': law('江北省节约用水条例', [
    '第一条 为节约用水，制定本条例。',
    '第十条 公共建筑应当安装节水器具。',
    '第十一条 违反本条例第十条规定的，责令限期改正。',
  ]),
  '海东市节约用水条例.md': law('海东市节约用水条例', [
    '第一条 为推进节水型城市建设，制定本条例。',
    '第十条 洗车场应当使用循环用水设施。',
    '第十二条 依照本条例第十条处理。',
  ]),
  '深港经济特区排水管理条例.md': law('深港经济特区排水管理条例', [
    '第一条 为加强排水管理，制定本条例。',
    '第十条 排水户应当按照许可的排放量排放污水。',
    '第二十一条 违反本条例第十条规定的，处一万元罚款。',
  ]),
};

let dir: string;
let engine: SearchEngine;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-short-title-'));
  const own = Object.entries(FILES).flatMap(([file, md]) => splitLawMarkdown(TINY_CORPUS_DIR, file, md));
  await buildSearchIndex(dir, [...tinyChunks(), ...own], { embedding: null, lsaDim: 8 });
  engine = await openRetriever(loadConfig({}, os.tmpdir()), dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loose document names', () => {
  it('drop place prefixes, 中华人民共和国 and version dates, but not 城市 in a title', () => {
    expect(looseTitleAliases('某市城市道路占用挖掘管理办法')).toContain('城市道路占用挖掘管理办法');
    expect(looseTitleAliases('深圳经济特区绿色建筑条例')).toContain('绿色建筑条例');
    expect(looseTitleAliases('广东省建设工程监理条例')).toContain('建设工程监理条例');
    expect(looseTitleAliases('城市道路管理条例')).toEqual([]);
    expect(looseTitleAliases('建设工程质量管理条例（2019年修订）')).toContain('建设工程质量管理条例');
  });
});

describe('article reference with a loose name', () => {
  const first = async (q: string) => {
    const h = (await engine.search(q, { k: 3 }))[0]!;
    return `《${h.chunk.title}》${h.chunk.article}`;
  };

  it('finds the named article of the only document with that name', async () => {
    expect(await first('乡村道路养护办法第三条是怎么规定的？')).toBe('《某县乡村道路养护办法》第三条');
    expect(await first('道路养护办法第3条')).toBe('《某县乡村道路养护办法》第三条');
    expect(await first('排水管理条例第十条')).toBe('《深港经济特区排水管理条例》第十条');
  });

  it('asks which document is meant when the name fits several, listing each candidate article', async () => {
    const a = await createAnswerer({ retriever: engine }).answer('节约用水条例第十条是怎么规定的？');
    expect(a.refused).toBe(true);
    expect(a.citations).toEqual([]);
    expect(a.answer.startsWith(CLARIFY_HEADLINE)).toBe(true);
    expect(a.nearby?.map((n) => `《${n.title}》${n.article}`).sort()).toEqual(
      ['《江北省节约用水条例》第十条', '《海东市节约用水条例》第十条'].sort(),
    );
  });

  it('answers with the full title as before, and leaves national short names alone', async () => {
    const a = await createAnswerer({ retriever: engine }).answer('江北省节约用水条例第十条');
    expect(a.citations[0]?.title).toBe('江北省节约用水条例');
    expect(a.citations[0]?.article).toBe('第十条');
    expect(await first('招投标法第37条')).toBe('《中华人民共和国招标投标法》第三十七条');
  });
});
