// Domain terms the question names ("履约保证金", "试用期"): a specific term of the trade that the answer article
// does not contain means the article is about something else (质量保证金 is not 履约保证金), however many other
// words it shares with the question. The terms are those of the retrieval domain dictionary.
import fs from 'node:fs';
import { DOMAIN_DICT_PATH } from '../index/tokenizer';

/** Shorter terms are too generic to decide what an article is about ("代建" is kept: a term of art). */
const MIN_LENGTH = 2;

let terms: string[] | undefined;

function dictionary(): string[] {
  if (!terms) {
    let text = '';
    try {
      text = fs.readFileSync(DOMAIN_DICT_PATH, 'utf8');
    } catch {
      // Without the dictionary the check is simply off; answers must not fail for it.
    }
    terms = text
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0] ?? '')
      .filter((t) => t.length >= MIN_LENGTH)
      .sort((a, b) => b.length - a.length);
  }
  return terms;
}

/** Domain terms written in the question, longest first; a term inside a longer one found is not listed again. */
export function domainTermsIn(question: string): string[] {
  const out: string[] = [];
  for (const t of dictionary()) {
    if (question.includes(t) && !out.some((o) => o.includes(t))) out.push(t);
  }
  return out;
}

/** The question's domain terms that the text (an article with its title and headings) does not contain. */
export function missingTerms(keyTerms: string[], text: string): string[] {
  return keyTerms.filter((t) => !text.includes(t));
}
