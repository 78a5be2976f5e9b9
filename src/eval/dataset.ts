// Loads an eval set (JSON Lines, the format of ../shared/README.md). Each line is validated so that a typo in a
// hand-written set fails loudly with its line number instead of silently scoring zero.
import fs from 'node:fs';
import { z } from 'zod';
import { ZhiyinError } from '../core/errors';
import type { EvalItem } from './types';

const GoldSchema = z.object({
  law: z.string().min(1),
  article: z.string(),
  files: z.array(z.string()).default([]),
  // The shared bureau set writes `section: ""` on article gold: empty means no section.
  section: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
});

const ItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  answerable: z.boolean().default(true),
  gold: z.array(GoldSchema).default([]),
  facts: z.array(z.string().min(1)).default([]),
  // 'draft' selects the drafting scorer; any other string is a question kind of a QA set (staff.dev: situational,
  // yes-no, out-of-scope, …), kept as `category` for the per-kind breakdown.
  kind: z.string().min(1).default('qa'),
});

const KNOWN_KEYS = new Set(['id', 'question', 'answerable', 'gold', 'facts', 'kind']);

export function parseEvalSet(text: string, source = '<memory>'): EvalItem[] {
  const items: EvalItem[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (cause) {
      throw new ZhiyinError('E_BAD_REQUEST', `${source}:${i + 1}: not valid JSON`, { cause });
    }
    const parsed = ItemSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
      throw new ZhiyinError('E_BAD_REQUEST', `${source}:${i + 1}: ${detail}`);
    }
    const p = parsed.data;
    if (ids.has(p.id)) throw new ZhiyinError('E_BAD_REQUEST', `${source}:${i + 1}: duplicate id ${p.id}`);
    ids.add(p.id);
    const kind = p.kind === 'draft' ? 'draft' : 'qa';
    const category = p.kind === 'draft' || p.kind === 'qa' ? undefined : p.kind;
    if (p.answerable && kind === 'qa' && p.gold.length === 0) {
      throw new ZhiyinError('E_BAD_REQUEST', `${source}:${i + 1}: answerable question ${p.id} has no gold`);
    }
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
    items.push({
      id: p.id,
      question: p.question,
      answerable: p.answerable,
      gold: p.gold,
      facts: p.facts,
      kind,
      ...(category ? { category } : {}),
      extra,
    });
  });
  return items;
}

export function loadEvalSet(file: string): EvalItem[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ZhiyinError('E_UNREADABLE', `cannot read eval set ${file}`, { cause });
  }
  return parseEvalSet(text, file);
}
