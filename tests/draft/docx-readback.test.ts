// Reads the .docx back (its XML, through jszip) and checks the GB/T 9704-2012 layout: page, margins, grid, fonts
// per part, title, 主送, 落款, date format and both footers.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../src/draft/drafter';
import { closingIndents, renderDocx } from '../../src/draft/docx';
import { chars } from '../../src/draft/layout';
import type { Draft } from '../../src/draft/types';
import { FULL_NOTICE, fixedClock, fixedRetriever, SAFETY } from './fakes';

let draft: Draft;
let doc: string;
let settings: string;
let fontTable: string;
let footers: string[];

/** The <w:p> elements of document.xml with their plain text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}
const para = (text: string) => {
  const p = paragraphs(doc).find((x) => x.text === text);
  if (!p) throw new Error(`no paragraph "${text}"`);
  return p.xml;
};

beforeAll(async () => {
  const drafter = createDrafter({
    retriever: fixedRetriever([{ chunk: SAFETY, score: 1, confidence: 0.9 }]),
    clock: fixedClock,
  });
  draft = await drafter.draft(FULL_NOTICE);
  const zip = await JSZip.loadAsync(await renderDocx(draft));
  doc = await zip.file('word/document.xml')!.async('string');
  settings = await zip.file('word/settings.xml')!.async('string');
  fontTable = await zip.file('word/fontTable.xml')!.async('string');
  const names = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
  footers = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
});

describe('GB/T 9704 layout read back from the .docx', () => {
  it('A4 page, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm', () => {
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const m = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(doc)!;
    const [top, right, bottom, left] = m.slice(1).map(Number) as [number, number, number, number];
    const mm = (tw: number) => (tw * 25.4) / 1440;
    expect(mm(top)).toBeCloseTo(37, 0);
    expect(mm(left)).toBeCloseTo(28, 0);
    expect(mm(11906 - left - right)).toBeCloseTo(156, 0);
    expect(mm(16838 - top - bottom)).toBeCloseTo(225, 0);
  });

  it('grid of 22 lines × 28 characters computed from the 3号 body size', () => {
    const m = /<w:docGrid w:type="lines" w:linePitch="(\d+)" w:charSpace="(-?\d+)"/.exec(doc)!;
    const linePitch = Number(m[1]);
    const charSpace = Number(m[2]);
    expect(Math.floor(12756 / linePitch)).toBe(22);
    // Character pitch = 16 pt + charSpace/4096 pt; 28 of them fill the 156 mm line.
    const pitchPt = 16 + charSpace / 4096;
    expect((28 * pitchPt * 25.4) / 72).toBeCloseTo(156, 0);
    expect(para(draft.title)).toContain(`w:line="${linePitch}"`);
    // 3号 runs are set 5 twips tighter (16 pt − 0.25 pt): 28 glyphs fit the 156 mm line in Word and LibreOffice.
    const body = para(draft.body.find((p) => p.level === 0)!.text);
    expect(body).toContain('<w:spacing w:val="-5"/>');
    expect((28 * (320 - 5) * 25.4) / 1440).toBeLessThanOrEqual(156);
  });

  it('title 2号 小标宋 centred; body 3号 仿宋 in the East Asian slot with hint', () => {
    const t = para(draft.title);
    expect(t).toContain('w:eastAsia="方正小标宋简体"');
    expect(t).toContain('<w:sz w:val="44"/>');
    expect(t).toContain('<w:jc w:val="center"/>');
    const body = para(draft.body.find((p) => p.level === 0)!.text);
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('w:hint="eastAsia"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/w:firstLine="632"/);
  });

  it('heading levels: 一、 黑体, （一） 楷体', () => {
    const h1 = draft.body.find((p) => p.level === 1)!;
    const h2 = draft.body.find((p) => p.level === 2)!;
    expect(h1.text).toMatch(/^一、/);
    expect(para(h1.text)).toContain('w:eastAsia="黑体"');
    expect(h2.text).toMatch(/^（一）/);
    expect(para(h2.text)).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('主送机关 flush left with a full-width colon', () => {
    const a = para('各直属单位：');
    expect(a).not.toContain('w:firstLine');
    expect(a).not.toContain('<w:jc ');
  });

  it('附件说明 numbered, no closing punctuation', () => {
    expect(paragraphs(doc).map((p) => p.text)).toEqual(
      expect.arrayContaining(['\u3000\u3000附件：1.活动安排表', '\u3000\u3000\u3000\u3000\u30002.报名表']),
    );
  });

  it('署名 and 成文日期 right-aligned per 7.3.5.2, date 「2026年6月1日」 unpadded', () => {
    expect(draft.date).toBe('2026年6月1日');
    const ind = closingIndents(draft.signature, draft.date);
    const s = para('市住房和建设局');
    const d = para('2026年6月1日');
    expect(s).toContain('<w:jc w:val="right"/>');
    expect(d).toContain('<w:jc w:val="right"/>');
    expect(s).toContain(`w:right="${chars(ind.signature)}"`);
    expect(d).toContain(`w:right="${chars(ind.date)}"`);
    // 署名 7 chars, date 6 (digits count half): with the 署名 右空二字 the date would end 右空一字, so the date
    // takes 右空二字 and the 署名 moves to start two characters before it (right indent 3).
    expect(ind).toEqual({ signature: 3, date: 2 });
  });

  it('a date longer than the 署名 sits 右空二字 and pushes the 署名 left', () => {
    expect(closingIndents('市财政局', '2026年12月31日')).toEqual({ date: 2, signature: 7 });
  });

  it('版头 发文字号 and 版记 抄送/印发 are present', () => {
    expect(paragraphs(doc).some((p) => p.text === '深建〔2026〕8号')).toBe(true);
    expect(paragraphs(doc).some((p) => p.text === '抄送：市应急管理局。')).toBe(true);
    expect(paragraphs(doc).map((p) => p.text)).toContain('市住房和建设局办公室2026年6月1日印发');
  });

  it('page numbers 「— N —」 in 4号 宋体, odd right and even left, evenAndOddHeaders set', () => {
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    const right = footers.find((f) => f.includes('<w:jc w:val="right"/>'))!;
    const left = footers.find((f) => f.includes('<w:jc w:val="left"/>'))!;
    for (const f of [right, left]) {
      expect(f).toContain('— ');
      expect(f).toContain(' —');
      expect(f).toContain('PAGE');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(doc).toMatch(/<w:footerReference w:type="default"[^>]*\/><w:footerReference w:type="even"/);
  });

  it('font fallbacks in the font table', () => {
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>');
    expect(fontTable).toContain('<w:font w:name="华文中宋"><w:altName w:val="宋体"/>');
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fontTable).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });
});
