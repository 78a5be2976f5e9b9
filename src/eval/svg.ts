// Inline SVG charts for the HTML report: no script, no CDN, nothing fetched at view time.

export const COLORS = { ours: '#2563eb', baseline: '#f59e0b', grid: '#d1d5db', text: '#111827', muted: '#6b7280' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface BarGroup {
  label: string;
  ours: number;
  baseline?: number;
}

const f1 = (x: number) => x.toFixed(1);

/** Vertical grouped bars (values in [0,1]): one group per metric, ours and the baseline side by side. */
export function groupedBarChart(groups: BarGroup[], title: string): string {
  const left = 44;
  const top = 36;
  const plotH = 220;
  const groupW = 74;
  const barW = 26;
  const width = left + groups.length * groupW + 20;
  const height = top + plotH + 64;
  const y = (v: number) => top + plotH * (1 - Math.max(0, Math.min(1, v)));
  const parts: string[] = [];
  parts.push(`<text x="${left}" y="20" font-size="15" font-weight="600" fill="${COLORS.text}">${esc(title)}</text>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${left}" x2="${width - 10}" y1="${f1(y(t))}" y2="${f1(y(t))}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${f1(y(t) + 4)}" font-size="11" text-anchor="end" fill="${COLORS.muted}">${t * 100}%</text>`,
    );
  }
  groups.forEach((g, i) => {
    const x0 = left + i * groupW + 10;
    const bar = (v: number, x: number, color: string, who: string) =>
      `<rect x="${x}" y="${f1(y(v))}" width="${barW}" height="${f1(top + plotH - y(v))}" fill="${color}"><title>${esc(
        `${g.label} ${who}: ${(v * 100).toFixed(1)}%`,
      )}</title></rect>` +
      `<text x="${x + barW / 2}" y="${f1(y(v) - 3)}" font-size="9" text-anchor="middle" fill="${COLORS.text}">${Math.round(v * 100)}</text>`;
    parts.push(bar(g.ours, x0, COLORS.ours, '本系统'));
    if (g.baseline !== undefined) parts.push(bar(g.baseline, x0 + barW + 2, COLORS.baseline, '基线'));
    parts.push(
      `<text x="${x0 + barW}" y="${top + plotH + 16}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${esc(g.label)}</text>`,
    );
  });
  parts.push(legend(left, height - 18));
  return svg(width, height, parts, title);
}

/** Horizontal paired bars, one row per label (the per-document breakdown). */
export function horizontalBarChart(rows: BarGroup[], title: string, labelWidth = 260): string {
  const top = 34;
  const rowH = 30;
  const plotW = 420;
  const width = labelWidth + plotW + 70;
  const height = top + rows.length * rowH + 40;
  const parts: string[] = [
    `<text x="8" y="20" font-size="15" font-weight="600" fill="${COLORS.text}">${esc(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y0 = top + i * rowH;
    const label = r.label.length > 18 ? r.label.slice(0, 17) + '…' : r.label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y0 + 17}" font-size="12" text-anchor="end" fill="${COLORS.text}">${esc(label)}<title>${esc(r.label)}</title></text>`,
    );
    const bar = (v: number, dy: number, color: string) =>
      `<rect x="${labelWidth}" y="${y0 + dy}" width="${f1(Math.max(1, plotW * v))}" height="11" fill="${color}"/>` +
      `<text x="${f1(labelWidth + plotW * v + 4)}" y="${y0 + dy + 10}" font-size="10" fill="${COLORS.muted}">${(v * 100).toFixed(0)}%</text>`;
    parts.push(bar(r.ours, 3, COLORS.ours));
    if (r.baseline !== undefined) parts.push(bar(r.baseline, 15, COLORS.baseline));
  });
  parts.push(
    `<line x1="${labelWidth}" x2="${labelWidth}" y1="${top - 4}" y2="${top + rows.length * rowH}" stroke="${COLORS.grid}"/>`,
  );
  parts.push(legend(labelWidth, height - 14));
  return svg(width, height, parts, title);
}

function legend(x: number, y: number): string {
  return (
    `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLORS.ours}"/>` +
    `<text x="${x + 16}" y="${y}" font-size="12" fill="${COLORS.text}">本系统</text>` +
    `<rect x="${x + 80}" y="${y - 10}" width="12" height="12" fill="${COLORS.baseline}"/>` +
    `<text x="${x + 96}" y="${y}" font-size="12" fill="${COLORS.text}">基线 BM25</text>`
  );
}

function svg(width: number, height: number, parts: string[], title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    parts.join('') +
    '</svg>'
  );
}
