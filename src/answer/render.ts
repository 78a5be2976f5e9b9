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
  ocrNote: '（扫描件识别）',
} as const;

// Outline markers of guide headings: 一、 （一） (一) 1. 1、 （1）.
const OUTLINE = /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))/;

/**
 * Where a passage of a guide or FAQ (no 第N条) stands: for a FAQ answer its question (given, or the last
 * heading when that heading is a question, 「1. OA系统密码忘记了怎么办？」 → 「OA系统密码忘记了怎么办？」); else the outline
 * path of its headings (「二、…」 ▸ 「（二）…」 → 「二、（二）」); else the last heading's text. Undefined for articles
 * and for passages directly under the title.
 */
export function sectionOf(
  c: Pick<Chunk, 'title' | 'article'> & { headingPath?: string[] },
  faq?: string,
): string | undefined {
  if (c.article) return undefined;
  if (faq) return faq;
  const headings = (c.headingPath ?? []).filter((h, i) => !(i === 0 && h === c.title));
  const last = headings.at(-1);
  if (!last) return undefined;
  if (/[？?]$/.test(last)) return last.replace(OUTLINE, '').trim();
  const markers = headings.map((h) => OUTLINE.exec(h)?.[0]);
  if (markers.at(-1)) return markers.filter(Boolean).join('');
  return last;
}

/**
 * Cites an article the way staff write it: 《建设工程质量管理条例》第四十条; a guide passage by its outline path
 * (《新员工入职指南》一、（二）) and a FAQ answer by its question (《常见问题》“OA系统密码忘记了怎么办？”).
 */
export function citeLabel(
  c: Pick<Chunk, 'title' | 'article'> & { headingPath?: string[]; section?: string; ocr?: boolean },
  faq?: string,
): string {
  // Text read by OCR may hold recognition errors: the reader is told so next to the citation.
  if (c.ocr) return `${citeLabel({ ...c, ocr: false }, faq)}${PHRASES.ocrNote}`;
  if (c.article) return `《${c.title}》${c.article}`;
  const section = c.section ?? sectionOf(c, faq);
  if (!section) return `《${c.title}》`;
  return OUTLINE.test(section) && !/[？?]$/.test(section) ? `《${c.title}》${section}` : `《${c.title}》“${section}”`;
}

export function citationOf(chunk: Chunk, quote: string, faq?: string): Citation {
  const section = sectionOf(chunk, faq);
  return {
    title: chunk.title,
    article: chunk.article,
    file: chunk.file,
    quote,
    chunkId: chunk.id,
    ...(chunk.ocr ? { ocr: true } : {}),
    ...(section ? { section } : {}),
  };
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
