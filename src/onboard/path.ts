// The reading path: declared by the bureau in <corpus>/onboarding.yaml or by front matter `onboarding: N` in a
// Markdown file, else proposed from the corpus (guides and FAQs first, then the most-cited rules).
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ZhiyinError } from '../core/errors';
import type { PathStep, ReadingPath } from '../core/onboard';
import type { Chunk } from '../core/types';
import { isPreamble, type OnboardCorpus } from './corpus';

export const ONBOARDING_FILE = 'onboarding.yaml';
/** Reading speed for the time estimate, characters per minute (issue 17: 300). */
export const CHARS_PER_MINUTE = 300;
/** A proposed step merges sections until it holds at least this many characters, and stops adding above MAX. */
const MIN_STEP_CHARS = 800;
const MAX_STEP_CHARS = 2400;
/** A proposed path stays a course, not the whole corpus. */
const MAX_PROPOSED_STEPS = 20;
/** Title words that mark a document written for newcomers (issue 17), strongest first. */
const GUIDE_WORDS = [/入职|新员工/u, /指南|指引/u, /手册/u, /常见问题/u];

const StepSchema = z.object({
  title: z.string().min(1),
  file: z.string().min(1),
  /** Heading lines (without #) or FAQ question lines; a passage under any of them belongs to the step. */
  sections: z.array(z.string().min(1)).optional(),
  /** Article numbers, e.g. 第一条. */
  articles: z.array(z.string().min(1)).optional(),
});
const FileSchema = z.object({
  steps: z.array(StepSchema).optional(),
  roles: z.record(z.string(), z.array(StepSchema)).optional(),
});
export type DeclaredStep = z.infer<typeof StepSchema>;
export type Declaration = z.infer<typeof FileSchema>;

/** Estimated reading minutes for `chars` characters (at least 1). */
export function readingMinutes(chars: number): number {
  return Math.max(1, Math.ceil(chars / CHARS_PER_MINUTE));
}

function makeStep(step: number, title: string, chunks: Chunk[]): PathStep {
  const chars = chunks.reduce((n, c) => n + [...c.text].length, 0);
  return {
    step,
    title,
    chunkIds: chunks.map((c) => c.id),
    files: [...new Set(chunks.map((c) => c.file))],
    minutes: readingMinutes(chars),
    chars,
  };
}

/** Parse onboarding.yaml text; errors are E_CONFIG with a Chinese message naming the problem. */
export function parseDeclaration(text: string, where: string): Declaration {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ZhiyinError('E_CONFIG', `${where}: invalid YAML`, {
      cause: e,
      userMessage: `${where} 不是有效的 YAML：${(e as Error).message}`,
    });
  }
  const parsed = FileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZhiyinError('E_CONFIG', `${where}: ${issue?.message ?? 'bad shape'}`, {
      userMessage: `${where} 格式不正确（${issue?.path.join('.') ?? ''}）：每一步需要 title 和 file。`,
    });
  }
  return parsed.data;
}

/** `onboarding: N` in the front matter of a Markdown file; undefined when absent. */
export function frontMatterOrder(text: string): number | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/u.exec(text);
  if (!m || !m[1]) return undefined;
  try {
    const fm = parseYaml(m[1]) as Record<string, unknown> | null;
    const n = fm?.onboarding;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function stepChunks(corpus: OnboardCorpus, s: DeclaredStep): Chunk[] {
  const inFile = corpus.chunks.filter((c) => c.file === s.file && !isPreamble(c));
  if (!s.sections && !s.articles) return inFile;
  return inFile.filter(
    (c) =>
      (s.articles ?? []).includes(c.article) ||
      (s.sections ?? []).some((line) => c.headingPath.includes(line) || c.text.includes(line)),
  );
}

function fromDeclared(corpus: OnboardCorpus, steps: DeclaredStep[], role: string, where: string): ReadingPath {
  return {
    role,
    origin: 'declared',
    steps: steps.map((s, i) => {
      const chunks = stepChunks(corpus, s);
      if (chunks.length === 0) {
        throw new ZhiyinError('E_CONFIG', `${where}: step ${i + 1} (${s.file}) matches no passage`, {
          userMessage: `${where} 第${i + 1}步「${s.title}」在知识库中找不到对应的段落（${s.file}）。`,
        });
      }
      return makeStep(i + 1, s.title, chunks);
    }),
  };
}

/** Top-level section of a chunk (the chapter or 一、 heading), '' when it has none. */
function topSection(c: Chunk): string {
  return c.headingPath.filter((h) => h !== c.title && h !== c.article)[0] ?? '';
}

/** One document as steps: its top-level sections, merged while small. */
function documentSteps(chunks: Chunk[]): { title: string; chunks: Chunk[] }[] {
  const groups: { section: string; chunks: Chunk[] }[] = [];
  for (const c of chunks) {
    const section = topSection(c);
    const last = groups[groups.length - 1];
    if (last && last.section === section) last.chunks.push(c);
    else groups.push({ section, chunks: [c] });
  }
  const out: { title: string; sections: string[]; chunks: Chunk[]; chars: number }[] = [];
  for (const g of groups) {
    const chars = g.chunks.reduce((n, c) => n + c.text.length, 0);
    const last = out[out.length - 1];
    if (last && last.chars < MIN_STEP_CHARS && last.chars + chars <= MAX_STEP_CHARS) {
      last.chunks.push(...g.chunks);
      last.sections.push(g.section);
      last.chars += chars;
    } else out.push({ title: '', sections: [g.section], chunks: [...g.chunks], chars });
  }
  // A short tail (a closing chapter of a few articles) joins the step before it rather than standing alone.
  const tail = out[out.length - 1];
  const beforeTail = out[out.length - 2];
  if (tail && beforeTail && tail.chars < MIN_STEP_CHARS / 2 && beforeTail.chars + tail.chars <= MAX_STEP_CHARS) {
    beforeTail.chunks.push(...tail.chunks);
    beforeTail.sections.push(...tail.sections);
    beforeTail.chars += tail.chars;
    out.pop();
  }
  const title = chunks[0]?.title ?? '';
  return out.map((s) => {
    const named = s.sections.filter(Boolean);
    const label = named.length === 0 ? '' : named.length === 1 ? named[0] : `${named[0]} 等`;
    return { title: out.length === 1 || !label ? title : `${title}：${label}`, chunks: s.chunks };
  });
}

/** How often each 《title》 (without 中华人民共和国) is cited by a document other than itself: one pass. */
function citationCounts(corpus: OnboardCorpus): Map<string, number> {
  const counts = new Map<string, number>();
  const norm = (t: string) => t.replace(/^中华人民共和国/u, '');
  for (const c of corpus.chunks) {
    const own = norm(c.title);
    for (const m of c.text.matchAll(/《([^《》\n]{2,60})》/gu)) {
      const cited = norm(m[1] ?? '');
      if (cited && cited !== own) counts.set(cited, (counts.get(cited) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The default path proposed from the corpus: documents whose titles mark them as newcomer material (入职/新员工,
 * 指南/指引, 手册, 常见问题, in that order) first, then the others by how often they are cited, most first.
 */
export function proposePath(corpus: OnboardCorpus): ReadingPath {
  const byFile = new Map<string, Chunk[]>();
  for (const c of corpus.chunks) {
    if (isPreamble(c)) continue;
    const list = byFile.get(c.file) ?? [];
    list.push(c);
    byFile.set(c.file, list);
  }
  const cited = citationCounts(corpus);
  const docs = [...byFile.values()].map((chunks) => {
    const title = chunks[0]?.title ?? '';
    const guide = GUIDE_WORDS.findIndex((re) => re.test(title));
    return {
      title,
      chunks,
      guide: guide < 0 ? GUIDE_WORDS.length : guide,
      cited: cited.get(title.replace(/^中华人民共和国/u, '')) ?? 0,
    };
  });
  docs.sort((a, b) => a.guide - b.guide || b.cited - a.cited || a.title.localeCompare(b.title, 'zh'));
  const steps: PathStep[] = [];
  for (const d of docs) {
    for (const s of documentSteps(d.chunks)) {
      if (steps.length >= MAX_PROPOSED_STEPS) break;
      steps.push(makeStep(steps.length + 1, s.title, s.chunks));
    }
  }
  return { role: '', origin: 'proposed', steps };
}

/** Roles declared in onboarding.yaml (工程管理, 招标采购, 财务, 综合 …); [] when none. */
export function declaredRoles(declaration: Declaration | undefined): string[] {
  return Object.keys(declaration?.roles ?? {});
}

/** The declaration of the first corpus folder that has onboarding.yaml; undefined when none does. */
export function readDeclaration(corpusDirs: readonly string[]): Declaration | undefined {
  for (const dir of corpusDirs) {
    const file = path.join(dir, ONBOARDING_FILE);
    if (fs.existsSync(file)) return parseDeclaration(fs.readFileSync(file, 'utf8'), ONBOARDING_FILE);
  }
  return undefined;
}

/** Markdown files with `onboarding: N` front matter, as declared steps in N order. */
export function readFrontMatterSteps(corpusDirs: readonly string[], corpus: OnboardCorpus): DeclaredStep[] {
  const found: { order: number; step: DeclaredStep }[] = [];
  const files = new Map(corpus.chunks.map((c) => [`${c.corpusDir}\u0000${c.file}`, c]));
  for (const chunk of files.values()) {
    if (!/\.md$/iu.test(chunk.file) || !corpusDirs.some((d) => path.resolve(d) === path.resolve(chunk.corpusDir)))
      continue;
    let text = '';
    try {
      text = fs.readFileSync(path.join(chunk.corpusDir, chunk.file), 'utf8').slice(0, 4000);
    } catch {
      continue;
    }
    const order = frontMatterOrder(text);
    if (order !== undefined) found.push({ order, step: { title: chunk.title, file: chunk.file } });
  }
  return found.sort((a, b) => a.order - b.order).map((f) => f.step);
}

/**
 * The path for `role`: the role's declared steps, else the declared steps for everyone, else front matter,
 * else `accepted` (a proposal an admin accepted), else the proposal.
 */
export function resolvePath(
  corpus: OnboardCorpus,
  options: { declaration?: Declaration; frontMatter?: DeclaredStep[]; accepted?: ReadingPath; role?: string },
): ReadingPath {
  const role = options.role ?? '';
  const roleSteps = role ? options.declaration?.roles?.[role] : undefined;
  if (roleSteps) return fromDeclared(corpus, roleSteps, role, ONBOARDING_FILE);
  if (options.declaration?.steps) return fromDeclared(corpus, options.declaration.steps, '', ONBOARDING_FILE);
  if (options.frontMatter && options.frontMatter.length > 0)
    return fromDeclared(corpus, options.frontMatter, '', 'front matter');
  if (options.accepted) return options.accepted;
  return proposePath(corpus);
}
