// Markdown report: the same numbers as the HTML page, readable in a terminal, a PR comment or the docs.
import { questionLine } from './report-json';
import { articleLabel, ms, pct, ratioText } from './format';
import { METRIC_LABELS, QUALITY_METRICS, type EvalReport, type SetReport } from './types';

function setSection(s: SetReport): string[] {
  const L: string[] = [];
  const m = s.ours.metrics;
  L.push(`## ${s.name}`, '');
  L.push(
    `集合 \`${s.setFile}\`，语料 ${s.corpusDirs.map((d) => '`' + d + '`').join('、')}；` +
      `${m.questions} 题（可答 ${m.answerable}，不可答 ${m.unanswerable}）` +
      (s.ingestMs !== undefined ? `；建索引 ${(s.ingestMs / 1000).toFixed(1)} s` : ''),
    '',
  );
  L.push('| 指标 | 本系统 | 基线 (BM25) | 比值 |', '|---|---:|---:|---:|');
  for (const k of QUALITY_METRICS) {
    if (m[k] === undefined) continue;
    L.push(`| ${METRIC_LABELS[k]} | ${pct(m[k])} | ${pct(s.baseline?.metrics[k])} | ${ratioText(s.ratio[k])} |`);
  }
  const lat = m.latency;
  const bl = s.baseline?.metrics.latency;
  L.push(
    `| 检索延迟 p50/p95 (ms) | ${ms(lat.retrieveP50)} / ${ms(lat.retrieveP95)} | ${ms(bl?.retrieveP50)} / ${ms(bl?.retrieveP95)} | |`,
  );
  if (lat.answerP50 !== undefined) {
    L.push(
      `| 回答延迟 p50/p95 (ms) | ${ms(lat.answerP50)} / ${ms(lat.answerP95)} | ${ms(bl?.answerP50)} / ${ms(bl?.answerP95)} | |`,
    );
  }
  if (s.ours.judge) {
    const j = s.ours.judge;
    L.push(`| LLM 评判得分（${j.model}，${j.judged} 题，仅供参考） | ${pct(j.score)} | | |`);
  }
  L.push('');
  if (s.perDocument.length) {
    L.push(
      '### 分文件',
      '',
      '| 文件 | 题数 | Recall@5 本系统 | Recall@5 基线 | 事实准确率 本系统 | 事实准确率 基线 |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const d of s.perDocument) {
      L.push(
        `| ${d.document} | ${d.questions} | ${pct(d.ours.recall5)} | ${pct(d.baseline?.recall5)} | ${pct(d.ours.factAccuracy)} | ${pct(d.baseline?.factAccuracy)} |`,
      );
    }
    L.push('');
  }
  if (s.worst.length) {
    L.push('### 最差的题目', '');
    const byId = new Map(s.ours.results.map((r) => [r.id, r]));
    for (const id of s.worst) {
      const r = byId.get(id);
      if (!r) continue;
      const q = questionLine(r, s.ours.name, 3);
      const failed = Object.entries(r.checks)
        .filter(([, v]) => v === false)
        .map(([k]) => k);
      L.push(`- **${r.id}** ${r.question}`);
      L.push(
        `  - 标准答案：${(q.gold as string[]).join('；') || '（不可答）'}；排名 ${JSON.stringify(r.retrieval.goldRanks)}`,
      );
      L.push(`  - 检索前三：${(q.retrieved as string[]).join('；') || '—'}`);
      if (r.answer) {
        const cited = r.answer.cited.map((a) => articleLabel(a)).join('；') || '—';
        L.push(
          `  - 回答：${r.answer.refused ? '拒答' : '作答'}；引用 ${cited}；未命中事实 ${JSON.stringify(r.answer.factsMissing)}`,
        );
      }
      L.push(`  - 未通过：${failed.join(', ') || '—'}`);
    }
    L.push('');
  }
  return L;
}

export function toMarkdown(report: EvalReport): string {
  const L: string[] = ['# 指引 评测报告', '', `生成时间 ${report.generatedAt}`, ''];
  if (report.gate) {
    const g = report.gate;
    L.push(`**门禁：${g.ok ? '通过' : '未通过'}**（容差 ${g.tolerance}）`, '');
    for (const f of g.failures) {
      L.push(
        `- ${f.set} / ${METRIC_LABELS[f.metric]}：基线 ${pct(f.baseline)} → 本次 ${pct(f.current)}（下降 ${pct(f.drop)}）`,
      );
    }
    if (g.skipped.length) L.push(`- 未评测：${g.skipped.join('、')}`);
    L.push('');
  }
  for (const s of report.sets) L.push(...setSection(s));
  return L.join('\n');
}
