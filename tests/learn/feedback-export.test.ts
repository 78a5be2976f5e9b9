import { describe, expect, it } from 'vitest';
import type { FeedbackEntry, TransportName } from '../../src/core/chat';
import { parseCitationLabel } from '../../src/learn/citation-label';
import { feedbackToLearnLines, learnId, type TurnLookup } from '../../src/learn/feedback-export';
import { exportSummary } from '../../src/learn/summary';
import type { StoredTurn } from '../../src/store/conversation-store';

let seq = 0;
function fb(over: Partial<FeedbackEntry>): FeedbackEntry {
  seq++;
  return {
    id: `f${seq}`,
    at: `2026-11-0${1 + (seq % 9)}T08:00:00.000Z`,
    transport: 'web',
    userId: 'u1',
    conversationId: 'c1',
    messageId: `m${seq}`,
    question: '评标委员会由几人组成？',
    answer: '五人以上单数。',
    rating: 'up',
    citations: ['《中华人民共和国招标投标法》第三十七条'],
    ...over,
  };
}

/** A hand-written turn table that records the lookups it served. */
function turnTable(turns: StoredTurn[]): TurnLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    findByMessage(transport: TransportName, messageId: string) {
      calls.push(`${transport}/${messageId}`);
      return turns.find((t) => t.transport === transport && t.messageId === messageId);
    },
  };
}

function turnFor(e: FeedbackEntry, over: Partial<StoredTurn> = {}): StoredTurn {
  return {
    transport: e.transport,
    conversationId: e.conversationId,
    userId: e.userId,
    messageId: e.messageId,
    at: e.at,
    question: e.question,
    answer: e.answer,
    refused: false,
    citations: [
      {
        title: '中华人民共和国招标投标法',
        article: '第三十七条',
        file: 'gov-works/招标投标法(2017-12-27).md',
        quote: '…',
        chunkId: 'k1',
      },
    ],
    ...over,
  };
}

describe('parseCitationLabel', () => {
  it('reads article labels, including 千 numbers and 之一 articles, as written', () => {
    expect(parseCitationLabel('《中华人民共和国民法典》第一千零八十七条')).toEqual({
      kind: 'article',
      title: '中华人民共和国民法典',
      article: '第一千零八十七条',
    });
    expect(parseCitationLabel('《中华人民共和国刑法》第十条之一')).toEqual({
      kind: 'article',
      title: '中华人民共和国刑法',
      article: '第十条之一',
    });
    expect(parseCitationLabel('《关于〈建筑法〉的《实施》意见》第3条')).toEqual({
      kind: 'article',
      title: '关于〈建筑法〉的《实施》意见',
      article: '第3条',
    });
  });

  it('tells whole-document citations from labels it cannot read', () => {
    expect(parseCitationLabel('《公文写作规范指南》')).toEqual({ kind: 'document', title: '公文写作规范指南' });
    for (const bad of [
      '民法典第十条',
      '《民法典》第十条之',
      '《民法典》第十款',
      '《》第一条',
      '《A》第一条《B》第二条',
      '',
    ]) {
      expect(parseCitationLabel(bad), bad).toEqual({ kind: 'unparseable' });
    }
  });
});

describe('feedbackToLearnLines', () => {
  it('exports only 👍 and leaves out a message that was also rated 👎, before or after', () => {
    const later = fb({ messageId: 'm-a', at: '2026-11-01T08:00:00.000Z' });
    const earlier = fb({ messageId: 'm-b', at: '2026-11-03T08:00:00.000Z', question: '施工许可证谁申领？' });
    const kept = fb({ messageId: 'm-c', question: '保修期多久？', citations: ['《建设工程质量管理条例》第四十条'] });
    const entries = [
      later,
      fb({ messageId: 'm-a', rating: 'down', at: '2026-11-02T08:00:00.000Z' }),
      fb({ messageId: 'm-b', rating: 'down', at: '2026-11-02T08:00:00.000Z' }),
      earlier,
      kept,
      // Same message id on another transport is another message.
      fb({ messageId: 'm-c', transport: 'lark', rating: 'down' }),
    ];
    const r = feedbackToLearnLines(entries);
    expect(r.lines).toEqual([
      {
        id: learnId('保修期多久？'),
        question: '保修期多久？',
        gold: [{ law: '建设工程质量管理条例', article: '第四十条' }],
      },
    ]);
    expect(r.skipped).toEqual([
      { reason: 'also-rated-down', id: later.id },
      { reason: 'also-rated-down', id: earlier.id },
    ]);
    expect(r.upVotes).toBe(3);
  });

  it('merges the same question (whitespace folded) into one line with the union of its articles', () => {
    const a = fb({ question: '  评标委员会\n由几人 组成？ ', at: '2026-11-01T08:00:00.000Z' });
    const b = fb({
      question: '评标委员会 由几人　组成？',
      at: '2026-11-02T08:00:00.000Z',
      citations: ['《中华人民共和国招标投标法》第三十七条', '《中华人民共和国招标投标法实施条例》第四十六条'],
    });
    const r = feedbackToLearnLines([b, a]);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toEqual({
      id: learnId('评标委员会 由几人 组成？'),
      question: '评标委员会 由几人 组成？',
      gold: [
        { law: '中华人民共和国招标投标法', article: '第三十七条' },
        { law: '中华人民共和国招标投标法实施条例', article: '第四十六条' },
      ],
    });
    expect(r.lines[0]!.id).toMatch(/^fb-[0-9a-f]{12}$/);
    // Stable: a later export with more feedback keeps the id.
    const again = feedbackToLearnLines([fb({ question: '评标委员会 由几人 组成？' }), a, b]);
    expect(again.lines[0]!.id).toBe(r.lines[0]!.id);
    expect(learnId('另一个问题')).not.toBe(r.lines[0]!.id);
  });

  it('skips refusals, whole-document citations and unreadable labels, and says why', () => {
    const refusal = fb({ question: '火星上能盖房吗？', citations: [] });
    const docOnly = fb({ question: '公文格式？', citations: ['《公文写作规范指南》'] });
    const mixed = fb({
      question: '民法典离婚',
      citations: ['《中华人民共和国民法典》第一千零八十七条', '民法典第十条'],
    });
    const blank = fb({ question: '  \n ' });
    const r = feedbackToLearnLines([refusal, docOnly, mixed, blank]);
    expect(r.lines.map((l) => l.question)).toEqual(['民法典离婚']);
    expect(r.lines[0]!.gold).toEqual([{ law: '中华人民共和国民法典', article: '第一千零八十七条' }]);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'no-citation', id: refusal.id },
        { reason: 'document-citation', id: docOnly.id, label: '《公文写作规范指南》' },
        { reason: 'no-article-citation', id: docOnly.id },
        { reason: 'unparseable-label', id: mixed.id, label: '民法典第十条' },
        { reason: 'empty-question', id: blank.id },
      ]),
    );
    expect(r.skipped).toHaveLength(5);
  });

  it('prefers the structured citations of the stored turn, and falls back to labels when the turn changed', () => {
    const withTurn = fb({ question: '评标委员会几人' });
    const replaced = fb({ question: '屋面防水保修期多久？', citations: ['《建设工程质量管理条例》第四十条'] });
    const refused = fb({ question: '火星', citations: ['《建设工程质量管理条例》第一条'] });
    const turns = turnTable([
      turnFor(withTurn),
      // The message was answered again after the 👍 (upsert): its turn no longer describes the rated answer.
      turnFor(replaced, { answer: '另一个回答', citations: [] }),
      turnFor(refused, { refused: true }),
    ]);
    const r = feedbackToLearnLines([withTurn, replaced, refused], turns);
    expect(turns.calls).toEqual([`web/${withTurn.messageId}`, `web/${replaced.messageId}`, `web/${refused.messageId}`]);
    expect(r.lines).toEqual([
      {
        id: learnId('评标委员会几人'),
        question: '评标委员会几人',
        gold: [
          { law: '中华人民共和国招标投标法', article: '第三十七条', files: ['gov-works/招标投标法(2017-12-27).md'] },
        ],
      },
      {
        id: learnId('屋面防水保修期多久？'),
        question: '屋面防水保修期多久？',
        gold: [{ law: '建设工程质量管理条例', article: '第四十条' }],
      },
    ]);
    expect(r.skipped).toEqual([{ reason: 'no-citation', id: refused.id }]);
  });

  it('unions files per article; a label-only confirmation widens the article to any version', () => {
    const cite = (file: string) => ({
      title: '中华人民共和国招标投标法',
      article: '第三十七条',
      file,
      quote: '',
      chunkId: file,
    });
    const a = fb({ question: '评标委员会' });
    const b = fb({ question: '评标委员会' });
    const c = fb({ question: '评标委员会' });
    const twoFiles = feedbackToLearnLines(
      [a, b],
      turnTable([turnFor(a, { citations: [cite('b/2017.md')] }), turnFor(b, { citations: [cite('a/1999.md')] })]),
    );
    expect(twoFiles.lines[0]!.gold).toEqual([
      { law: '中华人民共和国招标投标法', article: '第三十七条', files: ['a/1999.md', 'b/2017.md'] },
    ]);
    const withLabel = feedbackToLearnLines([a, c], turnTable([turnFor(a, { citations: [cite('b/2017.md')] })]));
    expect(withLabel.lines[0]!.gold).toEqual([{ law: '中华人民共和国招标投标法', article: '第三十七条' }]);
  });

  it('--since limits the 👍 exported, while an older 👎 still excludes its message', () => {
    const old = fb({ question: '施工许可证谁申领？', at: '2026-10-01T00:00:00.000Z' });
    const fresh = fb({ question: '竣工验收由谁组织？', at: '2026-11-05T00:00:00.000Z' });
    const rejected = fb({ question: '投标保证金最多多少？', at: '2026-11-06T00:00:00.000Z' });
    const down = fb({ messageId: rejected.messageId, rating: 'down', at: '2026-10-02T00:00:00.000Z' });
    const r = feedbackToLearnLines([old, fresh, rejected, down], undefined, { since: new Date('2026-11-01') });
    expect(r.lines.map((l) => l.question)).toEqual(['竣工验收由谁组织？']);
    expect(r.upVotes).toBe(2);
    expect(r.skipped).toEqual([{ reason: 'also-rated-down', id: rejected.id }]);
  });

  it("leaves out follow-ups that were answered with the previous turn's context", () => {
    const ctx = { previousTerms: ['评标委员会', '人数'], previousFiles: ['gov-works/招标投标法(2017-12-27).md'] };
    const at = '2026-11-10T00:00:00.000Z';
    const follow = fb({ question: '那如果是施工单位呢？', at });
    const ownTopic = fb({ question: '施工许可证谁申领？', at });
    const firstTurn = fb({ question: '那施工单位呢？', at });
    const noTurn = fb({ question: '那施工单位呢？', conversationId: 'c2', at });
    const contexts = new Map<string, typeof ctx | undefined | 'unknown'>([
      [follow.messageId, ctx],
      [ownTopic.messageId, ctx],
      [firstTurn.messageId, undefined],
    ]);
    const table = turnTable([turnFor(follow), turnFor(ownTopic), turnFor(firstTurn)]);
    const turns: TurnLookup = { ...table, contextOf: (t) => contexts.get(t.messageId) };
    const r = feedbackToLearnLines([follow, ownTopic, firstTurn, noTurn], turns);
    // Asked as the first question of a conversation, "那施工单位呢？" was answered as it stands; without any stored
    // turn it looks elliptical and names no topic of its own, so it is left out.
    expect(r.lines.map((l) => l.question)).toEqual(['施工许可证谁申领？', '那施工单位呢？']);
    expect(r.skipped).toEqual([
      { reason: 'follow-up', id: follow.id },
      { reason: 'follow-up', id: noTurn.id },
    ]);
    // A turn whose context cannot be told is judged by its text alone.
    contexts.set(ownTopic.messageId, 'unknown');
    contexts.set(firstTurn.messageId, 'unknown');
    expect(feedbackToLearnLines([ownTopic, firstTurn], turns).lines.map((l) => l.question)).toEqual([
      '施工许可证谁申领？',
    ]);
  });

  it('keeps the input order for 👍 given at the same instant', () => {
    const at = '2026-11-10T00:00:00.000Z';
    const qs = ['竣工验收由谁组织？', '施工许可证谁申领？', '投标保证金最多多少？'];
    const r = feedbackToLearnLines(qs.map((question) => fb({ question, at, id: `z-${question}` })));
    expect(r.lines.map((l) => l.question)).toEqual(qs);
  });
});

describe('exportSummary', () => {
  it('counts questions, articles, 👍 and skip reasons for operators', () => {
    const r = feedbackToLearnLines([
      fb({ question: '评标委员会由几人组成？' }),
      fb({ question: '评标委员会由几人组成？', citations: ['《中华人民共和国招标投标法》第三十八条'] }),
      fb({ question: '施工许可证谁申领？', messageId: 'x' }),
      fb({ question: '施工许可证谁申领？', messageId: 'x', rating: 'down' }),
      fb({ question: '投标保证金最多多少？', citations: [] }),
      fb({ question: '竣工验收由谁组织？', citations: [] }),
      fb({
        question: '离婚冷静期多久？',
        citations: ['《建设工程质量管理条例》第一条', '《公文写作规范指南》', '乱码'],
      }),
    ]);
    expect(exportSummary(r)).toBe(
      'exported 2 questions (3 articles) from 6 👍; skipped 3: 2 without citation, 1 also rated 👎; ' +
        'ignored 2 citations: 1 whole-document, 1 unparseable label',
    );
    expect(exportSummary(feedbackToLearnLines([]))).toBe('exported 0 questions (0 articles) from 0 👍');
  });
});
