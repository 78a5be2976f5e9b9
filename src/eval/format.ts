// Number formatting shared by the Markdown and HTML reports.
export const pct = (x: number | undefined) => (x === undefined ? '—' : (x * 100).toFixed(1) + '%');
export const num = (x: number | undefined, d = 3) => (x === undefined ? '—' : x.toFixed(d));
export const ms = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
export const ratioText = (x: number | null | undefined) =>
  x === undefined ? '—' : x === null ? 'n/a' : '×' + x.toFixed(2);

/** 《标题》第N条, or the section heading for passages of documents without articles. */
export const articleLabel = (a: { title: string; article: string; headingPath?: string[] }) =>
  `《${a.title}》${a.article || a.headingPath?.at(-1) || '(无条号)'}`;
export const goldLabel = (g: { law: string; article: string; section?: string }) =>
  `《${g.law}》${g.article || g.section || ''}`;
