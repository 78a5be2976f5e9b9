// The offline answer: the sentence(s) that answer the question first, then the whole article, then other
// relevant articles briefly. Only verbatim source text plus the fixed phrases of render.ts.
import type { Answer, Citation, Hit } from '../core/types';
import { ZhiyinError } from '../core/errors';
import type { Candidate } from './candidates';
import { answerKind, bestFor, pickLead, subQuestions, type ScoredUnit } from './sentences';
import { queryTerms } from './terms';
import { citationOf, citeLabel, PHRASES } from './render';
import { clip } from './text';

/**
 * Length caps (characters) for a phone screen: the lead stays readable at a glance, the article is shown
 * whole unless it is very long, related articles get one short line each.
 */
export const LIMITS = { lead: 320, article: 700, relatedCount: 2, related: 160 } as const;

/** Share of the article's characters the lead must hold for the full-article section to be left out. */
export const LEAD_COVERS_ARTICLE = 0.85;

/**
 * Another article is cited only when it answers a part of the question clearly better than the main article
 * does: each extra citation that is not on point costs citation precision (see docs/answer.md for the numbers
 * that ruled out "any article scoring nearly as high").
 */
export const RELATED_MIN_PART_SCORE = 0.7;
export const RELATED_PART_MARGIN = 0.3;

/** A related article with the unit that answers the part of the question it was picked for. */
interface Related {
  c: Candidate;
  unit: ScoredUnit;
}

function relatedArticles(candidates: Candidate[], question: string | undefined): Related[] {
  const main = candidates[0];
  if (!main || !question) return [];
  const parts = subQuestions(question);
  if (parts.length < 2) return [];
  const out: Related[] = [];
  for (const p of parts) {
    const terms = queryTerms(p);
    const kind = answerKind(p);
    const own = bestFor(main.units, terms, kind)?.score ?? 0;
    let pick: { c: Candidate; unit: ScoredUnit; score: number } | undefined;
    for (const c of candidates.slice(1)) {
      const b = bestFor(c.units, terms, kind);
      const s = b?.score ?? 0;
      if (b && s >= RELATED_MIN_PART_SCORE && s >= own + RELATED_PART_MARGIN && s > (pick?.score ?? 0))
        pick = { c, unit: b.unit, score: s };
    }
    if (pick && !out.some((r) => r.c === pick.c)) out.push({ c: pick.c, unit: pick.unit });
  }
  return out.slice(0, LIMITS.relatedCount);
}

export function composeExtractive(candidates: Candidate[], hits: Hit[], question?: string): Answer {
  const main = candidates[0];
  if (!main) throw new ZhiyinError('E_INTERNAL', 'composeExtractive needs at least one candidate');
  const lead = pickLead(main.units, question);
  const leadText = clip(lead.map((u) => u.text).join('\n'), LIMITS.lead).text;
  const first = main.parts[0]!;

  const article = main.parts.map((p) => p.text).join('\n');
  const shown = clip(article, LIMITS.article);
  const best = [...lead].sort((a, b) => b.score - a.score)[0];
  const sections = [PHRASES.leadIntro(citeLabel(best?.chunk ?? first, best?.faq)), leadText];
  // When the lead already is (nearly) the whole article, repeating it wastes the phone screen.
  const leadChars = lead.reduce((n, u) => n + u.text.length, 0);
  if (leadChars < LEAD_COVERS_ARTICLE * article.replace(/\s/g, '').length) {
    sections.push('', PHRASES.articleHeader, shown.clipped ? shown.text + PHRASES.clipped : shown.text);
  }

  const citations: Citation[] = [citationOf(best?.chunk ?? first, best?.text ?? first.text, best?.faq)];

  const related = relatedArticles(candidates, question);
  if (related.length > 0) {
    sections.push('', PHRASES.relatedHeader);
    for (const r of related) {
      // The unit that answers the part this article was picked for (with its stem when it is a 项).
      const top = r.unit;
      const stem = top.isItem
        ? r.c.units
            .slice(0, top.index)
            .reverse()
            .find((x) => x.isStem)
        : undefined;
      const chunk = top.chunk;
      const quote = clip(stem ? `${stem.text}${top.text}` : top.text, LIMITS.related).text;
      sections.push(`${citeLabel(chunk, top.faq)}：${quote}`);
      citations.push(citationOf(chunk, clip(top.text, LIMITS.related).text, top.faq));
    }
  }

  return { answer: sections.join('\n'), citations, refused: false, mode: 'extractive', hits };
}
