// Colloquial questions about guideline sections: everyday words must reach the written register of the guide
// (第一天 → 报到当日, 签完 → 签订, 十年 → 10年), and a section retrieval ranks low but that covers the question
// clearly better than the top ones must still be considered.
import { describe, expect, it } from 'vitest';
import { buildCandidates, confidence, CANDIDATE_ARTICLES, RESCUE_COUNT } from '../../src/answer/candidates';
import { createAnswerer, DEFAULT_MIN_COVERAGE } from '../../src/answer/create';
import { coverage, queryTerms } from '../../src/answer/terms';
import type { AnswerSource } from '../../src/answer/engine';
import { sectionChunk } from './fixtures/section';
import type { Chunk, Hit } from '../../src/core/types';

const TITLE = '新员工入职指南';

function section(chapter: string, heading: string, text: string, seq: number): Chunk {
  return sectionChunk({
    title: TITLE,
    chapter,
    heading,
    text: `${heading}。${text}`,
    seq,
    file: 'guide.md',
    corpusDir: '/g',
  });
}

/** Returns its sections in a fixed order (retrieval's ranking, decided by the test) and records each query. */
class RankedSource implements AnswerSource {
  readonly queries: string[] = [];
  constructor(private readonly chunks: Chunk[]) {}
  async search(query: string): Promise<Hit[]> {
    this.queries.push(query);
    return this.chunks.map((chunk, i) => ({ chunk, score: 1 / (1 + i), via: ['bm25'] }));
  }
}

/** Sibling sections that share the guide's vocabulary (新员工, 入职) but not what is asked; the answer comes last. */
function guide(): Chunk[] {
  const fillers = [
    ['三、入职培训', '（一）培训安排', '新员工应当在报到后2周内参加为期5天的集中入职培训。'],
    ['一、报到与入职手续', '（一）报到时间和地点', '新员工应当在报到日上午8:30前到人事科报到。'],
    ['二、试用期与转正', '（二）导师制', '每名新员工由所在科室指定1名导师，带教期为3个月。'],
    ['五、工作纪律与保密', '（二）对外发言', '未经局办公室同意，员工不得以本局名义接受媒体采访。'],
    ['二、试用期与转正', '（三）转正考核', '试用期满前15日，新员工提交转正申请。'],
    ['三、入职培训', '（二）培训内容', '新员工入职培训主要包括局机关职能和公文处理。'],
    ['三、入职培训', '（三）培训考核', '培训结束后进行闭卷考试，80分以上为合格。'],
  ] as const;
  const out = fillers.map(([c, h, t], i) => section(c, h, t, i));
  out.push(section('一、报到与入职手续', '（三）签订文件', '报到当日须签订劳动合同和保密承诺书。', out.length));
  out.push(
    section(
      '四、工作时间与考勤',
      '（一）作息时间',
      '每年7月1日至9月30日执行夏季作息，下午为14:30至18:00。',
      out.length,
    ),
  );
  return out;
}

describe('colloquial words meet the written register', () => {
  it('credits 第一天 with 当日 and 上班 with 作息/工作时间 (thesaurus rows)', () => {
    const first = queryTerms('新员工入职第一天要做什么？');
    expect(first.find((t) => t.term === '第一天')?.alts).toContain('当日');
    expect(coverage(first, `${TITLE} 报到当日须签订劳动合同`)).toBeGreaterThan(0.85);
    const summer = queryTerms('夏天下午几点上班？');
    expect(coverage(summer, '四、工作时间与考勤 （一）作息时间。夏季作息，下午为14:30至18:00')).toBeGreaterThan(0.8);
    expect(coverage(summer, '夏季 下午')).toBeLessThan(DEFAULT_MIN_COVERAGE);
  });

  it('reads a verb with a result complement (签完) as the verb, weighted like its written form', () => {
    const t = queryTerms('签完合同几天内要把项目部组建起来？').find((x) => x.term === '签完');
    expect(t?.alts).toContain('签订');
    // An unknown word weighs 12.5; its written equivalent is a common word and weighs less.
    expect(t!.weight).toBeLessThan(12);
    const terms = queryTerms('签完合同几天内要把项目部组建起来？');
    expect(coverage(terms, '第十一条 工程总承包单位应当在合同签订后7日内组建项目部')).toBeGreaterThan(0.75);
  });

  it('matches amounts across numeral scripts and 一X as 每X', () => {
    expect(queryTerms('工作满十年年假有几天？').find((t) => t.term === '十年')?.alts).toContain('10年');
    expect(queryTerms('请假两天要谁批？').find((t) => t.term === '两天')?.alts).toEqual(
      expect.arrayContaining(['2天', '2日']),
    );
    expect(queryTerms('公文一页排几行？').find((t) => t.term === '一页')?.alts).toContain('每页');
  });

  it('does not count 怎么办 or 东西 as the subject of a question', () => {
    const terms = queryTerms('忘记打卡了怎么办？要带什么东西？').map((t) => t.term);
    expect(terms).not.toContain('怎么办');
    expect(terms).not.toContain('东西');
    expect(terms).toContain('打卡');
  });
});

describe('coverage rescue of a low-ranked section', () => {
  it('brings a section ranked below the candidate window into the candidates when it covers clearly more', async () => {
    const source = new RankedSource(guide());
    const q = '新员工入职第一天要做什么？';
    const hits = await source.search(q);
    const answerIndex = hits.findIndex((h) => h.chunk.headingPath.at(-1) === '（三）签订文件');
    expect(answerIndex).toBeGreaterThanOrEqual(CANDIDATE_ARTICLES);
    const candidates = buildCandidates(source, hits, queryTerms(q), undefined, q);
    expect(candidates.length).toBeLessThanOrEqual(CANDIDATE_ARTICLES + RESCUE_COUNT);
    expect(candidates[0]!.hit.chunk.headingPath.at(-1)).toBe('（三）签订文件');
    expect(confidence(candidates, q)).toBeGreaterThanOrEqual(DEFAULT_MIN_COVERAGE);
    const a = await createAnswerer({ retriever: source }).answer(q);
    expect(a.refused).toBe(false);
    expect(a.answer).toContain('报到当日须签订劳动合同');
  });

  it('rescues nothing when no low-ranked section covers more (an off-corpus question stays refused)', async () => {
    const source = new RankedSource(guide());
    const q = '新员工第一天有没有午饭补助？';
    const hits = await source.search(q);
    const candidates = buildCandidates(source, hits, queryTerms(q), undefined, q);
    expect(confidence(candidates, q)).toBeLessThan(DEFAULT_MIN_COVERAGE);
    const a = await createAnswerer({ retriever: source }).answer(q);
    expect(a.refused).toBe(true);
  });

  it('keeps the window when the top sections already cover the question', async () => {
    const source = new RankedSource(guide());
    const q = '新员工多久参加入职培训？';
    const hits = await source.search(q);
    const candidates = buildCandidates(source, hits, queryTerms(q), undefined, q);
    expect(candidates).toHaveLength(CANDIDATE_ARTICLES);
  });
});
