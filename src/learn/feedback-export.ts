// 👍 feedback → eval-format learn lines (the input of `zhiyin ingest --learn`). The rules are those of a careful
// admin: only confirmed answers, never a message someone also rejected, article-level citations only, one line per
// distinct question, and nothing guessed from a label we cannot read.
import { createHash } from 'node:crypto';
import { looksLikeFollowUp, isFollowUp, namesOwnTopic } from '../answer/followup';
import { queryTerms } from '../answer/terms';
import type { FeedbackEntry, TransportName } from '../core/chat';
import type { RetrievalContext } from '../core/interfaces';
import { canonicalArticle } from '../index/numerals';
import { normaliseLawTitle, type EvalQuestion, type GoldEntry } from '../retrieve/gold';
import type { StoredTurn } from '../store/conversation-store';
import { parseCitationLabel } from './citation-label';

export type SkipReason =
  /** Entry: the same message (transport + messageId) was also rated 👎, before or after. */
  | 'also-rated-down'
  /** Entry: a refusal or an answer without citations. */
  | 'no-citation'
  /** Entry: it had citations, but none names an article we can read. */
  | 'no-article-citation'
  /** Entry: the stored question is blank. */
  | 'empty-question'
  /** Entry: a follow-up ("那施工单位呢？") answered with the previous turn's context; its text alone is not the question. */
  | 'follow-up'
  /** Citation: a whole document without an article (learning needs article-level gold). */
  | 'document-citation'
  /** Citation: a stored label that is not 《标题》第N条. */
  | 'unparseable-label';

export const CITATION_REASONS: readonly SkipReason[] = ['document-citation', 'unparseable-label'];

export interface SkippedFeedback {
  reason: SkipReason;
  /** Feedback entry id. */
  id: string;
  /** The citation label, for citation-level reasons. */
  label?: string;
}

export interface FeedbackExport {
  lines: EvalQuestion[];
  skipped: SkippedFeedback[];
  /** 👍 entries considered (after the `since` filter). */
  upVotes: number;
}

/** The part of the conversation store the export needs (structured citations of the rated turn). */
export interface TurnLookup {
  findByMessage(transport: TransportName, messageId: string): StoredTurn | undefined;
  /**
   * The retrieval context the turn was answered with (the previous turn's), undefined when it had none, 'unknown'
   * when that cannot be told (e.g. the turn lies before a later /new). Absent = always 'unknown'.
   */
  contextOf?(turn: StoredTurn): RetrievalContext | undefined | 'unknown';
}

export interface FeedbackExportOptions {
  /** Only 👍 given at or after this instant; 👎 of any date still excludes a message. */
  since?: Date;
}

/** Trim and fold whitespace runs (incl. full-width spaces and newlines) to one space. */
export function foldQuestion(question: string): string {
  return question.replace(/\s+/g, ' ').trim();
}

/** Stable id of a learned question: the same question text always gets the same id across exports. */
export function learnId(foldedQuestion: string): string {
  return `fb-${createHash('sha256').update(foldedQuestion).digest('hex').slice(0, 12)}`;
}

const messageKey = (transport: string, messageId: string) => `${transport}\0${messageId}`;
const goldKey = (g: GoldEntry) => `${normaliseLawTitle(g.law)}|${canonicalArticle(g.article) || g.article}`;

type CitationResult = { gold: GoldEntry } | { reason: SkipReason; label: string };

/**
 * A follow-up was answered with the previous turn's terms, so "那施工单位呢？" → 第N条 would teach a pairing that
 * only holds in that conversation. With the context known this is the answerer's own test (src/answer/followup);
 * without it, any question that looks elliptical and does not name its own topic counts: skipping a real question
 * loses one line, learning a context-bound one misleads every similar future question.
 */
function leansOnPrevious(question: string, context: RetrievalContext | undefined | 'unknown'): boolean {
  if (context !== 'unknown') return isFollowUp(question, context);
  return looksLikeFollowUp(question, queryTerms(question)) && !namesOwnTopic(question, []);
}

/**
 * The stored turn is only trusted when it is still the turn that was rated: turns are upserted per message and
 * pruned by age, so a mismatch in question or answer text means the labels in the feedback row are the truth.
 */
function ratedTurn(entry: FeedbackEntry, turns: TurnLookup | undefined): StoredTurn | undefined {
  const turn = turns?.findByMessage(entry.transport, entry.messageId);
  const same = turn && foldQuestion(turn.question) === foldQuestion(entry.question) && turn.answer === entry.answer;
  return same ? turn : undefined;
}

function citationsOf(entry: FeedbackEntry, turn: StoredTurn | undefined): CitationResult[] | 'refused' {
  if (turn) {
    if (turn.refused) return 'refused';
    return turn.citations.map((c) =>
      c.article
        ? { gold: { law: c.title, article: c.article, ...(c.file ? { files: [c.file] } : {}) } }
        : { reason: 'document-citation', label: `《${c.title}》` },
    );
  }
  return entry.citations.map((label): CitationResult => {
    const p = parseCitationLabel(label);
    if (p.kind === 'article') return { gold: { law: p.title, article: p.article } };
    return { reason: p.kind === 'document' ? 'document-citation' : 'unparseable-label', label };
  });
}

/**
 * Merge gold entries of one question. Files are a union too: an entry known only by its label (no file) means
 * "any version of that law", so once one contributor lacks files the merged entry has none.
 */
function mergeGold(into: Map<string, GoldEntry>, g: GoldEntry): void {
  const k = goldKey(g);
  const prev = into.get(k);
  if (!prev) {
    into.set(k, { ...g, ...(g.files ? { files: [...g.files] } : {}) });
    return;
  }
  if (!prev.files || !g.files) {
    delete prev.files;
    return;
  }
  prev.files = [...new Set([...prev.files, ...g.files])].sort();
}

export function feedbackToLearnLines(
  entries: FeedbackEntry[],
  turns?: TurnLookup,
  options: FeedbackExportOptions = {},
): FeedbackExport {
  const rejected = new Set(entries.filter((e) => e.rating === 'down').map((e) => messageKey(e.transport, e.messageId)));
  const since = options.since?.getTime();
  const ups = entries
    .filter((e) => e.rating === 'up' && (since === undefined || Date.parse(e.at) >= since))
    // Oldest first, so line order and each line's gold order follow the order of confirmation. Ids are random
    // UUIDs, so equal times keep the input order (the sort is stable; pass entries oldest first).
    .sort((a, b) => a.at.localeCompare(b.at));

  const skipped: SkippedFeedback[] = [];
  const byQuestion = new Map<string, Map<string, GoldEntry>>();
  for (const e of ups) {
    if (rejected.has(messageKey(e.transport, e.messageId))) {
      skipped.push({ reason: 'also-rated-down', id: e.id });
      continue;
    }
    const question = foldQuestion(e.question);
    if (!question) {
      skipped.push({ reason: 'empty-question', id: e.id });
      continue;
    }
    const turn = ratedTurn(e, turns);
    const cites = citationsOf(e, turn);
    if (cites === 'refused' || cites.length === 0) {
      skipped.push({ reason: 'no-citation', id: e.id });
      continue;
    }
    const gold: GoldEntry[] = [];
    for (const c of cites) {
      if ('gold' in c) gold.push(c.gold);
      else skipped.push({ reason: c.reason, id: e.id, label: c.label });
    }
    if (gold.length === 0) {
      skipped.push({ reason: 'no-article-citation', id: e.id });
      continue;
    }
    const context = turn && turns?.contextOf ? turns.contextOf(turn) : 'unknown';
    if (leansOnPrevious(question, context)) {
      skipped.push({ reason: 'follow-up', id: e.id });
      continue;
    }
    let merged = byQuestion.get(question);
    if (!merged) byQuestion.set(question, (merged = new Map()));
    for (const g of gold) mergeGold(merged, g);
  }

  const lines = [...byQuestion].map(([question, gold]): EvalQuestion => ({
    id: learnId(question),
    question,
    gold: [...gold.values()],
  }));
  return { lines, skipped, upVotes: ups.length };
}
