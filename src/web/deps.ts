// What the web server needs from the rest of zhiyin. Function-typed members so tests can pass hand-written
// fakes and open.ts can wire the real modules (chat core, answerer/engine, ingest, eval reports).
import type { FeedbackEntry, FeedbackRating, ProcessMessage } from '../core/chat';

export interface WebFeedbackInput {
  userId: string;
  conversationId: string;
  /** The messageId the web page sent with the rated question. */
  messageId: string;
  rating: FeedbackRating;
  comment?: string;
}

export interface FileError {
  file: string;
  code: string;
  message: string;
}

export interface KbDocument {
  title: string;
  file: string;
  chunks: number;
  versionDate?: string;
}

export interface KbStatus {
  corpusDirs: string[];
  indexDir: string;
  documents: number;
  chunks: number;
  /** ISO time of the last ingest, when known. */
  lastIngestAt?: string;
  /** Per-file errors remembered by the last ingest. */
  errors: FileError[];
  /** 'extractive' (offline default) or 'llm'. */
  answerMode: 'extractive' | 'llm';
  documentList?: KbDocument[];
}

export interface UploadResult {
  ok: boolean;
  /** Corpus-relative path the file was stored under (kept only when ok). */
  file: string;
  documents?: number;
  chunks?: number;
  /** Chunks the uploaded file produced. */
  fileChunks?: number;
  errors: FileError[];
}

/** The full text of an article (all parts of a split article), for 查看原文. */
export interface ArticleView {
  chunkId: string;
  title: string;
  article: string;
  file: string;
  headingPath: string[];
  text: string;
}

export interface WebDeps {
  processMessage: ProcessMessage;
  recordFeedback(input: WebFeedbackInput): FeedbackEntry | undefined | Promise<FeedbackEntry | undefined>;
  listFeedback(limit: number): FeedbackEntry[] | Promise<FeedbackEntry[]>;
  status(): KbStatus | Promise<KbStatus>;
  /** Store and index one uploaded file; name and bytes were already checked by the server. */
  upload(fileName: string, bytes: Buffer): Promise<UploadResult>;
  lookupChunk(id: string): ArticleView | undefined | Promise<ArticleView | undefined>;
  /** Absolute path of the latest eval report.html, or undefined when no report exists yet. */
  latestReportPath(): string | undefined;
  /** Example questions checked answerable on the loaded corpus (src/examples); absent = none. */
  examples?(): readonly string[];
}
