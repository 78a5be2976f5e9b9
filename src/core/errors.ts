// Errors carry a code and whether a retry makes sense; one place (src/chat) decides what the user sees.

export type ErrorCode =
  // ingest
  | 'E_CORRUPT_FILE'
  | 'E_NO_TEXT_LAYER'
  | 'E_EMPTY_FILE'
  | 'E_UNSUPPORTED_FORMAT'
  | 'E_UNREADABLE'
  | 'E_ENCODING'
  | 'E_TOO_LARGE'
  | 'E_ENCRYPTED'
  | 'E_PARSE_TIMEOUT'
  | 'E_PARSE_CRASHED'
  // config / index
  | 'E_CONFIG'
  | 'E_INDEX_MISSING'
  | 'E_INDEX_CORRUPT'
  // remote services
  | 'E_LLM_UNAVAILABLE'
  | 'E_LLM_TIMEOUT'
  | 'E_LLM_BAD_RESPONSE'
  | 'E_EMBEDDING_UNAVAILABLE'
  | 'E_EMBEDDING_DIMENSION'
  | 'E_LARK_API'
  | 'E_RATE_LIMITED'
  // user input
  | 'E_EMPTY_QUESTION'
  | 'E_MESSAGE_TOO_LONG'
  | 'E_UNKNOWN_COMMAND'
  | 'E_BAD_REQUEST'
  | 'E_FORBIDDEN'
  | 'E_INTERNAL';

export interface ZhiyinErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /** Message for end users, in Chinese. Defaults to a generic one chosen by code. */
  userMessage?: string;
}

export class ZhiyinError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly userMessage?: string;

  constructor(code: ErrorCode, message: string, options: ZhiyinErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZhiyinError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userMessage = options.userMessage;
  }
}

export function isZhiyinError(e: unknown): e is ZhiyinError {
  return e instanceof ZhiyinError;
}
