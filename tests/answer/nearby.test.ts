// Refusals list the closest documents by article or section, each with the reason it was suggested; the Lark
// refusal card shows the same, and the web card drops the 「原文摘录」 badge on refusals.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chunk, Hit } from '../../src/core/types';
import { explainNearby, nearbyLabel } from '../../src/answer/nearby';
import { renderRefusal } from '../../src/answer/render';
import { answerCard } from '../../src/lark/cards';

const chunk = (over: Partial<Chunk>): Chunk => ({
  id: 'x',
  file: 'f.md',
  corpusDir: '/c',
  title: 'T',
  article: '',
  headingPath: ['T'],
  text: '',
  page: null,
  versionDate: '',
  part: 0,
  seq: 0,
  textHash: '',
  ...over,
});
const hit = (c: Chunk): Hit => ({ chunk: c, score: 1 });

const GUIDE = chunk({
  file: 'guide.md',
  title: '车辆停放指引',
  headingPath: ['车辆停放指引', '一、停车证办理', '（一）申领条件'],
  text: '（一）申领条件。在编职工名下登记的机动车，可以向后勤科申领停车证。',
});
const RULE = chunk({
  file: 'rule.md',
  title: '会议室管理办法',
  article: '第二条',
  text: '第二条 会议室由局办公室统一管理。',
});

describe('closest documents of a refusal', () => {
  const terms = [
    { term: '停车证', weight: 1 },
    { term: '外来车辆', weight: 1 },
    { term: '后勤科', weight: 1 },
  ];
  const nearby = explainNearby(
    [
      { title: GUIDE.title, file: GUIDE.file, article: '' },
      { title: RULE.title, file: RULE.file, article: '第二条' },
    ],
    [hit(GUIDE), hit(RULE)],
    terms,
  );

  it('name the section of outline documents and the article of article-style ones, with a reason', () => {
    expect(nearby[0]).toMatchObject({
      section: '一、停车证办理 （一）申领条件',
      reason: '含有问题中的“停车证”“后勤科”',
    });
    expect(nearbyLabel(nearby[0]!)).toBe('《车辆停放指引》一、停车证办理 （一）申领条件');
    expect(nearby[1]).toMatchObject({ article: '第二条', reason: '与问题的用词最接近' });
    expect(nearby[1]?.section).toBeUndefined();
  });

  it('appear so in the refusal text and on the Lark refusal card', () => {
    const text = renderRefusal(nearby);
    expect(text).toContain('1. 《车辆停放指引》一、停车证办理 （一）申领条件（含有问题中的“停车证”“后勤科”）');
    expect(text).toContain('2. 《会议室管理办法》第二条（与问题的用词最接近）');
    const card = JSON.stringify(
      answerCard({ questionMessageId: 'om_1', answer: text, citations: [], refused: true, nearby }),
    );
    expect(card).toContain('一、停车证办理 （一）申领条件（含有问题中的“停车证”“后勤科”）');
    expect(card).not.toContain('原文摘录');
  });

  it('web card: the 「原文摘录」 badge is not rendered for refusals', () => {
    // card.js is a browser script; the badge line must be conditional on the answer not being a refusal.
    const js = fs.readFileSync(path.resolve('src/web/static/card.js'), 'utf8');
    const line = js.split('\n').find((l) => l.includes("'原文摘录'"));
    expect(line).toMatch(/answer\.refused \? null :/);
  });
});
