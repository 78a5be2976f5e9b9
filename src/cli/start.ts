// zhiyin start (npm start): bring the index up to date (incremental ingest), then serve — the Feishu/Lark bot when
// LARK_APP_ID/LARK_APP_SECRET are set, otherwise the local web chat on http://127.0.0.1:PORT.
import type { Command } from 'commander';
import type { Viewer } from '../core/access';
import { loadConfig, type Config } from '../config';
import { openAnswerer } from '../answer/open';
import { openChat } from '../chat/open';
import { terminalProgress } from '../ingest/progress';
import { runIngest } from '../ingest/run';
import { articleLookup } from '../lark/article';
import { startLarkBot } from '../lark/bot';
import { startWebApp } from '../web/app';
import type { Answerer } from '../core/interfaces';
import { createLiveIndex, liveEngine, unavailableAnswerer } from '../retrieve/live';
import { formatSummary } from './ingest';
import { openOnboardPlugin } from '../onboard/open';
import { startLarkOnboardPush } from '../lark/onboard-push';
import { openQuizItemId } from '../onboard/service';
import { assertWebhookSecured } from '../access/webhook-guard';
import { ProvenanceLedger } from '../access/provenance';
import { withProvenance } from '../access/provenance-answerer';
import { defaultCommands } from '../chat/commands';
import { draftChatCommands } from '../draft/open';

/**
 * Longest wait for replies in flight after SIGINT/SIGTERM before exiting anyway: a stuck client or LLM call must
 * not keep a stopped service serving (`kill <npm pid>` is expected to end it within 5 s, issue 15).
 */
export const STOP_GRACE_MS = 4_000;

interface Running {
  stop(): Promise<void>;
}

async function refreshIndex(config: Config): Promise<void> {
  const bar = process.stderr.isTTY ? terminalProgress() : undefined;
  const summary = await runIngest({
    corpusDirs: config.corpusDirs,
    indexDir: config.indexDir,
    onProgress: bar ? (done, total, file) => bar.update(done, total, file) : undefined,
    onIndexProgress: bar ? (stage, done, total) => bar.update(done, total, `index: ${stage}`) : undefined,
  });
  bar?.done();
  console.error(formatSummary(summary));
}

async function startLark(config: Config): Promise<Running> {
  // Follows the index generation live (an ingest by the CLI is served without a restart).
  const live = await createLiveIndex({
    indexDir: config.indexDir,
    open: () => openAnswerer(config),
    fallback: unavailableAnswerer,
  });
  const answerer: Answerer = { answer: (q, o) => live.use((l) => l.answerer.answer(q, o)) };
  const engine = liveEngine(live);
  const sources = (viewer?: Viewer) =>
    engine
      .documents()
      .filter((d) => engine.access.visible(viewer, d.file, d.corpusDir))
      .map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
  const onboard = openOnboardPlugin(config, undefined, (c, v) => engine.access.visible(v, c.file, c.corpusDir));
  const chat = openChat(config, withProvenance(answerer, ProvenanceLedger.open(config.stateDir)), sources, {
    plugins: [onboard.plugin],
    commands: [...defaultCommands(), ...draftChatCommands(config, engine)],
  });
  const onboarding = onboard.onboarding();
  const bot = await startLarkBot(config, chat, {
    ...articleLookup(engine),
    openQuizItem: (userId) => openQuizItemId(onboarding, userId),
  });
  const push = onboarding ? startLarkOnboardPush(config, onboarding, chat.logger) : undefined;
  const where = config.lark?.mode === 'webhook' ? `webhook on port ${bot.port ?? config.port} at /lark/events` : 'ws';
  console.error(`指引 Lark bot running (${where}); documents: ${engine.documents().length}`);
  return {
    stop: async () => {
      await push?.stop();
      await bot.stop();
      chat.close();
      engine.close();
    },
  };
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Index the corpus (incremental) and serve: Lark bot when configured, else the local web chat')
    .option('--no-ingest', 'serve the existing index without bringing it up to date first')
    .action(async (opts: { ingest: boolean }) => {
      const config = loadConfig();
      assertWebhookSecured(config);
      if (opts.ingest) await refreshIndex(config);
      const running: Running = config.lark ? await startLark(config) : await startWebApp(config);
      if (config.llm) console.error(`LLM mode: ${config.llm.model} at ${config.llm.baseURL}`);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.error(`${signal}: finishing replies in flight, then exiting`);
        setTimeout(() => {
          console.error(`still busy after ${STOP_GRACE_MS} ms: exiting anyway`);
          process.exit(1);
        }, STOP_GRACE_MS).unref();
        running.stop().then(
          () => process.exit(0),
          (e: unknown) => {
            console.error(e);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });
}
