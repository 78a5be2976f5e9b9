// zhiyin start (npm start): bring the index up to date (incremental ingest), then serve — the Feishu/Lark bot when
// LARK_APP_ID/LARK_APP_SECRET are set, otherwise the local web chat on http://127.0.0.1:PORT.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config';
import { openAnswerer } from '../answer/open';
import { openChat } from '../chat/open';
import { terminalProgress } from '../ingest/progress';
import { runIngest } from '../ingest/run';
import { articleLookup } from '../lark/article';
import { startLarkBot } from '../lark/bot';
import { startWebApp } from '../web/app';
import { formatSummary } from './ingest';

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
  const { answerer, engine } = await openAnswerer(config);
  const sources = () => engine.documents().map((d) => ({ title: d.title, file: d.file, chunks: d.chunks }));
  const chat = openChat(config, answerer, sources);
  const bot = await startLarkBot(config, chat, articleLookup(engine));
  const where = config.lark?.mode === 'webhook' ? `webhook on port ${bot.port ?? config.port} at /lark/events` : 'ws';
  console.error(`指引 Lark bot running (${where}); documents: ${engine.documents().length}`);
  return {
    stop: async () => {
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
