// Wires the conversation core to the SQLite state in config.stateDir. The lead (npm start), the web chat and
// the Lark bot all call openChat and share what it returns.
import type { Config } from '../config';
import type { Clock, FeedbackStore, IdSource, ProcessMessage, SourceInfo } from '../core/chat';
import type { Answerer } from '../core/interfaces';
import { createConversationStore, type ConversationStore } from '../store/conversation-store';
import { createDedupeStore, type DedupeStore } from '../store/dedupe-store';
import { createFeedbackStore } from '../store/feedback-store';
import { openStateDb } from '../store/state-db';
import type { ChatCommand } from './commands';
import { createRecordFeedback, type RecordFeedback } from './feedback';
import { createOperatorLogger, type OperatorLogger } from './log';
import { createProcessMessage, type ChatDeps } from './process';
import { readExamples } from '../examples/store';

export interface OpenChatOptions {
  clock?: Clock;
  ids?: IdSource;
  logger?: OperatorLogger;
  commands?: readonly ChatCommand[];
  limits?: ChatDeps['limits'];
  contextFromAnswer?: ChatDeps['contextFromAnswer'];
  greetings?: boolean;
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
  logger: OperatorLogger;
  clock?: Clock;
  close(): void;
}

export function openChat(
  config: Config,
  answerer: Answerer,
  sources: () => SourceInfo[],
  options: OpenChatOptions = {},
): OpenedChat {
  const db = openStateDb(config.stateDir);
  const logger = options.logger ?? createOperatorLogger({ level: config.logLevel, format: config.logFormat });
  const sessions = createConversationStore(db);
  const feedback = createFeedbackStore(db, { clock: options.clock, ids: options.ids });
  const dedupe = createDedupeStore(db, { clock: options.clock });
  dedupe.prune();
  const now = options.clock ? options.clock.now() : new Date();
  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 24 * 3600 * 1000;
  const pruned = sessions.prune(new Date(now.getTime() - retentionMs).toISOString());
  if (pruned > 0) logger.info('chat.pruned_turns', { turns: pruned });
  const processMessage = createProcessMessage({
    answerer,
    sessions,
    feedback,
    sources,
    clock: options.clock,
    logger,
    commands: options.commands,
    limits: options.limits,
    contextFromAnswer: options.contextFromAnswer,
    greetings: options.greetings,
    examples: options.examples ?? (() => readExamples(config.indexDir)),
  });
  let closed = false;
  return {
    processMessage,
    feedback,
    recordFeedback: createRecordFeedback({ sessions, feedback, logger }),
    sessions,
    dedupe,
    logger,
    clock: options.clock,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
