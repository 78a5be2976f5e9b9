// One self-contained HTML page: inline CSS and SVG only, so it opens offline and can be mailed as a file.
import { articleLabel, goldLabel, ms, pct, ratioText } from './format';
import { esc, groupedBarChart, horizontalBarChart } from './svg';
import { riskCoverageSvg } from './risk-coverage';
import { METRIC_LABELS, QUALITY_METRICS, type EvalReport, type SetReport } from './types';

const CSS = `body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#111827;background:#fff}
h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #e5e7eb;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}td,th{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.n{text-align:right;font-variant-numeric:tabular-nums}.fail{color:#b91c1c}.ok{color:#15803d}
.gate{padding:8px 12px;border-radius:6px;display:inline-block}.gate.ok{background:#dcfce7}.gate.fail{background:#fee2e2}
.chart{display:block;margin:8px 0}.meta{color:#6b7280;font-size:13px}`;

function metricsTable(s: SetReport): string {
  const m = s.ours.metrics;
  const b = s.baseline?.metrics;
  const rows = QUALITY_METRICS.filter((k) => m[k] !== undefined).map(
    (k) =>
      `<tr><td>${esc(METRIC_LABELS[k])}</td><td class="n">${pct(m[k])}</td><td class="n">${pct(b?.[k])}</td><td class="n">${ratioText(s.ratio[k])}</td></tr>`,
  );
  rows.push(
    `<tr><td>检索延迟 p50 / p95 (ms)</td><td class="n">${ms(m.latency.retrieveP50)} / ${ms(m.latency.retrieveP95)}</td><td class="n">${ms(b?.latency.retrieveP50)} / ${ms(b?.latency.retrieveP95)}</td><td></td></tr>`,
  );
  if (m.latency.answerP50 !== undefined) {
    rows.push(
      `<tr><td>回答延迟 p50 / p95 (ms)</td><td class="n">${ms(m.latency.answerP50)} / ${ms(m.latency.answerP95)}</td><td class="n">${ms(b?.latency.answerP50)} / ${ms(b?.latency.answerP95)}</td><td></td></tr>`,
    );
  }
  if (s.ours.judge) {
    const j = s.ours.judge;
    rows.push(
      `<tr><td>LLM 评判得分（${esc(j.model)}，${j.judged} 题，仅供参考）</td><td class="n">${pct(j.score)}</td><td></td><td></td></tr>`,
    );
  }
  return `<table><tr><th>指标</th><th>本系统</th><th>基线 (BM25)</th><th>比值</th></tr>${rows.join('')}</table>`;
}

function worstTable(s: SetReport): string {
  const byId = new Map(s.ours.results.map((r) => [r.id, r]));
  const rows = s.worst.map((id) => {
    const r = byId.get(id);
    if (!r) return '';
    const gold = r.gold.map((g) => goldLabel(g)).join('；') || '（不可答）';
    const top = r.retrieval.retrieved
      .slice(0, 3)
      .map((a) => articleLabel(a))
      .join('；');
    const failed = Object.entries(r.checks)
      .filter(([, v]) => v === false)
      .map(([k]) => k)
      .join(', ');
    const ans = r.answer
      ? `${r.answer.refused ? '拒答' : '作答'}；引用 ${r.answer.cited.map((a) => articleLabel(a)).join('；') || '—'}`
      : '—';
    return `<tr><td>${esc(r.id)}</td><td>${esc(r.question)}</td><td>${esc(gold)}<br><span class="meta">排名 ${esc(
      JSON.stringify(r.retrieval.goldRanks),
    )}</span></td><td>${esc(top)}</td><td>${esc(ans)}</td><td class="fail">${esc(failed)}</td></tr>`;
  });
  return `<table><tr><th>编号</th><th>问题</th><th>标准条文</th><th>检索前三</th><th>回答</th><th>未通过</th></tr>${rows.join('')}</table>`;
}

function docTable(s: SetReport): string {
  const rows = s.perDocument.map(
    (d) =>
      `<tr><td>${esc(d.document)}</td><td class="n">${d.questions}</td><td class="n">${pct(d.ours.recall5)}</td><td class="n">${pct(
        d.baseline?.recall5,
      )}</td><td class="n">${pct(d.ours.factAccuracy)}</td><td class="n">${pct(d.baseline?.factAccuracy)}</td></tr>`,
  );
  return `<table><tr><th>文件</th><th>题数</th><th>Recall@5 本系统</th><th>Recall@5 基线</th><th>事实准确率 本系统</th><th>事实准确率 基线</th></tr>${rows.join('')}</table>`;
}

/** The risk–coverage curve (from `eval --cv`), or a note how to get it. */
function riskSection(s: SetReport): string {
  if (!s.riskCoverage || s.riskCoverage.points.length < 2) {
    return '<p class="meta">风险–覆盖曲线：用 <code>zhiyin eval --cv 5</code> 运行时给出（交叉验证）。</p>';
  }
  return `<h3>风险–覆盖曲线（拒答阈值变化时，作答率 vs 事实准确率；交叉验证）</h3>${riskCoverageSvg(
    s.riskCoverage,
    `${s.name}：作答率–事实准确率，橙点为工作点`,
  )}`;
}

function setSection(s: SetReport): string {
  const m = s.ours.metrics;
  const groups = QUALITY_METRICS.filter((k) => m[k] !== undefined).map((k) => ({
    label: METRIC_LABELS[k],
    ours: m[k] ?? 0,
    baseline: s.baseline?.metrics[k],
  }));
  const docRows = s.perDocument.map((d) => ({
    label: d.document,
    ours: d.ours.recall5,
    baseline: d.baseline?.recall5,
  }));
  return [
    `<section><h2>${esc(s.name)}</h2>`,
    `<p class="meta">集合 ${esc(s.setFile)} · 语料 ${esc(s.corpusDirs.join(', '))} · ${m.questions} 题（可答 ${m.answerable}，不可答 ${m.unanswerable}）${
      s.ingestMs !== undefined ? ` · 建索引 ${(s.ingestMs / 1000).toFixed(1)} s` : ''
    }</p>`,
    groupedBarChart(groups, '各项指标：本系统 vs 基线'),
    metricsTable(s),
    riskSection(s),
    docRows.length
      ? `<h3>分文件</h3>${horizontalBarChart(docRows, '分文件 Recall@5（按题数排序）')}${docTable(s)}`
      : '',
    `<h3>最差的题目</h3>${s.worst.length ? worstTable(s) : '<p class="ok">所有题目均通过。</p>'}`,
    '</section>',
  ].join('\n');
}

export function toHtml(report: EvalReport): string {
  const g = report.gate;
  const gate = g
    ? `<p class="gate ${g.ok ? 'ok' : 'fail'}">门禁${g.ok ? '通过' : '未通过'}（容差 ${g.tolerance}）${g.failures
        .map((f) => `<br>${esc(f.set)} / ${esc(METRIC_LABELS[f.metric])}：${pct(f.baseline)} → ${pct(f.current)}`)
        .join('')}</p>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>指引 评测报告</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body><h1>指引 评测报告</h1><p class="meta">生成时间 ${esc(report.generatedAt)}</p>${gate}
${report.sets.map(setSection).join('\n')}
</body></html>
`;
}
