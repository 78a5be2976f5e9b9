// The operator summary of an export (English, stderr): what was exported and why the rest was not.
import { CITATION_REASONS, type FeedbackExport, type SkipReason } from './feedback-export';

const PHRASE: Record<SkipReason, string> = {
  'no-citation': 'without citation',
  'also-rated-down': 'also rated 👎',
  'no-article-citation': 'without an article-level citation',
  'empty-question': 'with an empty question',
  'follow-up': 'follow-up (depends on the previous turn)',
  'document-citation': 'whole-document',
  'unparseable-label': 'unparseable label',
};

const ORDER = Object.keys(PHRASE) as SkipReason[];

function countBy(reasons: SkipReason[]): string {
  const counts = new Map<SkipReason, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]))
    .map(([r, n]) => `${n} ${PHRASE[r]}`)
    .join(', ');
}

/** e.g. "exported 12 questions (15 articles) from 20 👍; skipped 3: 2 without citation, 1 also rated 👎". */
export function exportSummary(result: FeedbackExport): string {
  const articles = result.lines.reduce((n, l) => n + l.gold.length, 0);
  const entry = result.skipped.filter((s) => !CITATION_REASONS.includes(s.reason)).map((s) => s.reason);
  const cites = result.skipped.filter((s) => CITATION_REASONS.includes(s.reason)).map((s) => s.reason);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let text = `exported ${plural(result.lines.length, 'question')} (${plural(articles, 'article')}) from ${result.upVotes} 👍`;
  if (entry.length) text += `; skipped ${entry.length}: ${countBy(entry)}`;
  if (cites.length) text += `; ignored ${plural(cites.length, 'citation')}: ${countBy(cites)}`;
  return text;
}

/** One line per label that could not be read, so an operator can find the feedback row. */
export function unparseableDetails(result: FeedbackExport): string[] {
  return result.skipped
    .filter((s) => s.reason === 'unparseable-label')
    .map((s) => `unparseable citation label in feedback ${s.id}: ${JSON.stringify(s.label ?? '')}`);
}
