// Example questions derived from the loaded corpus (issue 15): the welcome chips, /help and GET /api/examples
// show questions the knowledge base can answer, never a fixed list that may name laws it does not hold.
import type { Chunk } from '../core/types';

/** Leading outline/FAQ numbering: "1. ", "（二）", "二、", "(3)". */
const NUMBERING = /^\s*(?:\d+[.、．]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*|[一二三四五六七八九十]+、\s*)/;
/** A heading that is itself a question (FAQ line "7. 报销发票有什么要求？"). */
const QUESTION_LINE = /[？?]$/;
/** Article-style headings (编/章/节/条) are structure, not topics to ask about. */
const STRUCTURE_HEADING = /^第[零〇一二两三四五六七八九十百千\d]+[编章节条]/;

/** A heading without its numbering and trailing full stop; '' when nothing readable is left. */
export function headingTopic(heading: string): string {
  return heading
    .replace(NUMBERING, '')
    .replace(/[。：:]$/, '')
    .trim();
}

/**
 * Candidate example questions of one document, best first: its FAQ question lines as written, then one question
 * per outline section (「《标题》中「（二）需要携带的材料」→「新员工入职指南里“需要携带的材料”是怎么规定的？」),
 * then, for article-style documents, an explicit reference to its first substantive article.
 * `chunks` are the document's chunks in document order.
 */
export function documentCandidates(chunks: Chunk[]): string[] {
  const first = chunks[0];
  if (!first) return [];
  const title = first.title;
  const questions: string[] = [];
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const c of chunks) {
    const leaf = c.headingPath.length > 1 ? c.headingPath[c.headingPath.length - 1]! : '';
    if (!leaf || seen.has(leaf) || STRUCTURE_HEADING.test(leaf)) continue;
    seen.add(leaf);
    const topic = headingTopic(leaf);
    if (topic.length < 2 || topic.length > 30) continue;
    if (QUESTION_LINE.test(topic)) questions.push(topic);
    else sections.push(`${title}里“${topic}”是怎么规定的？`);
  }
  // 第一条 states the purpose of a rule; the next article is the first that regulates something.
  const articles = chunks.filter((c) => c.article && c.part === 0);
  const article = articles[1] ?? articles[0];
  const refs = article ? [`《${title}》${article.article}是怎么规定的？`] : [];
  return [...questions, ...sections, ...refs];
}

/**
 * Candidates over a whole corpus, interleaved across documents (each document's best first, then each one's
 * second, …) so the shown examples cover several documents. At most `max` candidates.
 */
export function corpusCandidates(chunks: Chunk[], max: number): string[] {
  const byDoc = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const k = `${c.corpusDir}\u0000${c.file}`;
    const list = byDoc.get(k);
    if (list) list.push(c);
    else byDoc.set(k, [c]);
  }
  const perDoc = [...byDoc.values()].map((cs) => documentCandidates([...cs].sort((a, b) => a.seq - b.seq)));
  const out: string[] = [];
  for (let round = 0; out.length < max; round++) {
    let any = false;
    for (const qs of perDoc) {
      const q = qs[round];
      if (q === undefined) continue;
      any = true;
      if (!out.includes(q)) out.push(q);
      if (out.length >= max) break;
    }
    if (!any) break;
  }
  return out;
}
