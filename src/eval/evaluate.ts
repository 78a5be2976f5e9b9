// One eval run over several sets: sets over the same corpus share one ingest, each set is run through our
// system and the baseline, and the result is one EvalReport.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config';
import type { ChatModel } from '../core/interfaces';
import { ZhiyinError } from '../core/errors';
import { openChunkStore } from '../store/chunk-store';
import { matchesGold } from './gold';
import { judgeAnswers } from './judge';
import { loadEvalSet } from './dataset';
import { openSystems, prepareIndex, type OpenedSystems } from './pipeline';
import { runSystem } from './runner';
import { buildSetReport } from './set-report';
import { applyDecisions, crossValidate, decideRow, rowsOf, TARGET_REFUSAL, type RefusalRow } from './refusal-cv';
import { riskCoverage } from './risk-coverage';
import type { EvalReport, QuestionResult, SetReport, SystemRun } from './types';

export interface SetSpec {
  name: string;
  file: string;
  corpusDirs: string[];
  /** Keep about this many questions, every n-th in file order (STARD dev as answerable rows for fitting). */
  sample?: number;
}

export interface EvaluateOptions {
  config: Config;
  sets: SetSpec[];
  /** Use (and keep) this index instead of a temporary one; only valid when all sets share one corpus. */
  indexDir?: string;
  /**
   * Keep one index per corpus under this directory (re-ingest is incremental, so a second run over the same
   * corpus skips the build). Ignored when indexDir is given.
   */
  indexRoot?: string;
  baseline?: boolean;
  answers?: boolean;
  log?: (line: string) => void;
  clock?: () => Date;
  /** Eval-format files the index learns from (optimistic when they overlap the evaluated sets). */
  learnFiles?: string[];
  /** LLM-as-judge model (optional; our system's answers only). */
  judge?: ChatModel;
  /**
   * K-fold cross-validation of the refusal model (≥ 2): every question is answered without refusing, then
   * refused or not by a model fitted on the other folds (src/eval/refusal-cv.ts). Answer metrics are out-of-fold.
   */
  cv?: number;
  /** With cv: called with the rows of our system over all sets (to fit and persist the shipped model). */
  onRefusalRows?: (rows: RefusalRow[], perSet: { name: string; questions: number }[]) => void;
  /** Test hook: replace or wrap the opened systems (e.g. a deliberately broken retriever for the gate test). */
  wrapSystems?: (systems: OpenedSystems, indexDir: string) => OpenedSystems | Promise<OpenedSystems>;
}

/** Default set name: the file name, prefixed with its folder unless that is evals/ (gov-works/dev → gov-works-dev). */
export function setNameOf(file: string): string {
  const base = path.basename(file).replace(/\.jsonl?$/i, '');
  const parent = path.basename(path.dirname(path.resolve(file)));
  return parent === 'evals' ? base : `${parent}-${base}`;
}

export async function evaluate(opts: EvaluateOptions): Promise<EvalReport> {
  const log = opts.log ?? (() => {});
  const byCorpus = new Map<string, SetSpec[]>();
  for (const s of opts.sets) {
    const key = s.corpusDirs.map((d) => path.resolve(d)).join('\u0000');
    byCorpus.set(key, [...(byCorpus.get(key) ?? []), s]);
  }
  if (opts.indexDir && byCorpus.size > 1) {
    throw new ZhiyinError('E_BAD_REQUEST', 'an explicit index directory serves one corpus: run these sets separately');
  }
  const reports: SetReport[] = [];
  for (const specs of byCorpus.values()) {
    const corpusDirs = specs[0]!.corpusDirs.map((d) => path.resolve(d));
    log(`ingesting ${corpusDirs.join(', ')}`);
    const keyed = opts.indexRoot
      ? path.join(
          opts.indexRoot,
          crypto.createHash('sha256').update(corpusDirs.join('\u0000')).digest('hex').slice(0, 12),
        )
      : undefined;
    const index = await prepareIndex(corpusDirs, opts.indexDir ?? keyed, opts.learnFiles ?? []);
    if (opts.learnFiles?.length) log(`learned from ${opts.learnFiles.join(', ')}`);
    try {
      log(`indexed ${index.documents} documents, ${index.chunks} chunks in ${(index.ingestMs / 1000).toFixed(1)} s`);
      for (const e of index.errors) log(`ingest error ${e.code} ${e.file}: ${e.message}`);
      const opened = await openSystems(opts.config, index.indexDir, {
        baseline: opts.baseline ?? true,
        answers: opts.answers ?? true,
        neverRefuse: Boolean(opts.cv),
      });
      const systems = opts.wrapSystems ? await opts.wrapSystems(opened, index.indexDir) : opened;
      for (const spec of specs) {
        const all = loadEvalSet(spec.file);
        const step = spec.sample && spec.sample < all.length ? Math.ceil(all.length / spec.sample) : 1;
        const items = all.filter((_, i) => i % step === 0);
        log(`${spec.name}: ${items.length} questions`);
        // Long sets (STARD: 1,071 questions) report progress every 200 questions.
        const progress = (who: string) => (done: number, total: number) => {
          if (done % 200 === 0 && done < total) log(`${spec.name} ${who}: ${done}/${total}`);
        };
        const ours = await runSystem(items, systems.ours, { onProgress: progress('ours') });
        const baseline = systems.baseline
          ? await runSystem(items, systems.baseline, { onProgress: progress('baseline') })
          : undefined;
        if (opts.judge) {
          log(`${spec.name}: LLM judge ${opts.judge.id}`);
          const store = openChunkStore(index.indexDir);
          try {
            const chunks = store.all();
            const goldText = (g: Parameters<typeof matchesGold>[1]) =>
              chunks
                .filter((c) => matchesGold({ ...c, chunkId: c.id }, g))
                .map((c) => c.text)
                .join('\n') || undefined;
            const j = await judgeAnswers(ours.results, { model: opts.judge, goldText });
            ours.judge = { judged: j.judged, score: j.score, counts: j.counts, model: opts.judge.id };
          } finally {
            store.close();
          }
        }
        reports.push(
          buildSetReport({
            name: spec.name,
            setFile: spec.file,
            corpusDirs,
            ours,
            baseline,
            ingestMs: index.ingestMs,
          }),
        );
      }
    } finally {
      index.cleanup();
    }
  }
  // Report sets in the order they were asked for, not grouped by corpus.
  const order = (name: string) => opts.sets.findIndex((s) => s.name === name);
  reports.sort((a, b) => order(a.name) - order(b.name));
  const report: EvalReport = { generatedAt: (opts.clock?.() ?? new Date()).toISOString(), sets: reports };
  if (opts.cv) applyCrossValidation(report, opts.cv, opts.onRefusalRows);
  return report;
}

/** Replaces each set's runs by their out-of-fold versions (see refusal-cv.ts) and records the fold thresholds. */
function applyCrossValidation(report: EvalReport, k: number, onRows: EvaluateOptions['onRefusalRows']): void {
  if (k < 2) throw new ZhiyinError('E_BAD_REQUEST', '--cv needs K ≥ 2');
  const rows = report.sets.flatMap((s) => rowsOf(s.name, s.ours.results));
  onRows?.(
    rows,
    report.sets.map((s) => ({ name: s.name, questions: s.ours.results.length })),
  );
  const models = crossValidate(rows, k);
  const decide = (setName: string, run: SystemRun) => {
    const byKey = new Map(rowsOf(setName, run.results).map((r) => [r.key, r]));
    return applyDecisions(setName, run, (key) => {
      const row = byKey.get(key);
      return row ? decideRow(models, row) : undefined;
    });
  };
  report.sets = report.sets.map((s) => {
    // The curve needs every question's unrefused answer and its out-of-fold P: taken before the decisions.
    const byKey = new Map(rowsOf(s.name, s.ours.results).map((r) => [r.key, r]));
    const pOf = (r: QuestionResult) => {
      const row = byKey.get(`${s.name}\u0000${r.id}`);
      return row ? decideRow(models, row)?.p : undefined;
    };
    const thresholds = models.flatMap((m) => (m ? [m.threshold] : []));
    const operating = thresholds.reduce((a, b) => a + b, 0) / Math.max(1, thresholds.length);
    const curve = riskCoverage(s.ours.results, operating, pOf);
    const ours = decide(s.name, s.ours);
    const baseline = s.baseline ? decide(s.name, s.baseline) : undefined;
    const rebuilt = buildSetReport({
      name: s.name,
      setFile: s.setFile,
      corpusDirs: s.corpusDirs,
      ours,
      baseline,
      ingestMs: s.ingestMs,
    });
    return { ...rebuilt, riskCoverage: curve };
  });
  report.cv = { k, thresholds: models.map((m) => m?.threshold ?? Number.NaN), target: TARGET_REFUSAL };
}
