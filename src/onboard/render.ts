// Plain-text (Chinese) rendering of lessons, questions, answers and progress, for the web chat, the terminal
// and any transport without cards. The Lark cards (src/lark/onboard-cards.ts) show the same content.
import type { KeyPoint, QuizItem } from '../core/onboard';
import { citationLabel } from './corpus';
import type { AnswerView, OnboardView, QuestionView, StatusView } from './service';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

export function optionLabel(i: number): string {
  return LETTERS[i] ?? String(i + 1);
}

export function renderPoint(p: KeyPoint): string {
  if (p.kind === 'heading') return `【${p.text}】`;
  return `- ${p.text}（${citationLabel(p.citation)}）`;
}

export function renderQuestion(q: QuestionView): string {
  const head = `${q.review ? '复习题' : '第'}${q.review ? '' : `${q.number}/${q.of}题`}${q.review ? `（${q.number}/${q.of}）` : ''}：`;
  const lines = [head + q.item.question];
  if (q.item.kind === 'choice') q.item.options.forEach((o, i) => lines.push(`${optionLabel(i)}. ${o}`));
  lines.push(answerHint(q.item));
  return lines.join('\n');
}

export function answerHint(item: QuizItem): string {
  if (item.kind === 'choice') return '请回复选项字母（如「A」）。';
  if (item.kind === 'truefalse') return '请回复「对」或「错」。';
  return '请直接回复空白处的内容。';
}

export function renderView(view: OnboardView): string {
  if (view.kind === 'empty')
    return '知识库里还没有可学习的内容：请先导入文档，或在 corpus/onboarding.yaml 中声明学习路径。';
  if (view.kind === 'finished') {
    const score = view.results.reduce((n, r) => n + r.score, 0);
    const total = view.results.reduce((n, r) => n + r.total, 0);
    return `恭喜，入职学习路径的 ${view.total} 课已全部完成！总得分 ${score}/${total}。发送 /进度 查看每课成绩。`;
  }
  if (view.kind === 'question') {
    return `您在第 ${view.step}/${view.total} 课还有一道题没有回答：\n\n${renderQuestion(view.question)}`;
  }
  const { step, points } = view.lesson;
  const lines = [
    `入职学习 第 ${step.step}/${view.total} 课：${step.title}（约 ${step.minutes} 分钟）`,
    '',
    '要点：',
    ...points.map(renderPoint),
    '',
    `原文：${step.files.join('、')}（点击引用可查看原文）`,
  ];
  if (view.reviews > 0) lines.push(`本课末尾有 ${view.reviews} 道复习题（之前答错的题）。`);
  if (view.question) lines.push('', '小测验', renderQuestion(view.question));
  else lines.push('', '本课没有测验题，已记为完成。发送 /下一课 继续。');
  return lines.join('\n');
}

export function renderAnswer(a: AnswerView): string {
  const lines = [a.correct ? '✅ 回答正确！' : '❌ 回答错误。', a.item.explanation];
  if (!a.correct) lines.push('这道题会在后面的复习中再次出现。');
  if (a.next) lines.push('', renderQuestion(a.next));
  if (a.stepDone) {
    const d = a.stepDone;
    lines.push('', `第 ${d.step} 课完成，得分 ${d.score}/${d.total}。`);
    lines.push(d.nextStep <= d.pathLength ? '发送 /下一课 继续学习。' : '您已完成全部课程！发送 /进度 查看成绩。');
  }
  return lines.join('\n');
}

export function renderStatus(s: StatusView | undefined): string {
  if (!s) return '您还没有开始入职学习。发送 /入职 开始。';
  const lines = [
    `入职学习进度：下一课是第 ${Math.min(s.step, s.total)}/${s.total} 课${s.step > s.total ? '（已全部完成）' : ''}。`,
  ];
  if (s.role) lines.push(`岗位：${s.role}`);
  for (const r of s.done) {
    const title = s.path.find((p) => p.step === r.step)?.title ?? '';
    lines.push(`- 第 ${r.step} 课 ${title}：${r.score}/${r.total}（${r.doneAt.slice(0, 10)} 完成）`);
  }
  if (s.pending) lines.push(`当前测验：第 ${s.pending.step} 课第 ${s.pending.number}/${s.pending.of} 题待回答。`);
  if (s.reviewsDue > 0) lines.push(`待复习的错题：${s.reviewsDue} 道。`);
  lines.push(s.pushOptIn ? '每日推送：已开启（工作日推送一课）。' : '每日推送：未开启（发送「/入职 每日推送」开启）。');
  return lines.join('\n');
}
