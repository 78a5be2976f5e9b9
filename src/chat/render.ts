// Plain-text rendering of replies, usable by any transport (CLI, web fallback, Lark text messages).
import type { SourceInfo } from '../core/chat';
import type { Answer, Citation } from '../core/types';

/** 《title》第N条 — the citation label used everywhere. */
export function citationLabel(c: Pick<Citation, 'title' | 'article'>): string {
  return `《${c.title}》${c.article}`;
}

export function renderAnswerText(answer: Answer): string {
  const parts = [answer.answer.trim()];
  if (answer.note) parts.push(`（${answer.note}）`);
  if (!answer.refused && answer.citations.length > 0) {
    const seen = new Set<string>();
    const lines = answer.citations
      .map(citationLabel)
      .filter((l) => !seen.has(l) && seen.add(l))
      .map((l) => `- ${l}`);
    parts.push(`依据：\n${lines.join('\n')}`);
  }
  if (answer.refused && answer.nearby && answer.nearby.length > 0 && !answer.answer.includes('《')) {
    parts.push(`最接近的文件：\n${answer.nearby.map((n) => `- ${citationLabel(n)}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

export function renderSources(sources: SourceInfo[], maxListed = 60): string {
  if (sources.length === 0) return '知识库目前是空的。请管理员把文件放入语料目录后运行 zhiyin ingest。';
  const sorted = [...sources].sort((a, b) => a.title.localeCompare(b.title, 'zh'));
  const total = sorted.reduce((n, s) => n + s.chunks, 0);
  const lines = sorted.slice(0, maxListed).map((s) => `- 《${s.title}》（${s.chunks} 条）`);
  if (sorted.length > maxListed) lines.push(`- ……另有 ${sorted.length - maxListed} 份文件`);
  return `知识库共收录 ${sorted.length} 份文件、${total} 个条目：\n${lines.join('\n')}`;
}
