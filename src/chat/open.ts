// Wires the conversation core to the SQLite state in config.stateDir. The lead (npm start), the web chat and
// the Lark bot all call openChat and share what it returns.
import type { Config } from '../config';
import type { Clock, FeedbackStore, IdSource, ProcessMessage, SourceInfo } from '../core/chat';
import type { Answerer } from '../core/interfaces';
import type { Viewer } from '../core/access';
import { createConversationStore, type ConversationStore } from '../store/conversation-store';
import { createDedupeStore, type DedupeStore } from '../store/dedupe-store';
import { createFeedbackStore } from '../store/feedback-store';
import { openStateDb } from '../store/state-db';
import { createAuditStore, type AuditStore } from '../store/audit-store';
import { startAuditPrune } from '../access/audit-prune';
import { defaultCommands, type ChatCommand } from './commands';
import { createRecordFeedback, type RecordFeedback } from './feedback';
import { createOperatorLogger, type OperatorLogger } from './log';
import { createProcessMessage, type ChatDeps, type MessageInterceptor } from './process';
import type { StateDb } from '../store/state-db';
import { RateLimiter, withRateLimit } from '../limits/rate-limit';
import { readExamples } from '../examples/store';

/** An add-on (e.g. onboarding) given the state database: its commands and message interceptors. */
export type ChatPlugin = (db: StateDb) => { commands?: ChatCommand[]; interceptors?: MessageInterceptor[] };

export interface OpenChatOptions {
  clock?: Clock;
  ids?: IdSource;
  logger?: OperatorLogger;
  commands?: readonly ChatCommand[];
  limits?: ChatDeps['limits'];
  contextFromAnswer?: ChatDeps['contextFromAnswer'];
  greetings?: boolean;
  /** Add-ons with their own state tables, commands and interceptors (onboarding). */
  plugins?: readonly ChatPlugin[];
  /** Example questions for /help; default: those stored with the index (config.indexDir/examples.json). */
  examples?: () => readonly string[];
  /** Conversation turns older than this are deleted at start (feedback keeps its own copy). Default 180. */
  retentionDays?: number;
}

export const DEFAULT_RETENTION_DAYS = 180;

export interface OpenedChat {
  processMessage: ProcessMessage;
  feedback: FeedbackStore;
  recordFeedback: RecordFeedback;
  /** Conversation turns (the Lark bot rebuilds cards and "show the rest" from them). */
  sessions: ConversationStore;
  /** Persistent event de-duplication for transports whose platform re-delivers. */
  dedupe: DedupeStore;
  /** The audit trail (issue 16), pruned to config.auditRetentionDays at open and daily. */
  audit: AuditStore;
  logger: OperatorLogger;
  clock?: Clock;
  close(): void;
}

export function openChat(
  config: Config,
  answerer: Answerer,
  sources: (viewer?: Viewer) => SourceInfo[],
  options: OpenChatOptions = {},
): OpenedChat {
  const db = openStateDb(config.stateDir);
  const logger = options.logger ?? createOperatorLogger({ level: config.logLevel, format: config.logFormat });
  const sessions = createConversationStore(db);
  const feedback = createFeedbackStore(db, { clock: options.clock, ids: options.ids });
  const dedupe = createDedupeStore(db, { clock: options.clock, windowMs: config.limits.dedupeWindowMs });
  dedupe.prune();
  const now = options.clock ? options.clock.now() : new Date();
  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 24 * 3600 * 1000;
  const pruned = sessions.prune(new Date(now.getTime() - retentionMs).toISOString());
  if (pruned > 0) logger.info('chat.pruned_turns', { turns: pruned });
  const added = (options.plugins ?? []).map((plugin) => plugin(db));
  const extraCommands = added.flatMap((a) => a.commands ?? []);
  const audit = createAuditStore(db, { clock: options.clock });
  const stopPrune = startAuditPrune(audit, config.auditRetentionDays, logger);
  const processMessage = createProcessMessage({
    audit,
    answerer,
    sessions,
    feedback,
    sources,
    clock: options.clock,
    logger,
    commands:
      extraCommands.length > 0 ? [...(options.commands ?? defaultCommands()), ...extraCommands] : options.commands,
    interceptors: added.flatMap((a) => a.interceptors ?? []),
    limits: { maxQuestionChars: config.limits.maxQuestionChars, ...options.limits },
    contextFromAnswer: options.contextFromAnswer,
    greetings: options.greetings,
    examples: options.examples ?? (() => readExamples(config.indexDir)),
  });
  let closed = false;
  return {
    // The web chat is limited here; the Lark gate applies the same limit itself (src/limits/rate-limit.ts).
    processMessage: withRateLimit(
      processMessage,
      new RateLimiter(config.limits.questionsPerMinute, () =>
        (options.clock ?? { now: () => new Date() }).now().getTime(),
      ),
      { transports: ['web'], logger },
    ),
    feedback,
    recordFeedback: createRecordFeedback({ sessions, feedback, logger }),
    sessions,
    dedupe,
    audit,
    logger,
    clock: options.clock,
    close() {
      if (closed) return;
      closed = true;
      stopPrune();
      db.close();
    },
  };
}
