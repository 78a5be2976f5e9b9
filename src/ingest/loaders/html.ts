// HTML → paragraphs, keeping h1–h6 as headings. Also used for DOCX (mammoth converts Word to HTML, which
// preserves the Heading styles).
import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { joinLines, looksWrapped } from '../layout';
import { normalizeChars, trimAll } from '../normalize-chars';
import type { LoadedText, Para } from '../para';

const SKIP = new Set(['script', 'style', 'noscript', 'nav', 'template', 'svg', 'head', 'button', 'form']);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'td',
  'th',
  'tr',
  'pre',
  'blockquote',
  'section',
  'article',
  'main',
  'dt',
  'dd',
  'ul',
  'ol',
  'table',
  'tbody',
  'thead',
  'body',
  'html',
  'header',
  'footer',
  'aside',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dl',
  'center',
]);

function clean(text: string): string {
  return trimAll(normalizeChars(text).replace(/[ \t\r\n]+/g, ' '));
}

function hasBlockChild(el: HTMLElement): boolean {
  return el.childNodes.some(
    (c) => c.nodeType === NodeType.ELEMENT_NODE && BLOCK.has((c as HTMLElement).rawTagName?.toLowerCase() ?? ''),
  );
}

function walk(node: Node, out: Para[]): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const t = clean(node.text);
    if (t) out.push({ text: t });
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const el = node as HTMLElement;
  const tag = el.rawTagName?.toLowerCase() ?? '';
  if (SKIP.has(tag)) return;
  const h = /^h([1-6])$/.exec(tag);
  if (h) {
    const t = clean(el.text);
    if (t) out.push({ text: t, heading: Number(h[1]) });
    return;
  }
  if (tag === 'br') {
    out.push({ text: '' });
    return;
  }
  if ((BLOCK.has(tag) || tag === '') && hasBlockChild(el)) {
    // Runs of inline children between blocks ("说明：<b>重要</b>事项<p>…</p>") form one paragraph each.
    let run = '';
    const flushRun = () => {
      const t = clean(run);
      if (t) out.push({ text: t });
      run = '';
    };
    for (const c of el.childNodes) {
      const childTag = c.nodeType === NodeType.ELEMENT_NODE ? ((c as HTMLElement).rawTagName?.toLowerCase() ?? '') : '';
      if (
        c.nodeType === NodeType.TEXT_NODE ||
        (childTag && !BLOCK.has(childTag) && !SKIP.has(childTag) && childTag !== 'br')
      ) {
        run += c.text;
        continue;
      }
      flushRun();
      walk(c, out);
    }
    flushRun();
    return;
  }
  if (BLOCK.has(tag)) {
    // A leaf block: its <br> line breaks separate paragraphs (Word soft returns, hand-made HTML).
    const lines = el.innerHTML
      .split(/<br\s*\/?>/i)
      .map((part) => clean(parse(part).text))
      .filter(Boolean);
    for (const t of lines) out.push({ text: t });
    return;
  }
  // Inline element outside a block: treat its text as a paragraph of its own.
  const t = clean(el.text);
  if (t) out.push({ text: t });
}

export function parseHtml(source: string): LoadedText {
  const root = parse(source, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const metaTitle = clean(root.querySelector('title')?.text ?? '') || undefined;
  const body = root.querySelector('body') ?? root;
  const out: Para[] = [];
  for (const c of body.childNodes) walk(c, out);
  return { paras: rejoinWrapped(out.filter((p) => p.text !== '')), metaTitle };
}

/** Word files converted from PDF often keep one paragraph per printed line: re-join them like PDF text. */
function rejoinWrapped(paras: Para[]): Para[] {
  const lines = paras.filter((p) => p.heading === undefined).map((p) => ({ text: p.text, page: 0 }));
  if (!looksWrapped(lines)) return paras;
  const out: Para[] = [];
  let run: Para[] = [];
  const flush = () => {
    for (const p of joinLines(run.map((r) => ({ text: r.text, page: 0 })))) out.push({ text: p.text });
    run = [];
  };
  for (const p of paras) {
    if (p.heading === undefined) run.push(p);
    else {
      flush();
      out.push(p);
    }
  }
  flush();
  return out;
}
