// The transport-free conversation core: every receiver normalises its input into an IncomingMessage and calls
// the processMessage built here. Commands, the question path and error mapping live in this one function.
import type { Clock, FeedbackStore, IncomingMessage, ProcessMessage, Reply, SourceInfo } from '../core/chat';
import { ZhiyinError } from '../core/errors';
import { contextFromAnswer } from '../answer/context';
import type { Answerer, RetrievalContext } from '../core/interfaces';
import type { Answer } from '../core/types';
import type { Viewer } from '../core/access';
import { turnsToHistory, type ConversationStore } from '../store/conversation-store';
import { defaultCommands, findCommand, helpText, implicitCommand, parseCommand, type ChatCommand } from './commands';
import { describeError, silentLogger, type OperatorLogger } from './log';
import { renderAnswerText } from './render';
import { errorCodeOf, userMessageFor } from './user-errors';
import type { AuditStore } from '../store/audit-store';
import { auditRowOf } from '../access/audit-row';

export interface ChatLimits {
  /** Longest accepted question, in characters. */
  maxQuestionChars: number;
  /** Earlier question/answer pairs passed as history. */
  historyTurns: number;
}

const GREETING =
  /^(你好|您好|你们好|大家好|hi|hello|hey|在吗|在么|在不在|哈喽|嗨|早上好|下午好|晚上好|谢谢|多谢|感谢)[呀啊哈~～!！。.,，\s]*$/i;

export const DEFAULT_LIMITS: ChatLimits = { maxQuestionChars: 2000, historyTurns: 3 };

export type MessageInterceptor = (message: IncomingMessage) => Reply | undefined | Promise<Reply | undefined>;

export interface ChatDeps {
  answerer: Answerer;
  sessions: ConversationStore;
  feedback: FeedbackStore;
  /** Documents listed by /sources, for the asking viewer (see CommandContext.sources). */
  sources: (viewer?: Viewer) => SourceInfo[];
  clock?: Clock;
  logger?: OperatorLogger;
  limits?: Partial<ChatLimits>;
  /** The command table; defaults to /help, /sources, /new. */
  commands?: readonly ChatCommand[];
  /** Answer a bare greeting ("你好", "在吗") with the usage instead of searching. Default true. */
  greetings?: boolean;
  /**
   * Claims a non-command message before it is treated as a question (e.g. 「A」 answering an onboarding quiz);
   * returns undefined to let it through.
   */
  interceptors?: readonly MessageInterceptor[];
  /** The audit trail: one row per answer (who, chat, documents retrieved and cited, how many filtered). */
  audit?: AuditStore;
  /** Example questions of the loaded corpus for /help and greetings (src/examples). Default: none. */
  examples?: () => readonly string[];
  /** Derives the follow-up retrieval context from an answer (the answer module's contextFromAnswer). */
  contextFromAnswer?: (question: string, answer: Answer, asked?: RetrievalContext) => RetrievalContext;
}

export function createProcessMessage(deps: ChatDeps): ProcessMessage {
  const limits: ChatLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const commands = deps.commands ?? defaultCommands();
  const log = deps.logger ?? silentLogger;
  const now = () => (deps.clock ? deps.clock.now() : new Date());
  const deriveContext = deps.contextFromAnswer ?? contextFromAnswer;
  const examples = (): readonly string[] => deps.examples?.() ?? [];

  const fail = (message: IncomingMessage, e: unknown, started: number): Reply => {
    const code = errorCodeOf(e);
    const level = code === 'E_INTERNAL' ? 'error' : 'warn';
    log[level]('chat.error', {
      transport: message.transport,
      messageId: message.messageId,
      conversationId: message.conversationId,
      ms: now().getTime() - started,
      error: describeError(e),
      ...(code === 'E_INTERNAL' && e instanceof Error ? { stack: e.stack } : {}),
    });
    return {
      kind: 'error',
      errorCode: code,
      text: userMessageFor(e, { max: limits.maxQuestionChars }),
    };
  };

  return async (message, hooks) => {
    const started = now().getTime();
    try {
      const text = (message.text ?? '').trim();
      if (!text) throw new ZhiyinError('E_EMPTY_QUESTION', 'Empty message');

      const cmd = parseCommand(text) ?? implicitCommand(commands, text, { message, sessions: deps.sessions });
      if (cmd) {
        const command = findCommand(commands, cmd.name);
        log.info('chat.command', {
          transport: message.transport,
          messageId: message.messageId,
          command: command?.name ?? 'unknown',
        });
        if (!command) return { kind: 'help', text: helpText(commands, `没有 /${cmd.name} 这个命令。`, examples()) };
        return await command.run({
          message,
          args: cmd.args,
          hooks,
          sessions: deps.sessions,
          sources: deps.sources,
          commands,
          now,
          examples,
        });
      }

      for (const intercept of deps.interceptors ?? []) {
        const claimed = await intercept(message);
        if (claimed) return claimed;
      }

      // A bare greeting is not a question: searching the statutes for "你好" only produces a refusal.
      if (deps.greetings !== false && GREETING.test(text))
        return { kind: 'help', text: helpText(commands, '您好！', examples()) };

      if ([...text].length > limits.maxQuestionChars) {
        throw new ZhiyinError('E_MESSAGE_TOO_LONG', `Question of ${[...text].length} chars exceeds the limit`);
      }

      const previous = deps.sessions.recent(message.conversationId, limits.historyTurns);
      const asked = deps.sessions.lastContext(message.conversationId);
      let filtered = 0;
      const answer = await deps.answerer.answer(text, {
        history: turnsToHistory(previous),
        context: asked,
        onToken: hooks?.onToken,
        signal: hooks?.signal,
        viewer: message.viewer,
        onFiltered: (n) => (filtered = n),
      });
      deps.sessions.append({
        transport: message.transport,
        conversationId: message.conversationId,
        userId: message.userId,
        messageId: message.messageId,
        at: now().toISOString(),
        question: text,
        answer: answer.answer,
        refused: answer.refused,
        citations: answer.citations,
        context: deriveContext(text, answer, asked),
      });
      deps.audit?.record(auditRowOf(message, answer, filtered));
      log.info('chat.answer', {
        transport: message.transport,
        messageId: message.messageId,
        conversationId: message.conversationId,
        questionChars: [...text].length,
        historyTurns: previous.length,
        refused: answer.refused,
        citations: answer.citations.length,
        mode: answer.mode,
        ms: now().getTime() - started,
      });
      return { kind: 'answer', text: renderAnswerText(answer), answer };
    } catch (e) {
      return fail(message, e, started);
    }
  };
}
