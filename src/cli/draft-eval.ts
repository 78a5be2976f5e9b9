// `zhiyin draft-eval [--set FILE] [--faulty FILE] [--index DIR] [--json]`: the drafting eval (template mode, or LLM
// mode when LLM_* is set) and the checker's recall on seeded errors. See docs/draft.md for the measured numbers.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openRetriever } from '../retrieve/open';
import { isZhiyinError } from '../core/errors';
import { createOpenAIChatModel } from '../llm/openai-chat';
import { createDrafter } from '../draft/drafter';
import { loadDraftCases, loadFaultyCases, runCheckerEval, runDraftCases, summarizeDrafts } from '../draft/eval';

interface DraftEvalCli {
  set: string;
  faulty: string;
  index?: string;
  json?: boolean;
}

export function registerDraftEval(program: Command): void {
  program
    .command('draft-eval')
    .description('起草评测：必备要素、结束语、标题、编造事实、引用有效性、体检；以及体检对预置错误的召回率')
    .option('--set <file>', 'drafting requests (JSONL)', 'evals/drafts.jsonl')
    .option('--faulty <file>', 'faulty and clean drafts for the checker (JSONL)', 'evals/drafts-faulty.jsonl')
    .option('--index <dir>', 'index directory for grounding (default: ZHIYIN_INDEX)')
    .option('--json', 'print {"drafts":{…},"checker":{…},"rows":[…]} as JSON')
    .action(async (opts: DraftEvalCli) => {
      const config = loadConfig();
      let engine: Awaited<ReturnType<typeof openRetriever>> | undefined;
      try {
        engine = await openRetriever(config, opts.index);
      } catch (e) {
        if (!isZhiyinError(e) || e.code !== 'E_INDEX_MISSING') throw e;
        console.error('note: no search index, drafts are scored without grounding');
      }
      try {
        const chatModel = config.llm ? createOpenAIChatModel(config.llm) : undefined;
        const drafter = createDrafter({ retriever: engine, chatModel });
        const cases = loadDraftCases(opts.set);
        const rows = await runDraftCases(drafter, cases, {
          articleExists: engine
            ? (title, article) =>
                engine
                  .documents()
                  .some((d) => d.title === title && engine.articleChunks(d.file, article, d.corpusDir).length > 0)
            : undefined,
        });
        const drafts = summarizeDrafts(cases, rows);
        const checker = runCheckerEval(loadFaultyCases(opts.faulty));
        if (opts.json) console.log(JSON.stringify({ drafts, checker, rows }));
        else {
          console.log(`drafts: ${JSON.stringify(drafts, null, 1)}`);
          console.log(`checker: ${JSON.stringify(checker, null, 1)}`);
          for (const r of rows.filter(
            (x) =>
              x.missingElements.length ||
              !x.missingOk ||
              x.invented.length ||
              x.findings.length ||
              !x.closingOk ||
              !x.typeOk ||
              !x.notesOk,
          ))
            console.log(`  ${r.id}: ${JSON.stringify(r)}`);
        }
      } finally {
        engine?.close();
      }
    });
}
