// Markdown → paragraphs. LawRefBook files put one paragraph per line; user-written Markdown may add lists,
// emphasis and links, which are reduced to their text.
import { normalizeChars, trimAll } from '../normalize-chars';
import type { LoadedText, Para } from '../para';

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '');
}

export function parseMarkdown(source: string): LoadedText {
  const paras: Para[] = [];
  let bodyStart: number | undefined;
  let inFence = false;
  let inComment = false;
  for (const raw of source.split(/\r?\n/)) {
    let line = trimAll(normalizeChars(raw));
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.startsWith('<!--')) {
      if (/INFO\s+END/i.test(line) && bodyStart === undefined) bodyStart = paras.length;
      if (!line.includes('-->')) inComment = true;
      continue;
    }
    if (!inFence && /^(-{3,}|\*{3,}|_{3,})$/.test(line)) continue;
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (h && !inFence) {
      const text = trimAll(stripInline(h[2] ?? ''));
      if (text) paras.push({ text, heading: (h[1] ?? '#').length });
      continue;
    }
    // Bullets and block quotes carry no meaning for retrieval; numbered items keep their number.
    line = trimAll(stripInline(line.replace(/^(>\s*)+/, '').replace(/^[-*+]\s+/, '')));
    if (line) paras.push({ text: line });
  }
  return { paras, bodyStart };
}
