// Markdown → paragraphs. LawRefBook files put one paragraph per line; user-written Markdown may add lists,
// emphasis and links, which are reduced to their text, or hard-wrap its paragraphs, which are re-joined.
import { joinLines, looksWrapped, type Line } from '../layout';
import { normalizeChars, trimAll } from '../normalize-chars';
import type { LoadedText, Para } from '../para';
import { stripFrontMatter } from '../../access/front-matter';

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '');
}

/** A heading, the INFO END marker, or a block of consecutive text lines (no blank line between them). */
type Item = { heading: Para } | { infoEnd: true } | { lines: string[] };

function scan(source: string): Item[] {
  const items: Item[] = [];
  let block: string[] | undefined;
  let inFence = false;
  let inComment = false;
  const end = () => {
    block = undefined;
  };
  for (const raw of source.split(/\r?\n/)) {
    let line = trimAll(normalizeChars(raw));
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      end();
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.startsWith('<!--')) {
      if (/INFO\s+END/i.test(line)) items.push({ infoEnd: true });
      if (!line.includes('-->')) inComment = true;
      end();
      continue;
    }
    if (!inFence && /^(-{3,}|\*{3,}|_{3,})$/.test(line)) {
      end();
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (h && !inFence) {
      const text = trimAll(stripInline(h[2] ?? ''));
      if (text) items.push({ heading: { text, heading: (h[1] ?? '#').length } });
      end();
      continue;
    }
    // Bullets and block quotes carry no meaning for retrieval; numbered items keep their number.
    line = trimAll(stripInline(line.replace(/^(>\s*)+/, '').replace(/^[-*+]\s+/, '')));
    if (!line) {
      end();
      continue;
    }
    if (!block) {
      block = [];
      items.push({ lines: block });
    }
    block.push(line);
  }
  return items;
}

export function parseMarkdown(source: string): LoadedText {
  // Front matter holds access metadata (src/access), not text: allow lists must never become searchable.
  const items = scan(stripFrontMatter(source));
  // Lines of multi-line blocks decide whether the author hard-wrapped paragraphs or wrote one item per line.
  const multi: Line[] = items.flatMap((it) =>
    'lines' in it && it.lines.length > 1 ? it.lines.map((text) => ({ text, page: 0 })) : [],
  );
  const wrapped = looksWrapped(multi);
  const paras: Para[] = [];
  let bodyStart: number | undefined;
  for (const it of items) {
    if ('infoEnd' in it) bodyStart ??= paras.length;
    else if ('heading' in it) paras.push(it.heading);
    else if (wrapped && it.lines.length > 1) {
      for (const p of joinLines(it.lines.map((text) => ({ text, page: 0 })))) paras.push({ text: p.text });
    } else for (const text of it.lines) paras.push({ text });
  }
  return { paras, bodyStart };
}
