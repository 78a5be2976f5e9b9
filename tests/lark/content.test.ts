import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../src/chat/log';
import { answerCard, articleTexts, cardBytes, splitText } from '../../src/lark/cards';
import { extractText, stripMentions } from '../../src/lark/content';
import type { Mention } from '../../src/lark/events';
import { isBotMention } from '../../src/lark/gate';
import { CITATION_A } from '../chat/fakes';

describe('message content', () => {
  it('reads text and post content, keeping mention keys', () => {
    expect(extractText('text', '{"text":"@_user_1 评标委员会几人？"}')).toEqual({
      text: '@_user_1 评标委员会几人？',
      mentionKeys: ['@_user_1'],
    });
    const post = JSON.stringify({
      title: '请教',
      content: [
        [
          { tag: 'at', user_id: '@_user_1', user_name: 'Bot' },
          { tag: 'text', text: ' 保修期' },
        ],
        [{ tag: 'a', text: '链接', href: 'https://x' }],
        [{ tag: 'img', image_key: 'img_1' }],
      ],
    });
    expect(extractText('post', post)).toEqual({ text: '请教\n@_user_1 保修期\n链接', mentionKeys: ['@_user_1'] });
    // A sent post wraps the body in a locale.
    expect(
      extractText('post', JSON.stringify({ zh_cn: { title: '', content: [[{ tag: 'text', text: '你好' }]] } }))?.text,
    ).toBe('你好');
    expect(extractText('image', '{"image_key":"x"}')).toBeUndefined();
    expect(extractText('text', 'not json')).toEqual({ text: '', mentionKeys: [] });
  });

  it('strips the bot mention and names other people', () => {
    const mentions: Mention[] = [
      { key: '@_user_1', id: { open_id: 'ou_bot' }, name: '指引' },
      { key: '@_user_2', id: { open_id: 'ou_li' }, name: '李工' },
    ];
    const isBot = (m: Mention) => isBotMention(m, 'ou_bot');
    expect(stripMentions('@_user_1 请问 @_user_2 说的保修期对吗？', mentions, isBot)).toBe(
      '请问 @李工 说的保修期对吗？',
    );
    expect(isBotMention({ key: '@_all' }, undefined)).toBe(false);
    expect(isBotMention({ key: '@_user_1' }, undefined)).toBe(true);
  });
  it('replaces mention keys as whole tokens when there are ten or more (@_user_1 vs @_user_10)', () => {
    const mentions: Mention[] = [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '指引' }];
    for (let i = 2; i <= 12; i++) mentions.push({ key: `@_user_${i}`, id: { open_id: `ou_${i}` }, name: `王工${i}` });
    const isBot = (m: Mention) => isBotMention(m, 'ou_bot');
    expect(stripMentions('@_user_12 @_user_1 @_user_11 问一下 @_user_10，路灯多久修好？', mentions, isBot)).toBe(
      '@王工12 @王工11 问一下 @王工10，路灯多久修好？',
    );
    // A key Feishu did not describe is dropped, never left as "@_user_99" in the question.
    expect(stripMentions('@_user_99 井盖', mentions, isBot)).toBe('井盖');
  });
});

describe('cards', () => {
  it('splits long text at sentence ends within the limit', () => {
    const text = '第一句话。'.repeat(30);
    const parts = splitText(text, 40);
    expect(parts.every((p) => [...p].length <= 40)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts[0]?.endsWith('。')).toBe(true);
  });

  it('shrinks quotes before the answer to stay under the byte limit', () => {
    const input = {
      questionMessageId: 'om_1',
      answer: '答'.repeat(3000),
      citations: Array.from({ length: 8 }, (_, i) => ({
        ...CITATION_A,
        article: `第${i}条`,
        quote: '引'.repeat(2000),
      })),
      refused: false,
    };
    const card = answerCard(input, 20_000);
    expect(cardBytes(card)).toBeLessThanOrEqual(20_000);
    expect(JSON.stringify(card)).toContain('答'.repeat(3000));
    expect(JSON.stringify(card)).not.toContain('查看完整回答');
  });

  it('lists nearby documents on a refusal and no citation panels', () => {
    const card = JSON.stringify(
      answerCard({
        questionMessageId: 'om_1',
        answer: '知识库中没有找到关于食堂管理的规定。',
        citations: [],
        refused: true,
        nearby: [{ title: '机关事务管理条例', file: 'a.md', article: '第十条' }],
      }),
    );
    expect(card).toContain('知识库中没有找到答案');
    expect(card).toContain('《机关事务管理条例》第十条');
    expect(card).not.toContain('collapsible_panel');
  });

  it('renders an article with its heading path and splits long ones', () => {
    const chunk = {
      id: 'c',
      file: 'f.md',
      corpusDir: '/c',
      title: '建设工程质量管理条例',
      article: '第四十条',
      headingPath: ['建设工程质量管理条例', '第六章 建设工程质量保修', '第四十条'],
      text: '第四十条 在正常使用条件下……。'.repeat(400),
      page: null,
      versionDate: '2019-04-23',
      part: 0,
      seq: 1,
      textHash: 'h',
    };
    const texts = articleTexts([chunk], 3500);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[0]).toMatch(/^《建设工程质量管理条例》第四十条（第六章 建设工程质量保修）\n版本：2019-04-23/);
    expect(texts[1]?.startsWith('（续）')).toBe(true);
  });
});

describe('operator log', () => {
  it('writes JSON lines and redacts secrets and tokens', () => {
    const lines: string[] = [];
    const log = createJsonLogger({ write: (l) => lines.push(l), now: () => new Date('2026-03-01T00:00:00Z') });
    log.debug('hidden');
    log.info('lark.sdk', {
      app_secret: 'abc',
      nested: { Authorization: 'Bearer t-xyz', note: 'header Bearer t-abcdefghijklmnopqrstu leaked' },
      err: new Error('boom'),
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      ts: '2026-03-01T00:00:00.000Z',
      level: 'info',
      event: 'lark.sdk',
      app_secret: '[redacted]',
    });
    expect(lines[0]).not.toContain('t-xyz');
    expect(lines[0]).not.toContain('t-abcdefghijklmnopqrstu');
    expect(entry.err).toEqual({ name: 'Error', message: 'boom' });
    log.warn('big', { card: 'x'.repeat(10_000) });
    expect(lines[1]!.length).toBeLessThan(2200);
  });
});

describe('article lookup', () => {
  it('returns all parts of the cited article in order', async () => {
    const { articleLookup } = await import('../../src/lark/article');
    const base = {
      file: 'a.md',
      corpusDir: '/c',
      title: 'T',
      article: '第五条',
      headingPath: ['T', '第五条'],
      page: null,
      versionDate: '',
      seq: 0,
      textHash: 'h',
    };
    const p0 = { ...base, id: 'p0', text: '第五条 前半', part: 0 };
    const p1 = { ...base, id: 'p1', text: '后半', part: 1 };
    const other = { ...base, id: 'x', article: '', text: '附录', part: 0 };
    const all = [p0, p1, other];
    const lookup = articleLookup({
      chunkById: (id) => all.find((c) => c.id === id),
      articleChunks: (file, article) => [p1, p0].filter((c) => c.file === file && c.article === article),
    });
    expect(lookup.lookupArticle('p1').map((c) => c.id)).toEqual(['p0', 'p1']);
    expect(lookup.lookupArticle('x').map((c) => c.id)).toEqual(['x']);
    expect(lookup.lookupArticle('missing')).toEqual([]);
    expect(lookup.lookupChunk('p0')).toBe(p0);
  });
});

describe('card markdown escaping', () => {
  it('turns markup characters into character references and leaves Chinese text alone', async () => {
    const { escapeMd } = await import('../../src/lark/cards');
    expect(escapeMd('第一条 <a> *重点* [注]')).toBe('第一条 &#60;a&#62; &#42;重点&#42; &#91;注&#93;');
    expect(escapeMd('《建设工程质量管理条例》第四十条（一）')).toBe('《建设工程质量管理条例》第四十条（一）');
  });
});
