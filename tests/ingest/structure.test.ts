import { describe, expect, it } from 'vitest';
import { parseChineseNumber, toChineseNumber } from '../../src/ingest/chinese-number';
import { cleanPages, isPageNumber, joinLines } from '../../src/ingest/layout';
import { normalizeChars } from '../../src/ingest/normalize-chars';
import { matchArticle, parseStructure } from '../../src/ingest/structure';
import { extractHeader } from '../../src/ingest/header';
import { parseMarkdown } from '../../src/ingest/loaders/markdown';

describe('chinese numbers', () => {
  it('parses and formats statute numerals', () => {
    const cases: [string, number][] = [
      ['一', 1],
      ['十', 10],
      ['十一', 11],
      ['二十', 20],
      ['一百零五', 105],
      ['一百一十', 110],
      ['一千二百六十', 1260],
      ['12', 12],
    ];
    for (const [text, n] of cases) {
      expect(parseChineseNumber(text)).toBe(n);
      if (!/\d/.test(text)) expect(toChineseNumber(n)).toBe(text);
    }
    expect(parseChineseNumber('条')).toBeNaN();
  });
});

describe('article detection', () => {
  it('accepts 第X条 followed by a space (normal or full-width) and 第X条之一', () => {
    expect(matchArticle('第四十条 建设工程', 0)?.article).toBe('第四十条');
    expect(matchArticle('第四十条\u3000建设工程', 0)?.num).toBe(40);
    const sub = matchArticle('第十条之一 合同应当', 10);
    expect(sub).toMatchObject({ article: '第十条之一', num: 10, sub: 1 });
  });
  it('does not take a cross-reference for a new article', () => {
    expect(matchArticle('第十二条规定的罚款，由…', 3)).toBeUndefined();
    // …unless it is exactly the next article number (a source that omits the space).
    expect(matchArticle('第四条县级以上', 3)?.article).toBe('第四条');
    expect(matchArticle('依照本法第十二条规定', 11)).toBeUndefined();
  });
});

describe('character normalisation', () => {
  it('maps Kangxi and supplement radicals to ideographs but keeps Chinese punctuation', () => {
    expect(normalizeChars('建设⼯程质量，⼈⺠政府有关部⻔；')).toBe('建设工程质量，人民政府有关部门；');
    expect(normalizeChars('ＡＢ１２３（一）')).toBe('AB123（一）');
  });
});

describe('layout normaliser', () => {
  const page = (n: number, body: string[]) => ['公开', `— ${n} —`, ...body].join('\n');
  it('recognises page-number lines', () => {
    for (const l of ['— 3 —', '- 3 -', '第 3 页 共 20 页', '3', '3 / 20', '第3页']) expect(isPageNumber(l)).toBe(true);
    expect(isPageNumber('第三条 建设单位')).toBe(false);
  });
  it('drops running headers and page numbers and re-joins broken lines without spaces', () => {
    const pages = [
      page(1, [
        '示例条例',
        '2000年1月30日 国务院令第279号发布',
        '第一章 总则',
        '第一条 为了加强对建设工程质量的管理，保证建设工',
        '程质量，制定本条例。',
        '第二条 建设单位应当将工程发包给具有相应资质等级',
      ]),
      page(2, [
        '的单位。',
        '建设单位不得将建设工程肢解发包。',
        '第三条 依照本条例的规定，违反本条例',
        '第二条规定的，责令改正。',
      ]),
      page(3, ['第四条 本条例经国务院常务会议通过，自', '2019年4月23日起施行。']),
    ];
    const paras = joinLines(cleanPages(pages));
    const texts = paras.map((p) => p.text);
    expect(texts).toEqual([
      '示例条例',
      '2000年1月30日 国务院令第279号发布',
      '第一章 总则',
      '第一条 为了加强对建设工程质量的管理，保证建设工程质量，制定本条例。',
      '第二条 建设单位应当将工程发包给具有相应资质等级的单位。',
      '建设单位不得将建设工程肢解发包。',
      '第三条 依照本条例的规定，违反本条例第二条规定的，责令改正。',
      '第四条 本条例经国务院常务会议通过，自2019年4月23日起施行。',
    ]);
    expect(paras.find((p) => p.text.startsWith('建设单位不得'))?.page).toBe(2);
    expect(paras[4]?.page).toBe(1);
    expect(texts.join('')).not.toMatch(/公开|—/);
  });
});

describe('structure parser', () => {
  it('builds heading paths for 编/章/节 and keeps 款/项 inside the article', () => {
    const md = [
      '# 示例法',
      '2019年4月23日 第十三届全国人民代表大会常务委员会第十次会议第二次修正',
      '<!-- INFO END -->',
      '## 第一编 总则',
      '### 第一章 一般规定',
      '第一条 为了规范…，制定本法。',
      '第二条 下列工程必须实行监理：',
      '（一）国家重点建设工程；',
      '(二)大中型公用事业工程。',
      '依照本法第十二条规定处理。',
      '#### 第一节 细则',
      '第二条之一 补充规定。',
    ].join('\n\n');
    const loaded = parseMarkdown(md);
    const header = extractHeader(loaded.paras, loaded.bodyStart, 'fallback');
    expect(header.title).toBe('示例法');
    expect(header.versionDate).toBe('2019-04-23');
    const units = parseStructure(header.body, header.parts);
    expect(units.map((u) => u.article)).toEqual(['第一条', '第二条', '第二条之一']);
    expect(units[1]?.path).toEqual(['第一编 总则', '第一章 一般规定']);
    expect(units[1]?.paras).toHaveLength(4);
    expect(units[2]?.path).toEqual(['第一编 总则', '第一章 一般规定', '第一节 细则']);
  });
  it('re-joins a 节 heading wrapped onto a second line', () => {
    const paras = [
      { text: '第六节 调取、查封、扣押物证、书证', heading: 3 },
      { text: '和视听资料、电子数据' },
      { text: '第二百三十四条 检察人员可以调取…' },
    ];
    const units = parseStructure(paras);
    expect(units).toHaveLength(1);
    expect(units[0]?.path).toEqual(['第六节 调取、查封、扣押物证、书证和视听资料、电子数据']);
  });
  it('cuts guideline documents by outline section on flat text', () => {
    const paras = [
      '一、总体要求',
      '（一）适用范围。本指南适用于…',
      '1. 第一项；',
      '2. 第二项。',
      '（二）职责。由办公室负责。',
      '二、附则',
      '本指南自印发之日起施行。',
    ].map((text) => ({ text }));
    const units = parseStructure(paras);
    expect(units.map((u) => u.path)).toEqual([
      ['一、总体要求'],
      ['一、总体要求', '（一）适用范围'],
      ['一、总体要求', '（二）职责'],
      ['二、附则'],
    ]);
    expect(units[1]?.paras.map((p) => p.text)).toEqual(['（一）适用范围。本指南适用于…', '1. 第一项；', '2. 第二项。']);
    expect(units[3]?.paras.map((p) => p.text)).toEqual(['二、附则', '本指南自印发之日起施行。']);
    expect(units.every((u) => u.article === '')).toBe(true);
  });
});
