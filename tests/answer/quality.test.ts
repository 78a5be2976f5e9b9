// Mechanisms that keep answers from citing the wrong document or presenting an unrelated article as the answer.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create';
import { isFollowUp } from '../../src/answer/followup';
import { coverage, queryTerms } from '../../src/answer/terms';
import { sectionChunk } from './fixtures/section';
import type { Chunk, Hit } from '../../src/core/types';
import type { SearchOptions } from '../../src/core/interfaces';
import { FakeRetriever, parseMarkdownLaw } from './fixtures/fake-retriever';
import { sampleChunks } from './fixtures/sample-law';

/** The fake retriever plus the affinity and named-document signals of the real engine, set by the test. */
class SignalRetriever extends FakeRetriever {
  affinity = new Map<string, number>();
  named?: string;
  documentAffinity(): Map<string, number> {
    return this.affinity;
  }
  override async search(query: string, options?: SearchOptions): Promise<Hit[]> {
    const hits = await super.search(query, options);
    return hits.map((h) => (h.chunk.title === this.named ? { ...h, via: ['bm25', 'named'] } : h));
  }
}

const TWIN_A = `# 甲招标办法\n\n<!-- INFO END -->\n\n第四十六条 招标人和中标人应当自中标通知书发出之日起三十日内订立书面合同。\n`;
const TWIN_B = `# 乙采购办法\n\n<!-- INFO END -->\n\n第四十六条 采购人与中标人应当自中标通知书发出之日起三十日内订立书面合同。\n`;
const RETENTION = `# 丙总承包办法\n\n<!-- INFO END -->\n\n第二十条 建设单位可以按照结算总额不超过3%的比例预留工程质量保证金。\n`;

function twins(): SignalRetriever {
  return new SignalRetriever([
    ...parseMarkdownLaw('/t', 'a.md', TWIN_A),
    ...parseMarkdownLaw('/t', 'b.md', TWIN_B),
    ...parseMarkdownLaw('/t', 'c.md', RETENTION),
  ]);
}

function section(title: string, heading: string, text: string, seq: number): Chunk {
  return sectionChunk({ title, chapter: '二、试用期与转正', heading, text, seq, file: 'guide.md', corpusDir: '/g' });
}

describe('choosing between documents', () => {
  it('between two laws stating the same rule, cites the one whose vocabulary the question speaks', async () => {
    const r = twins();
    const answerer = createAnswerer({ retriever: r });
    r.affinity = new Map([
      ['a.md', 0.6],
      ['b.md', 0.1],
    ]);
    const q = '中标通知书发出后多少天内订立书面合同？';
    expect((await answerer.answer(q)).citations[0]).toMatchObject({ file: 'a.md', article: '第四十六条' });
    r.affinity = new Map([
      ['a.md', 0.1],
      ['b.md', 0.6],
    ]);
    expect((await answerer.answer(q)).citations[0]).toMatchObject({ file: 'b.md', article: '第四十六条' });
  });

  it('a section whose own heading names the subject leads over sections that only mention it', async () => {
    const title = '新员工入职指南';
    const chunks = [
      section(title, '（三）转正考核', '（三）转正考核。试用期满前15日，新员工提交转正申请，由所在科室进行考核。', 0),
      section(title, '（一）试用期限', '（一）试用期限。合同期限满3年的，试用期为6个月；不满3年的，试用期为2个月。', 1),
    ];
    const answerer = createAnswerer({ retriever: new FakeRetriever(chunks) });
    const a = await answerer.answer('新员工试用期多长？');
    expect(a.refused).toBe(false);
    expect(a.answer.split('\n')[1]).toContain('试用期为6个月');
  });
});

describe('refusing instead of misleading', () => {
  it('refuses when no article found holds the term of the trade the question names', async () => {
    const answerer = createAnswerer({ retriever: twins() });
    const wrong = await answerer.answer('工程总承包的履约保证金比例是多少？');
    expect(wrong.refused).toBe(true);
    expect(wrong.citations).toEqual([]);
    const right = await answerer.answer('工程质量保证金的预留比例是多少？');
    expect(right.refused).toBe(false);
    expect(right.answer).toContain('3%');
  });

  it('says a named article does not exist instead of listing other articles of the law', async () => {
    const r = new SignalRetriever(sampleChunks());
    r.named = '示例招标规则';
    const a = await createAnswerer({ retriever: r }).answer('示例招标规则第九十条是怎么规定的？');
    expect(a.refused).toBe(true);
    expect(a.answer.split('\n')[0]).toBe('知识库中没有找到《示例招标规则》第九十条。');
    const ok = await createAnswerer({ retriever: r }).answer('示例招标规则第六条是怎么规定的？');
    expect(ok.refused).toBe(false);
    expect(ok.citations[0]!.article).toBe('第六条');
  });
});

describe('question terms', () => {
  it('drops question words with a counting word and credits statutory equivalents', () => {
    expect(queryTerms('入职要带几张照片？').map((t) => t.term)).not.toContain('几张');
    const terms = queryTerms('投标人不足三家怎么办');
    const statute = '投标人少于三个的，招标人应当重新招标。';
    const literal = terms.map(({ term, weight }) => ({ term, weight }));
    expect(coverage(terms, statute)).toBeGreaterThan(coverage(literal, statute) + 0.2);
    expect(coverage(terms, statute)).toBeGreaterThan(coverage(terms, '投标人应当按时递交投标文件。') + 0.2);
  });

  it('a follow-up that names its own subject and asks its own question stands alone', () => {
    const ctx = { previousTerms: ['中标通知书', '签合同'], previousFiles: ['a.md'] };
    expect(isFollowUp('那投标保证金最多能收多少？', ctx)).toBe(false);
    expect(isFollowUp('那电气管线呢？', ctx)).toBe(true);
    expect(isFollowUp('那如果是施工单位呢？', ctx)).toBe(true);
  });
});
