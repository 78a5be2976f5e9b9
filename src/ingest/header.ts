// Title and issuing/amendment history found under the title ("2019年4月23日 …修正"), whatever the format.
import { ARTICLE_START, DATE_START, DIVISION_HEADING, TERMINAL_PUNCT, outlineLevel, type Para } from './para';

export interface DocHeader {
  title: string;
  history: string[];
  /** Latest date in `history`, ISO yyyy-mm-dd. */
  versionDate?: string;
  /** Further top-level headings of the header block (民法典 "# 合同编"), prepended to every heading path. */
  parts: string[];
  body: Para[];
}

const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/g;

export function latestDate(lines: string[]): string | undefined {
  let best: string | undefined;
  for (const line of lines) {
    for (const m of line.matchAll(DATE)) {
      const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '1').padStart(2, '0')}`;
      if (!best || iso > best) best = iso;
    }
  }
  return best;
}

/** The tail of a history line the source wrapped onto its own line ("第三十一条的决定》第一次修正"). */
const WRAPPED_HISTORY_TAIL = /^.{1,60}(通过|修正|修订|公布|发布|施行|印发|批准)$/;

function isStructural(text: string): boolean {
  return ARTICLE_START.test(text) || DIVISION_HEADING.test(text) || outlineLevel(text) > 0;
}

/** A dated line about the document's own issuing or amendment. */
function isHistoryLine(text: string): boolean {
  return DATE_START.test(text) || /^[（(]\d{4}\s*年.*[）)]$/.test(text);
}

/** A line that can be a title: short, not a sentence, not a structural marker. */
function titleLike(p: Para): boolean {
  // A document may open with "## 一、总则" and no title: an outline or division heading is not a title.
  if (p.heading !== undefined) return p.heading === 1 || !isStructural(p.text);
  return p.text.length <= 60 && !TERMINAL_PUNCT.test(p.text.replace(/[》」）)]$/, '')) && !isStructural(p.text);
}

export function extractHeader(paras: Para[], bodyStart: number | undefined, fallbackTitle: string): DocHeader {
  const headerEnd = bodyStart ?? paras.length;
  let i = 0;
  let title = fallbackTitle;
  const parts: string[] = [];
  const first = paras[0];
  if (first && (bodyStart !== undefined ? first.heading !== undefined : titleLike(first)) && headerEnd > 0) {
    title = first.text;
    i = 1;
  }
  const history: string[] = [];
  const preamble: Para[] = [];
  for (; i < headerEnd; i++) {
    const p = paras[i];
    if (!p) break;
    if (bodyStart !== undefined) {
      // Inside an explicit header block everything is metadata except prose such as a "本文件为示例" note.
      if (p.heading !== undefined) parts.push(p.text);
      else if (isHistoryLine(p.text)) history.push(p.text);
      else if (history.length > 0 && WRAPPED_HISTORY_TAIL.test(p.text)) {
        // A history line that the source wrapped ("…第三十条\n\n第三十一条的决定》第一次修正").
        history[history.length - 1] += p.text;
      } else preamble.push(p);
      continue;
    }
    if (isHistoryLine(p.text)) history.push(p.text);
    else break;
  }
  const body = bodyStart !== undefined ? [...preamble, ...paras.slice(headerEnd)] : paras.slice(i);
  return { title, history, versionDate: latestDate(history), parts, body };
}
