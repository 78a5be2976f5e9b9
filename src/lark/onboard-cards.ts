// Onboarding as Lark cards (JSON 2.0): a lesson (key points with citations and 查看原文), a quiz question with
// one button per option (或 对/错), the verdict with its explanation and a 下一课 button. Button values carry
// `ob` so the card-action handler can tell them from the answer card's buttons.
import { z } from 'zod';
import type { Reply } from '../core/chat';
import type { AnswerView, OnboardView, QuestionView } from '../core/onboard';
import { citationLabel } from '../onboard/corpus';
import { optionLabel } from '../onboard/render';
import type { CardJson } from './api';
import { escapeMd } from './cards';

/** Button values of onboarding cards: answer an option, go to the next lesson, or show a passage. */
export const OnboardButtonSchema = z.discriminatedUnion('ob', [
  z.object({ ob: z.literal('answer'), t: z.string().min(1).max(10), i: z.string().min(1).max(40) }),
  z.object({ ob: z.literal('next') }),
  z.object({ ob: z.literal('article'), c: z.string().min(1).max(200) }),
]);
export type OnboardButton = z.infer<typeof OnboardButtonSchema>;

const md = (content: string) => ({ tag: 'markdown', content });
/** Points shown on a card; the plain-text reply holds them all. */
const MAX_CARD_POINTS = 10;

function button(text: string, value: OnboardButton, type: 'default' | 'primary' = 'default') {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    size: 'small',
    behaviors: [{ type: 'callback', value }],
  };
}

function questionElements(q: QuestionView): unknown[] {
  const { item } = q;
  const head = q.review ? `**复习题（${q.number}/${q.of}）**` : `**小测验 第${q.number}/${q.of}题**`;
  const out: unknown[] = [md(`${head}\n${escapeMd(item.question)}`)];
  const labels = item.kind === 'choice' ? item.options.map((o, i) => `${optionLabel(i)}. ${o}`) : item.options;
  const replies = item.kind === 'choice' ? item.options.map((_, i) => optionLabel(i)) : item.options;
  if (labels.length > 0) {
    out.push({
      tag: 'column_set',
      columns: labels.map((label, i) => ({
        tag: 'column',
        width: 'auto',
        elements: [button(label, { ob: 'answer', t: replies[i] ?? label, i: item.id })],
      })),
    });
  } else out.push(md('<font color="grey">请直接回复空白处的内容。</font>'));
  return out;
}

function card(title: string, template: string, elements: unknown[]): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template },
    body: { elements },
  };
}

/** The card of a lesson / pending question / finished path. */
export function onboardViewCard(view: OnboardView, text: string): CardJson {
  if (view.kind === 'lesson') {
    const { step, points } = view.lesson;
    const elements: unknown[] = [md(`**${escapeMd(step.title)}**（约 ${step.minutes} 分钟）`)];
    for (const p of points.slice(0, MAX_CARD_POINTS)) {
      elements.push(
        p.kind === 'heading'
          ? md(`**${escapeMd(p.text)}**`)
          : md(`- ${escapeMd(p.text)}\n<font color="grey">${escapeMd(citationLabel(p.citation))}</font>`),
      );
    }
    const sources = [...new Map(points.map((p) => [p.citation.chunkId, p.citation])).values()].slice(0, 3);
    if (sources.length > 0) {
      elements.push({
        tag: 'column_set',
        columns: sources.map((c) => ({
          tag: 'column',
          width: 'auto',
          elements: [button(`查看原文：${citationLabel(c).slice(0, 24)}`, { ob: 'article', c: c.chunkId })],
        })),
      });
    }
    elements.push({ tag: 'hr' });
    if (view.question) elements.push(...questionElements(view.question));
    else elements.push(button('下一课', { ob: 'next' }, 'primary'));
    return card(`入职学习 · 第 ${step.step}/${view.total} 课`, 'blue', elements);
  }
  if (view.kind === 'question') {
    return card(`入职学习 · 第 ${view.step}/${view.total} 课`, 'blue', questionElements(view.question));
  }
  return card('入职学习', 'green', [md(escapeMd(text))]);
}

/** The verdict card: right/wrong, the explanation quoting the passage, then the next question or 下一课. */
export function onboardAnswerCard(a: AnswerView): CardJson {
  const elements: unknown[] = [
    md(a.correct ? '✅ **回答正确！**' : '❌ **回答错误。** 这道题会在后面的复习中再次出现。'),
    md(escapeMd(a.item.explanation)),
    button('查看原文', { ob: 'article', c: a.item.citation.chunkId }),
  ];
  if (a.next) elements.push({ tag: 'hr' }, ...questionElements(a.next));
  if (a.stepDone) {
    const d = a.stepDone;
    elements.push({ tag: 'hr' }, md(`第 ${d.step} 课完成，得分 **${d.score}/${d.total}**。`));
    if (d.nextStep <= d.pathLength) elements.push(button('下一课', { ob: 'next' }, 'primary'));
    else elements.push(md('🎉 您已完成全部课程！发送 /进度 查看成绩。'));
  }
  return card('入职学习', a.correct ? 'green' : 'orange', elements);
}

/** The card for an onboarding reply, or undefined for any other reply. */
export function onboardCardFor(reply: Reply): CardJson | undefined {
  if (reply.onboard?.answer) return onboardAnswerCard(reply.onboard.answer);
  if (reply.onboard?.view) return onboardViewCard(reply.onboard.view, reply.text);
  return undefined;
}
