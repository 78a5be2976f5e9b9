// Interfaces between pipeline stages. Backends are chosen by config and injected (constructor injection).
import type { Answer, ChatTurn, Chunk, Hit } from './types';
import type { Viewer } from './access';

/** Persistent store of chunks, keyed by corpus-relative file. Implemented in src/store. */
export interface ChunkStore {
  all(): Chunk[];
  byFile(corpusDir: string, file: string): Chunk[];
  byId(id: string): Chunk | undefined;
  /** Atomically replace all chunks of one file. */
  replaceFile(corpusDir: string, file: string, chunks: Chunk[]): void;
  removeFile(corpusDir: string, file: string): void;
}

/** Turns texts into dense vectors. */
export interface Embedder {
  readonly id: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Context carried from earlier turns of a conversation into retrieval (follow-ups). */
export interface RetrievalContext {
  /** Files the previous answer cited, to prefer them on a follow-up. */
  previousFiles?: string[];
  /** Key terms of the previous question(s). */
  previousTerms?: string[];
}

export interface SearchOptions {
  k?: number;
  context?: RetrievalContext;
  /** Who asks; the access filter drops documents they may not see before ranking. Absent = anonymous outsider. */
  viewer?: Viewer;
  /** Told how many matching documents the access filter removed (for the audit trail). */
  onFiltered?: (documents: number) => void;
}

export interface Retriever {
  search(query: string, options?: SearchOptions): Promise<Hit[]>;
}

export interface ChatCompletionOptions {
  signal?: AbortSignal;
  temperature?: number;
  maxTokens?: number;
}

/** An OpenAI-compatible chat model (or a fake in tests). */
export interface ChatModel {
  readonly id: string;
  complete(messages: ChatTurn[], options?: ChatCompletionOptions): Promise<string>;
  stream(messages: ChatTurn[], options?: ChatCompletionOptions): AsyncIterable<string>;
}

export interface AnswerOptions {
  /** Earlier turns of the conversation, oldest first. */
  history?: ChatTurn[];
  context?: RetrievalContext;
  /** Called with each new piece of text while an LLM streams. */
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  /** Who asks (see SearchOptions.viewer). */
  viewer?: Viewer;
  /** See SearchOptions.onFiltered. */
  onFiltered?: (documents: number) => void;
}

export interface Answerer {
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
}
