// Transport-free chat types: every receiver (Lark WS, Lark HTTP, web chat, CLI) normalises its input
// into an IncomingMessage and calls the same processMessage.
import type { Answer } from './types';
import type { Viewer } from './access';
import type { AnswerView, OnboardView } from './onboard';

export type TransportName = 'lark' | 'web' | 'cli';

export interface IncomingMessage {
  transport: TransportName;
  /** Stable id of the conversation (Lark chat id + thread, web session id, ...). */
  conversationId: string;
  userId: string;
  /** Platform message id (for de-duplication and replies). */
  messageId: string;
  /** Plain text with any @bot mention already stripped. */
  text: string;
  chatType?: 'p2p' | 'group';
  /** Identity for access control, set by the transport from trusted data (token, signed event), never the body. */
  viewer?: Viewer;
}

export type ReplyKind = 'answer' | 'help' | 'sources' | 'reset' | 'error' | 'unsupported' | 'text';

export interface Reply {
  kind: ReplyKind;
  /** Plain text rendering (Chinese), usable by any transport. */
  text: string;
  /** Present when kind === 'answer'. */
  answer?: Answer;
  /** Error code when kind === 'error'. */
  errorCode?: string;
  /** Files to deliver with the reply (e.g. a drafted .docx); transports send them after the text. */
  files?: ReplyFile[];
  /** Onboarding lesson/question/answer, for transports that render it as a card with buttons (issue 17). */
  onboard?: { view?: OnboardView; answer?: AnswerView };
}

export interface ReplyFile {
  /** File name shown to the user, with extension (e.g. "关于开展安全检查的通知.docx"). */
  name: string;
  content: Uint8Array;
  mimeType?: string;
}

export interface ProcessHooks {
  /** Streaming: called with each new piece of answer text (LLM mode). */
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
}

export type ProcessMessage = (message: IncomingMessage, hooks?: ProcessHooks) => Promise<Reply>;

export type FeedbackRating = 'up' | 'down';

export interface FeedbackEntry {
  id: string;
  at: string;
  transport: TransportName;
  userId: string;
  conversationId: string;
  messageId: string;
  question: string;
  answer: string;
  rating: FeedbackRating;
  /** Citations of the rated answer, as 《title》第N条 strings. */
  citations: string[];
  comment?: string;
}

export interface FeedbackStore {
  add(entry: Omit<FeedbackEntry, 'id' | 'at'>): FeedbackEntry;
  list(limit?: number): FeedbackEntry[];
}

/** Test hooks for the clock and ids so tests are deterministic. */
export interface Clock {
  now(): Date;
}
export interface IdSource {
  next(): string;
}

/** One document of the knowledge base, as listed by /sources. */
export interface SourceInfo {
  title: string;
  /** Path relative to its corpus directory. */
  file: string;
  /** Number of chunks (articles) indexed from the file. */
  chunks: number;
}
