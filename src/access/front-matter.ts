// Markdown front matter: a leading `---` … `---` YAML block (the Jekyll/Hugo convention). The access module
// reads it for visibility; the Markdown loader strips it so that keys like `allow: [ou_…]` never become
// searchable text.

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Split a Markdown source into its front matter (the YAML text between the fences, undefined when the file
 * has none) and the body after it. A file that opens with `---` but never closes it has no front matter.
 */
export function splitFrontMatter(source: string): { yaml?: string; body: string } {
  const m = FRONT_MATTER.exec(source);
  if (!m) return { body: source };
  return { yaml: m[1] ?? '', body: source.slice(m[0].length) };
}

/** The Markdown body without its front matter (unchanged when there is none). */
export function stripFrontMatter(source: string): string {
  return splitFrontMatter(source).body;
}
