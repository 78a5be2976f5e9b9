// An article reference whose document name fits several documents ("绿色建筑条例第十条" with both a Shenzhen and
// a Guangdong 绿色建筑条例 loaded): answering with one of them would present a possibly different article as
// the answer, so the reply asks which document is meant and lists the candidates instead.
import type { Hit, NearbyDocument } from '../core/types';

/** Headline of the clarifying reply (the candidates follow as a numbered list). */
export const CLARIFY_HEADLINE = '您提到的文件名对应知识库中的多份文件，请说明是哪一份（可写出完整标题再问一次）：';

/**
 * The candidate documents of an ambiguous article reference, one per title in retrieval order, or undefined
 * when the retriever marked fewer than two (hits carry `via: ['ambiguous', …]`, see src/retrieve/query.ts).
 */
export function ambiguousReference(hits: Hit[]): NearbyDocument[] | undefined {
  const out: NearbyDocument[] = [];
  for (const h of hits) {
    if (!h.via?.includes('ambiguous')) continue;
    if (out.some((n) => n.title === h.chunk.title)) continue;
    out.push({ title: h.chunk.title, file: h.chunk.file, article: h.chunk.article });
  }
  return out.length >= 2 ? out : undefined;
}

/** The clarifying reply text: headline, then "1. 《标题》第N条" per candidate. */
export function renderClarification(candidates: NearbyDocument[]): string {
  return [CLARIFY_HEADLINE, ...candidates.map((n, i) => `${i + 1}. 《${n.title}》${n.article}`)].join('\n');
}
