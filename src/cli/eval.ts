// `zhiyin eval`: run eval sets through our system and the BM25 baseline, write the reports, and optionally
// check (--gate) or rewrite (--update-baseline) evals/baseline.json.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import { evaluate, setNameOf, type SetSpec } from '../eval/evaluate';
import { BASELINE_FILE, gateSets } from '../eval/gate-sets';
import { baselineFromReport, checkGate, readBaseline, writeBaseline } from '../eval/gate';
import { toSummaryJson } from '../eval/report-json';
import { writeReport } from '../eval/write-report';
import { summaryLines } from '../eval/summary';
import { kindTableLines } from '../eval/by-kind';
import { fitRefusalModel, writeRefusalModel } from '../eval/refusal-fit';
import { createOpenAIChatModel } from '../llm/openai-chat';

interface EvalCliOptions {
  set: string[];
  corpus: string[];
  json?: boolean;
  report?: string;
  index?: string;
  baseline: boolean;
  answers: boolean;
  gate?: boolean;
  updateBaseline?: boolean;
  stard?: boolean;
  judge?: boolean;
  baselineFile: string;
  learn: string[];
  by?: string;
  cv?: string;
  fitRefusal?: string;
  stardSample?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** A positive integer option, or undefined when absent. @throws ZhiyinError E_BAD_REQUEST otherwise. */
function positiveInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new ZhiyinError('E_BAD_REQUEST', `${name} needs a positive integer, got '${v}'`);
  return n;
}

/** Exit code when the gate fails (distinct from 1 = the run itself failed). */
export const EXIT_GATE_FAILED = 4;

function chooseSets(o: EvalCliOptions, root: string, log: (s: string) => void): SetSpec[] {
  // Without --set: the standard sets (what `npm run eval`, the gate and --update-baseline use).
  if (o.set.length === 0) {
    const g = gateSets(root, { withStard: o.stard, stardSample: positiveInt(o.stardSample, '--stard-sample') });
    for (const s of g.skipped) log(`skipped: ${s}`);
    return g.sets;
  }
  const corpusDirs = o.corpus.length ? o.corpus : loadConfig().corpusDirs;
  return o.set.map((f) => ({ name: setNameOf(f), file: path.resolve(f), corpusDirs }));
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('评测：检索与回答指标、与 BM25 基线对比、报告与门禁')
    .option('--set <file>', 'eval set (JSONL), repeatable', collect, [])
    .option('--corpus <dir>', 'corpus directory the set is about, repeatable (default ZHIYIN_CORPUS)', collect, [])
    .option('--index <dir>', 'build/keep the index here instead of a temporary directory')
    .option('--report <dir>', 'report directory (default evals/reports/<timestamp>)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--no-baseline', 'skip the BM25 baseline system')
    .option('--no-answers', 'retrieval metrics only')
    .option('--gate', `compare with ${BASELINE_FILE}; exit ${EXIT_GATE_FAILED} when a metric drops beyond tolerance`)
    .option('--update-baseline', `rewrite ${BASELINE_FILE} from this run (explicit, never automatic)`)
    .option('--baseline-file <file>', 'the recorded metrics the gate compares with', BASELINE_FILE)
    .option('--learn <file>', 'eval-format file the index learns from, repeatable (not with --gate)', collect, [])
    .option('--judge', 'also score answers with the configured LLM (LLM_* settings; reported, never gated)')
    .option('--stard', 'without --set: include STARD dev over the national corpus (slow)')
    .option('--by <field>', "break every metric down by a field of the questions: 'kind'")
    .option('--cv <k>', 'K-fold: refusals decided by a model fitted on the other folds (answer metrics out-of-fold)')
    .option(
      '--fit-refusal <file>',
      'with --cv: fit the refusal model on all rows and write it (src/answer/refusal-model.json)',
    )
    .option(
      '--stard-sample <n>',
      'without --set: add about n STARD dev questions (every k-th) over the national corpus',
    )
    .action(async (o: EvalCliOptions) => {
      const root = process.cwd();
      const log = (s: string) => console.error(`[eval] ${s}`);
      const sets = chooseSets(o, root, log);
      const config = loadConfig();
      // The recorded baseline is the offline default mode: gate runs never depend on a configured LLM or
      // embedding service (not reproducible, and not available in CI).
      const gateRun = Boolean(o.gate || o.updateBaseline);
      if (gateRun && o.learn.length) {
        throw new ZhiyinError('E_BAD_REQUEST', '--learn cannot be combined with --gate/--update-baseline');
      }
      if (o.judge && !config.llm)
        throw new ZhiyinError('E_CONFIG', '--judge needs LLM_BASE_URL, LLM_API_KEY and LLM_MODEL');
      if (o.by !== undefined && o.by !== 'kind')
        throw new ZhiyinError('E_BAD_REQUEST', `--by: unknown field '${o.by}' (use kind)`);
      const cv = positiveInt(o.cv, '--cv');
      if (cv !== undefined && cv < 2) throw new ZhiyinError('E_BAD_REQUEST', '--cv needs K ≥ 2');
      if (o.fitRefusal && !cv) throw new ZhiyinError('E_BAD_REQUEST', '--fit-refusal needs --cv K');
      if (cv && gateRun)
        throw new ZhiyinError('E_BAD_REQUEST', '--cv cannot be combined with --gate/--update-baseline');
      const report = await evaluate({
        cv,
        onRefusalRows: o.fitRefusal
          ? (rows, perSet) => {
              const file = path.resolve(o.fitRefusal!);
              writeRefusalModel(file, fitRefusalModel(rows, cv!, { sets: perSet, fittedAt: new Date().toISOString() }));
              log(`wrote refusal model ${file} (${rows.length} rows)`);
            }
          : undefined,
        config: gateRun ? { ...config, llm: undefined, embedding: undefined } : config,
        sets,
        indexDir: o.index ? path.resolve(o.index) : undefined,
        baseline: o.baseline,
        learnFiles: o.learn.map((f) => path.resolve(f)),
        answers: o.answers,
        log,
        judge: o.judge && config.llm ? createOpenAIChatModel(config.llm) : undefined,
      });
      const baselineFile = path.resolve(root, o.baselineFile);
      if (o.gate) {
        if (!fs.existsSync(baselineFile))
          throw new ZhiyinError('E_CONFIG', `no ${baselineFile}: run --update-baseline`);
        report.gate = checkGate(report, readBaseline(baselineFile));
      }
      const stamp = report.generatedAt.replace(/[:.]/g, '-');
      const dir = path.resolve(o.report ?? path.join(root, 'evals', 'reports', stamp));
      writeReport(report, dir);
      if (o.updateBaseline) {
        const previous = fs.existsSync(baselineFile) ? readBaseline(baselineFile) : undefined;
        writeBaseline(baselineFile, baselineFromReport(report, previous));
        log(`wrote ${baselineFile}`);
      }
      if (o.json) console.log(JSON.stringify(toSummaryJson(report), null, 2));
      else console.log(summaryLines(report).join('\n'));
      if (o.by === 'kind') {
        const label = report.cv ? `${report.cv.k}-fold refusal` : '';
        for (const s of report.sets)
          console.log(kindTableLines(s.name, s.ours.results, s.baseline?.results, label).join('\n'));
      }
      log(`report: ${path.join(dir, 'report.html')}`);
      if (report.gate && !report.gate.ok) process.exitCode = EXIT_GATE_FAILED;
    });
}
