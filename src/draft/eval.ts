// The drafting eval: drafts every request of evals/drafts.jsonl and scores required elements, closing phrase, title
// form, invented facts, citation validity and checker findings; and the checker's recall on evals/drafts-faulty.jsonl
// (seeded errors) with its false findings on the clean documents there.
import fs from 'node:fs';
import { z } from 'zod';
import { ZhiyinError } from '../core/errors';
import { citeLabel } from '../answer/render';
import { checkText } from './check';
import { renderDocx } from './docx';
import type { Drafter } from './drafter';
import { inventedFacts } from './facts';
import { loadTemplate } from './template';
import type { Draft } from './types';

const DraftCase = z.object({
  id: z.string(),
  request: z.string(),
  type: z.string(),
  missing: z.array(z.string()),
  notes: z.array(z.string()),
  needsCitation: z.boolean(),
});
export type DraftCase = z.infer<typeof DraftCase>;

const FaultyCase = z.object({
  id: z.string(),
  text: z.string(),
  seeded: z.array(z.object({ rule: z.string(), line: z.number() })),
});
export type FaultyCase = z.infer<typeof FaultyCase>;

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  if (!fs.existsSync(file))
    throw new ZhiyinError('E_BAD_REQUEST', `no such file: ${file}`, { userMessage: `找不到评测文件：${file}` });
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => ({ l: l.trim(), n: i + 1 }))
    .filter(({ l }) => l !== '')
    .map(({ l, n }) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new ZhiyinError('E_BAD_REQUEST', `${file}:${n}: ${parsed.error.message}`);
      return parsed.data;
    });
}
export const loadDraftCases = (file: string) => readJsonl(file, DraftCase);
export const loadFaultyCases = (file: string) => readJsonl(file, FaultyCase);

export interface DraftCaseResult {
  id: string;
  type: string;
  typeOk: boolean;
  /** Elements of the type's template absent from the draft. */
  missingElements: string[];
  /** Slots marked 【待补充】 equal the case's expected missing slots. */
  missingOk: boolean;
  notesOk: boolean;
  closingOk: boolean;
  titleOk: boolean;
  invented: string[];
  citations: string[];
  invalidCitations: string[];
  findings: string[];
  ms: number;
}

/** Required elements of a draft, by the template's 要素 list (present = the part exists, even as 【待补充】). */
export function missingElements(d: Draft): string[] {
  const t = loadTemplate(d.type);
  const heads = [...d.body, ...(d.annex?.body ?? [])].map((p) => p.text);
  const has: Record<string, boolean> = {
    标题: d.title.length > 0,
    主送机关: d.addressee.length > 0,
    正文: d.body.length > 0,
    附件说明: d.slots.附件 || d.annex ? d.attachments.length > 0 : true,
    发文机关署名: d.signature.length > 0,
    成文日期: /^\d{4}年[1-9]\d?月[1-9]\d?日$/.test(d.date),
    附件: d.annex !== undefined,
    会议概况: /主持召开/.test(d.body[0]?.text ?? ''),
    议定事项: heads.some((h) => h.includes('议定事项')),
    出席: heads.some((h) => h.startsWith('出席：')),
    请假: true,
    列席: true,
    工作目标: heads.some((h) => h.includes('工作目标')),
    主要任务: heads.some((h) => h.includes('主要任务')),
    工作要求: heads.some((h) => h.includes('工作要求')),
    版记: true,
  };
  return t.elements.filter((e) => has[e] === false);
}

export interface DraftEvalOptions {
  /** True when 《title》article exists in the index (the citation-validity check). */
  articleExists?: (title: string, article: string) => boolean;
}

export async function runDraftCases(
  drafter: Drafter,
  cases: DraftCase[],
  options: DraftEvalOptions = {},
): Promise<DraftCaseResult[]> {
  const out: DraftCaseResult[] = [];
  for (const c of cases) {
    const started = performance.now();
    const d = await drafter.draft(c.request);
    await renderDocx(d);
    const ms = performance.now() - started;
    const t = loadTemplate(d.type);
    const findings = checkText(d.text);
    const allowed = [
      c.request,
      ...Object.values(d.slots),
      ...d.citations.map((x) => `${citeLabel(x)}${x.quote}`),
      t.body.join('\n'),
      t.title,
    ];
    const invented = d.text.split('\n').flatMap((line) => inventedFacts(line.replace(d.date, ''), allowed));
    const citations = d.citations.map((x) => citeLabel(x));
    out.push({
      id: c.id,
      type: d.type,
      typeOk: d.type === c.type,
      missingElements: missingElements(d),
      missingOk: [...d.missing].sort().join() === [...c.missing].sort().join(),
      notesOk: c.notes.every((n) => d.notes.some((x) => x.rule === n)),
      closingOk: t.closings.length === 0 ? d.closing === '' : t.closings.includes(d.closing),
      titleOk: !findings.some((f) => f.rule === 'title-form'),
      invented,
      citations,
      invalidCitations: options.articleExists
        ? d.citations.filter((x) => !options.articleExists!(x.title, x.article)).map((x) => citeLabel(x))
        : [],
      findings: findings.map((f) => `${f.rule}@${f.line}`),
      ms,
    });
    // needsCitation is scored in the summary (cited-rule recall); kept on the case.
  }
  return out;
}

export interface DraftEvalSummary {
  drafts: number;
  /** Share of drafts with every required element, the right 【待补充】 slots and no invented fact. */
  complete: number;
  typeAccuracy: number;
  closingAccuracy: number;
  titleFormAccuracy: number;
  notesRecall: number;
  /** Share of drafts with at least one invented fact (target 0). */
  inventedFactRate: number;
  citations: number;
  /** Share of citations whose article exists in the index (1 when nothing was cited). */
  citationValidity: number;
  /** Share of needsCitation requests whose draft cites at least one rule. */
  citedRuleRecall: number;
  checkerFindings: number;
  /** Median and max per draft, ms, .docx included. */
  medianMs: number;
  maxMs: number;
}

const share = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function summarizeDrafts(cases: DraftCase[], rows: DraftCaseResult[]): DraftEvalSummary {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const cits = rows.reduce((s, r) => s + r.citations.length, 0);
  const invalid = rows.reduce((s, r) => s + r.invalidCitations.length, 0);
  const needs = rows.filter((r) => byId.get(r.id)?.needsCitation);
  const withNotes = rows.filter((r) => (byId.get(r.id)?.notes.length ?? 0) > 0);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    drafts: rows.length,
    complete: share(
      rows.filter((r) => r.missingElements.length === 0 && r.missingOk && r.invented.length === 0).length,
      rows.length,
    ),
    typeAccuracy: share(rows.filter((r) => r.typeOk).length, rows.length),
    closingAccuracy: share(rows.filter((r) => r.closingOk).length, rows.length),
    titleFormAccuracy: share(rows.filter((r) => r.titleOk).length, rows.length),
    notesRecall: share(withNotes.filter((r) => r.notesOk).length, withNotes.length),
    inventedFactRate: share(rows.filter((r) => r.invented.length > 0).length, rows.length) * (rows.length ? 1 : 0),
    citations: cits,
    citationValidity: share(cits - invalid, cits),
    citedRuleRecall: share(needs.filter((r) => r.citations.length > 0).length, needs.length),
    checkerFindings: rows.reduce((s, r) => s + r.findings.length, 0),
    medianMs: ms[Math.floor(ms.length / 2)] ?? 0,
    maxMs: ms.at(-1) ?? 0,
  };
}

export interface CheckerEvalSummary {
  seeded: number;
  found: number;
  /** Seeded errors reported with their rule at their line. */
  recall: number;
  cleanDocuments: number;
  /** Findings on documents with no seeded error, per document (target ≤ 1). */
  falseFindingsPerClean: number;
  missed: string[];
}

export function runCheckerEval(cases: FaultyCase[]): CheckerEvalSummary {
  let seeded = 0;
  let found = 0;
  let clean = 0;
  let falseFindings = 0;
  const missed: string[] = [];
  for (const c of cases) {
    const f = checkText(c.text);
    if (c.seeded.length === 0) {
      clean++;
      falseFindings += f.length;
      continue;
    }
    for (const s of c.seeded) {
      seeded++;
      if (f.some((x) => x.rule === s.rule && x.line === s.line)) found++;
      else missed.push(`${c.id}:${s.rule}@${s.line}`);
    }
  }
  return {
    seeded,
    found,
    recall: share(found, seeded),
    cleanDocuments: clean,
    falseFindingsPerClean: share(falseFindings, clean) * (clean ? 1 : 0),
    missed,
  };
}
