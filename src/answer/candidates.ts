// Groups retrieval hits into whole articles and measures how well each one covers the question. The coverage
// of the best article is the answer's confidence: below the calibrated threshold the answer is a refusal.
import type { Chunk, Hit } from '../core/types';
import { articleOf, type AnswerSource } from './engine';
import { answerKind, hasQuantity, scoreUnits, subQuestions, type AnswerKind, type ScoredUnit } from './sentences';
import { coverage, queryTerms, termMatch, type QueryTerm } from './terms';
import { domainTermsIn, missingTerms } from './key-terms';

export interface Candidate {
  /** The article's parts in order (one element for unsplit articles). */
  parts: Chunk[];
  /** The first hit of this article in retrieval order. */
  hit: Hit;
  /** 0-based rank of the article in retrieval order. */
  rank: number;
  /** Weighted share of the question's terms found in the article (with its title and headings), 0..1. */
  coverage: number;
  units: ScoredUnit[];
  /** Ranking score: coverage, best sentence and retrieval rank combined. */
  score: number;
  /** Title, headings and text: what coverage is measured on. */
  context: string;
  /** The question names this article (or retrieval found it by an explicit reference). */
  referenced: boolean;
  /** Domain terms of the question ("履约保证金") the article does not contain: it is about something else. */
  missing: string[];
}

/**
 * Weight of the document's affinity with the question's words (relative to the best document in the pool):
 * between two laws stating the same rule, the one whose vocabulary the question speaks wins.
 */
export const AFFINITY_WEIGHT = 0.3;

/** Ranking penalty of an article lacking a domain term the question names. */
export const MISSING_TERM_PENALTY = 0.5;

/**
 * Weight of the share of the question's terms found in the unit's own heading ("（一）试用期限", a FAQ's
 * question): a section titled with the question's subject answers it before sections that merely mention it.
 */
export const OWN_HEADING_WEIGHT = 0.3;

/** The heading of the section itself (not the document title nor its chapter); empty for a numbered article. */
function ownHeading(c: Chunk): string {
  const last = c.headingPath.at(-1) ?? '';
  return c.headingPath.length > 1 && last !== c.article && last !== c.title ? last : '';
}

/** Ranking penalty for an article lacking the sort of number a quantity question asks for. */
export const KIND_MISS_PENALTY = 0.3;

/** Weight of the share of the question's terms found in the document title. */
export const TITLE_WEIGHT = 0.15;

/** An article the question names ("质量管理条例第四十条…") is the answer, whatever the wording overlap. */
export const REFERENCE_BONUS = 1;

const ARTICLE_REF = /第[零〇一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?/g;
const normTitle = (t: string) => t.replace(/中华人民共和国|[\s《》]/g, '');

/** Retrieval found the hit by an explicit reference, or the question names its article and its law. */
function isReferenced(question: string, hit: Hit): boolean {
  if (hit.via?.includes('ref')) return true;
  const c = hit.chunk;
  if (!c.article || !question) return false;
  const refs: string[] = question.match(ARTICLE_REF) ?? [];
  return refs.includes(c.article) && normTitle(question).includes(normTitle(c.title));
}

/** A follow-up stays with the document the conversation is about unless another one is clearly better. */
export const FOLLOW_UP_FILE_BONUS = 0.2;

/** How many distinct articles are considered for the answer. */
export const CANDIDATE_ARTICLES = 6;

export function articleKey(c: Pick<Chunk, 'corpusDir' | 'file' | 'article' | 'id'>): string {
  return `${c.corpusDir}\u0000${c.file}\u0000${c.article || c.id}`;
}

export function buildCandidates(
  source: AnswerSource,
  hits: Hit[],
  terms: QueryTerm[],
  kind: AnswerKind = { list: false, permission: false, span: false },
  question = '',
  followUp?: { files: string[]; ownTerms: QueryTerm[] },
  /** Text whose vocabulary decides the topic: for a follow-up, the question with the carried terms. */
  topicText = question,
): Candidate[] {
  // In a follow-up the carried terms pick the article, but its own words ("电气管线") pick the sentence.
  const unitTerms = followUp?.ownTerms ?? terms;
  const preferFiles = followUp?.files ?? [];
  const seen = new Set<string>();
  const pool: { hit: Hit; parts: Chunk[]; body: string; context: string }[] = [];
  const later: typeof pool = [];
  for (const hit of hits) {
    const key = articleKey(hit.chunk);
    if (seen.has(key)) continue;
    seen.add(key);
    const parts = articleOf(source, hit.chunk);
    const body = parts.map((p) => p.text).join('\n');
    const context = `${hit.chunk.title} ${hit.chunk.headingPath.slice(0, -1).join(' ')} ${body}`;
    (pool.length < CANDIDATE_ARTICLES ? pool : later).push({ hit, parts, body, context });
  }
  pool.push(...coverageRescues(pool, later, terms));
  // Terms every candidate contains cannot tell them apart: for ranking, weigh terms by how few candidates hold them.
  const rankTerms = discriminative(
    terms,
    pool.map((p) => p.context),
  );
  const rankUnitTerms = followUp
    ? discriminative(
        unitTerms,
        pool.map((p) => p.context),
      )
    : rankTerms;
  const keyTerms = domainTermsIn(question);
  // A question in several parts names terms that different articles hold: no article is "missing" one.
  const singlePart = subQuestions(question).length < 2;
  const affinity =
    topicText && source.documentAffinity ? source.documentAffinity(topicText) : new Map<string, number>();
  const maxAffinity = pool.reduce((m, p) => Math.max(m, affinity.get(p.hit.chunk.file) ?? 0), 0);
  const out: Candidate[] = [];
  for (const { hit, parts, body, context } of pool) {
    const cov = coverage(terms, context);
    const units = scoreUnits(parts, rankUnitTerms, kind);
    const best = units.reduce((m, u) => Math.max(m, u.score), 0);
    const rank = out.length;
    // An article without the sort of number the question asks for ("多长时间" → "15日内") cannot answer it.
    const kindMiss = kind.quantity && !hasQuantity(body, kind) ? KIND_MISS_PENALTY : 0;
    // Staff name the domain ("投标", "采购"): between two similar articles, the law whose title they named wins.
    const titled = TITLE_WEIGHT * coverage(terms, hit.chunk.title);
    const referenced = isReferenced(question, hit);
    const carried = preferFiles.includes(hit.chunk.file) ? FOLLOW_UP_FILE_BONUS : 0;
    const missing = singlePart ? missingTerms(keyTerms, context) : [];
    const heading = OWN_HEADING_WEIGHT * coverage(rankUnitTerms, ownHeading(hit.chunk));
    const affine = maxAffinity > 0 ? (AFFINITY_WEIGHT * (affinity.get(hit.chunk.file) ?? 0)) / maxAffinity : 0;
    const score =
      coverage(rankTerms, context) +
      0.5 * best +
      0.2 / (1 + rank) +
      titled +
      carried +
      heading +
      affine +
      (referenced ? REFERENCE_BONUS : 0) -
      kindMiss -
      (missing.length > 0 ? MISSING_TERM_PENALTY : 0);
    out.push({ parts, hit, rank, coverage: cov, units, score, context, referenced, missing });
  }
  return out.sort((a, b) => b.score - a.score);
}

export { answerKind };

/**
 * Articles ranked below the candidate window that still cover the question clearly better than every article
 * in it. Retrieval ranks sibling sections of a guide that share the document's vocabulary (新员工, 入职) above
 * the one section holding the asked-for word in the written register (第一天 → 报到当日); coverage, which
 * credits those equivalents, rescues it.
 */
export const RESCUE_MARGIN = 0.15;
/** At most this many rescued articles join the candidates. */
export const RESCUE_COUNT = 2;

function coverageRescues<T extends { context: string }>(pool: T[], later: T[], terms: QueryTerm[]): T[] {
  const bar = pool.reduce((m, p) => Math.max(m, coverage(terms, p.context)), 0) + RESCUE_MARGIN;
  return later
    .map((p) => ({ p, cov: coverage(terms, p.context) }))
    .filter((x) => x.cov >= bar)
    .sort((a, b) => b.cov - a.cov)
    .slice(0, RESCUE_COUNT)
    .map((x) => x.p);
}

function discriminative(terms: QueryTerm[], texts: string[]): QueryTerm[] {
  const n = texts.length;
  if (n < 2) return terms;
  const lower = texts.map((t) => t.toLowerCase());
  return terms.map((t) => {
    const df = lower.filter((x) => termMatch(t.term, x) >= 0.9).length;
    return { ...t, weight: t.weight * (0.5 + (0.5 * Math.log(1 + n / Math.max(df, 1))) / Math.log(1 + n)) };
  });
}

/**
 * The answer's confidence: the best article's coverage of the question, or for a question in several parts
 * ("保修几年？几日内备案？") the mean over its parts of the best coverage of each part, since different articles
 * may answer different parts. A question naming an article that exists is answered (confidence 1). For a
 * follow-up, pass its own terms: the lower of the two coverages counts.
 */
export function confidence(candidates: Candidate[], question: string, ownTerms?: QueryTerm[]): number {
  if (candidates.some((c) => c.referenced)) return 1;
  if (ownTerms) {
    // A follow-up must also be about something the articles contain: carried terms alone ("那食堂呢？" after a
    // 保修期 question) would otherwise lend it the previous question's confidence.
    const own = candidates.reduce((m, c) => Math.max(m, coverage(ownTerms, c.context)), 0);
    return Math.min(own, confidence(candidates, question));
  }
  const whole = candidates.reduce((m, c) => Math.max(m, c.coverage), 0);
  const parts = subQuestions(question);
  if (parts.length < 2 || candidates.length === 0) return whole;
  const perPart = parts.map((p) => {
    const t = queryTerms(p);
    return candidates.reduce((m, c) => Math.max(m, coverage(t, c.context)), 0);
  });
  return Math.max(whole, perPart.reduce((a, b) => a + b, 0) / perPart.length);
}
