// What the web server needs from the rest of zhiyin. Function-typed members so tests can pass hand-written
// fakes and open.ts can wire the real modules (chat core, answerer/engine, ingest, eval reports).
import type { FeedbackEntry, FeedbackRating, ProcessMessage } from '../core/chat';
import type { OnboardWebDeps } from './onboard-routes';
import type { Viewer } from '../core/access';
import type { AuditQuery, AuditRow } from '../store/audit-store';

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
  /** Access (issue 16): visibility and, when metadata could not be read, why the document is hidden. */
  visibility?: string;
  hiddenReason?: string;
  /** Provenance: shipped corpus / admin upload / user upload, who and when. */
  provenance?: { kind: string; by?: string; at?: string };
}

/** Who is making a console request (src/web/auth.ts WebIdentity). */
export interface WebRequester {
  userId: string;
  viewer?: Viewer;
  admin: boolean;
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

/** Outcome of a console delete: the file moved to the trash and the index generation without it. */
export interface DeleteResult {
  ok: boolean;
  file: string;
  /** Where the file was moved (recoverable), relative names are not used: absolute path. */
  trashedTo?: string;
  documents?: number;
  chunks?: number;
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
  /** Status for `who`: non-administrators see only the documents they may see and no file errors. */
  status(who?: WebRequester): KbStatus | Promise<KbStatus>;
  /** Store and index one uploaded file; name and bytes were already checked by the server. */
  upload(fileName: string, bytes: Buffer, who?: WebRequester): Promise<UploadResult>;
  /** Delete one corpus document (moved to the trash, removed from the index); absent in read-only setups. */
  deleteDocument?(file: string, by: string): Promise<DeleteResult>;
  /** 查看原文 for `viewer`: undefined for unknown chunks and for documents the viewer may not see. */
  lookupChunk(id: string, viewer?: Viewer): ArticleView | undefined | Promise<ArticleView | undefined>;
  /** Audit trail rows (administrators only; the server checks). Absent: no audit trail wired. */
  audit?(query: AuditQuery): AuditRow[];
  /** Absolute path of the latest eval report.html, or undefined when no report exists yet. */
  latestReportPath(): string | undefined;
  /** Onboarding supervisor console (issue 17); absent = the routes answer 404. */
  onboard?: OnboardWebDeps;
  /** Example questions checked answerable on the loaded corpus (src/examples); absent = none. */
  examples?(): readonly string[];
}
