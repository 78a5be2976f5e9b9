// Drafting benchmark (default template mode): ingest gov-works into a temp index, draft every request of
// evals/drafts.jsonl with grounding and .docx rendering, report latency (target ≤ 1 s a draft, .docx included)
// and the drafting eval's scores, plus the checker's recall on the seeded errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { runIngest } from '../ingest/run';
import { openRetriever } from '../retrieve/open';
import { createDrafter } from '../draft/drafter';
import { loadDraftCases, loadFaultyCases, runCheckerEval, runDraftCases, summarizeDrafts } from '../draft/eval';

export async function runDraftBench(opts: {
  sharedDir: string;
}): Promise<{ title: string; lines: string[]; json: Record<string, unknown> }> {
  const corpus = path.join(opts.sharedDir, 'corpus', 'gov-works');
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-draft-bench-'));
  try {
    await runIngest({ corpusDirs: [corpus], indexDir });
    const config = { ...loadConfig({}), corpusDirs: [corpus], indexDir, llm: undefined };
    const engine = await openRetriever(config, indexDir);
    const drafter = createDrafter({ retriever: engine });
    const cases = loadDraftCases(path.resolve('evals', 'drafts.jsonl'));
    // One untimed warm-up: template files, the docx package and the index are start-up costs, not draft latency.
    await runDraftCases(drafter, cases.slice(0, 1));
    const rows = await runDraftCases(drafter, cases, {
      articleExists: (title, article) =>
        engine
          .documents()
          .some((d) => d.title === title && engine.articleChunks(d.file, article, d.corpusDir).length > 0),
    });
    engine.close();
    const s = summarizeDrafts(cases, rows);
    const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
    const p95 = ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)] ?? 0;
    const c = runCheckerEval(loadFaultyCases(path.resolve('evals', 'drafts-faulty.jsonl')));
    const lines = [
      `drafts: ${s.drafts} (evals/drafts.jsonl, template mode, grounded on gov-works, .docx rendered)`,
      `draft latency incl. .docx: p50 ${s.medianMs.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms (target <= 1000 ms)`,
      `complete (every element, right 【待补充】, no invented fact): ${s.complete.toFixed(3)} (target >= 0.90)`,
      `invented-fact rate: ${s.inventedFactRate.toFixed(3)} (target 0); citation validity: ${s.citationValidity.toFixed(3)} of ${s.citations}`,
      `cited-rule recall: ${s.citedRuleRecall.toFixed(3)}; closing ${s.closingAccuracy.toFixed(3)}; title form ${s.titleFormAccuracy.toFixed(3)}; checker findings on drafts: ${s.checkerFindings}`,
      `checker recall on seeded errors: ${c.recall.toFixed(3)} (${c.found}/${c.seeded}, target >= 0.90); false findings per clean doc: ${c.falseFindingsPerClean.toFixed(2)} (target <= 1)`,
    ];
    return { title: 'Drafting (公文, template mode)', lines, json: { ...s, p95ms: p95, checker: c } };
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}
