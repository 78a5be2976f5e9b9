// Saved web pages (.html/.htm): the page's main content is found by Mozilla Readability (the Firefox Reader View
// algorithm) on a linkedom DOM, so top bars, menus, breadcrumbs, share bars and footers are left out without
// site-specific rules. The content HTML then goes through the common HTML → paragraphs walker.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeChars, trimAll } from '../normalize-chars';
import { ARTICLE_START, type LoadedText } from '../para';
import { parseHtml } from './html';

/** Readability stops on pages with more elements than this (a bound on its quadratic scoring). */
const MAX_ELEMENTS = 200_000;
/**
 * When Readability keeps less than this share of the page's text, it has probably picked one box of a page that
 * is all content (a pandoc export, a hand-written table page); the whole body is then used, as before.
 */
const MIN_KEPT_SHARE = 0.3;

function clean(text: string | null | undefined): string {
  return trimAll(normalizeChars(text ?? '').replace(/\s+/g, ' '));
}

/** "检查井盖安全管理办法_政策文件_某市公共工程局" → "检查井盖安全管理办法": site names follow the first separator. */
export function titleFromTitleTag(raw: string): string {
  const t = clean(raw);
  const first = t.split(/\s*(?:_|\||｜| - | — | – |-{2,})\s*/)[0] ?? t;
  return first.length >= 2 ? first : t;
}

/** The page title: the only (or first non-empty) <h1>, else the <title> before its site suffix. */
function pageTitle(document: Document): string | undefined {
  for (const h of Array.from(document.querySelectorAll('h1'))) {
    const t = clean(h.textContent);
    if (t) return t;
  }
  const tag = document.querySelector('title')?.textContent;
  return tag ? titleFromTitleTag(tag) || undefined : undefined;
}

/**
 * Class/id words of page chrome that Readability keeps when it sits inside the content box (it converts an inline-only
 * share <div> into a <p> and keeps it). The words follow Readability's own "negative" and "unlikely" patterns plus
 * the names Chinese CMSs give share/print bars (bdshare = Baidu Share, fx = 分享).
 */
const CHROME_NAME =
  /(^|[-_\s])(share|bdshare\w*|bdsharebuttonbox|fx|print|toolbar|tools?|social|footer|foot|breadcrumbs?|crumbs?|position|location|sidebar|related|comment|pager|pagination)([-_\s]|$)/i;
/** An element holding this much text is content, whatever its class says. */
const CHROME_MAX_CHARS = 300;

function dropChrome(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('[class],[id]'))) {
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!CHROME_NAME.test(name)) continue;
    const text = clean(el.textContent);
    if (text.length <= CHROME_MAX_CHARS && !ARTICLE_START.test(text)) el.remove();
  }
}

function visibleLength(html: string): number {
  return parseHtml(html).paras.reduce((n, p) => n + p.text.length, 0);
}

/**
 * Parse a saved web page. Output shape as parseHtml: paragraphs (h1–h6 as headings) with the page title as the
 * first, level-1 heading so that header extraction takes it as the document title.
 */
export function parseWebPage(source: string): LoadedText {
  const whole = parseHtml(source);
  const { document } = parseHTML(source);
  const title = pageTitle(document as unknown as Document);
  dropChrome(document as unknown as Document);
  let article: { content?: string | null } | null = null;
  try {
    article = new Readability(document as unknown as Document, {
      maxElemsToParse: MAX_ELEMENTS,
      charThreshold: 20,
    }).parse();
  } catch {
    // Too many elements or a DOM Readability cannot walk: keep the whole page.
    article = null;
  }
  const content = article?.content ?? '';
  const total = whole.paras.reduce((n, p) => n + p.text.length, 0);
  const useArticle = content !== '' && visibleLength(content) >= total * MIN_KEPT_SHARE;
  const paras = (useArticle ? parseHtml(content) : whole).paras;
  if (!title) return { paras, metaTitle: whole.metaTitle };
  // Readability turns the page's <h1> into an <h2> or drops it: put the title back once, as the top heading.
  const body = paras[0] && clean(paras[0].text) === title ? paras.slice(1) : paras;
  return { paras: [{ text: title, heading: 1 }, ...body], metaTitle: title };
}
