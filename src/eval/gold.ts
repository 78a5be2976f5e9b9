// Gold matching exactly as ../shared/README.md defines it: a passage matches a gold entry when one of the gold
// `files` equals, or ends with "/" + , the passage's corpus-relative path (or, failing that, the titles are equal
// after removing 中华人民共和国 and whitespace) AND the article numbers are equal.
import type { ArticleRef, GoldRef } from './types';

const squash = (s: string) => s.replace(/[\s\u3000*#]+/g, '');

export function normaliseTitle(title: string): string {
  return title.replace(/中华人民共和国/g, '').replace(/[\s\u3000《》]/g, '');
}

function fileMatches(goldFile: string, passageFile: string): boolean {
  const g = goldFile.replace(/\\/g, '/');
  const p = passageFile.replace(/\\/g, '/');
  return g === p || g.endsWith('/' + p);
}

function sameDocument(passage: ArticleRef, gold: GoldRef): boolean {
  if (gold.files.some((f) => fileMatches(f, passage.file))) return true;
  return normaliseTitle(passage.title) === normaliseTitle(gold.law);
}

export function matchesGold(passage: ArticleRef, gold: GoldRef): boolean {
  if (gold.section) {
    // ../shared/README.md: the passage comes from the gold file and lies under the section — its heading path
    // or its text holds the section line (FAQ question lines are text, outline headings are headings).
    const section = squash(gold.section);
    if (!sameDocument(passage, gold)) return false;
    return (
      (passage.headingPath ?? []).some((h) => squash(h).includes(section)) ||
      squash(passage.text ?? '').includes(section)
    );
  }
  if (!passage.article || passage.article !== gold.article) return false;
  return sameDocument(passage, gold);
}

/** Index of the first gold entry the passage matches, or -1. */
export function goldIndex(passage: ArticleRef, gold: GoldRef[]): number {
  return gold.findIndex((g) => matchesGold(passage, g));
}

/** Stable key of an article for de-duplication (parts of a split article share it). */
export function articleKey(a: ArticleRef): string {
  return a.article || !a.chunkId ? `${a.file}\u0000${a.article}` : `${a.file}\u0000#${a.chunkId}`;
}
