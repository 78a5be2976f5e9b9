// Fixed phrasing of answers. Everything else in an extractive answer is verbatim source text; these connective
// phrases are the only words the system adds.
import type { Chunk, Citation, NearbyDocument } from '../core/types';
import { nearbyLabel } from './nearby';

export const PHRASES = {
  leadIntro: (label: string) => `根据${label}：`,
  articleHeader: '【条文原文】',
  relatedHeader: '【相关条文】',
  clipped: '……（条文较长，已截断）',
  refusal: '知识库中没有找到能回答这个问题的规定。',
  articleNotFound: (title: string, article: string) => `知识库中没有找到《${title}》${article}。`,
  nearbyHeader: '最接近的文件：',
  noNearby: '知识库中也没有与之相近的文件。',
  emptyQuestion: '请输入要查询的问题。',
  llmFallback: '大模型暂时不可用，以下为从原文直接摘录的答案。',
  llmUnverified: '大模型的回答未能通过引文核对，以下为从原文直接摘录的答案。',
  llmStripped: (n: number) => `已删除${n}处无法在原文中核实的引用。`,
} as const;

/** Cites an article the way staff write it: 《建设工程质量管理条例》第四十条. */
export function citeLabel(c: Pick<Chunk, 'title' | 'article'> & { headingPath?: string[] }): string {
  if (c.article) return `《${c.title}》${c.article}`;
  // Guides and FAQs have no 条: name the section instead, so the reader can still find the passage.
  const section = c.headingPath?.at(-1);
  return section && section !== c.title ? `《${c.title}》“${section}”` : `《${c.title}》`;
}

export function citationOf(chunk: Chunk, quote: string): Citation {
  return { title: chunk.title, article: chunk.article, file: chunk.file, quote, chunkId: chunk.id };
}

export function renderRefusal(nearby: NearbyDocument[], headline: string = PHRASES.refusal): string {
  const lines: string[] = [headline];
  if (nearby.length === 0) lines.push(PHRASES.noNearby);
  else {
    lines.push(PHRASES.nearbyHeader);
    // The section names where an outline/FAQ document is close; the reason says why it is listed.
    nearby.forEach((n, i) =>
      lines.push(`${i + 1}. ${n.article ? citeLabel(n) : nearbyLabel(n)}${n.reason ? `（${n.reason}）` : ''}`),
    );
  }
  return lines.join('\n');
}
