// Small helpers over node:http: JSON responses with coded errors, bounded body reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isZhiyinError, ZhiyinError, type ErrorCode } from '../core/errors';
import { userMessageFor } from './messages';
import { formatLimit } from './upload-check';
import { parseBoundedJson } from '../limits/json-depth';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export interface ApiErrorBody {
  error: { code: string; message: string; retryable: boolean };
}

export function errorBody(code: ErrorCode, message?: string, retryable = false): ApiErrorBody {
  return { error: { code, message: message ?? userMessageFor(code), retryable } };
}

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'E_FORBIDDEN':
      return 403;
    case 'E_TOO_LARGE':
      return 413;
    case 'E_UNSUPPORTED_FORMAT':
      return 415;
    case 'E_RATE_LIMITED':
      return 429;
    case 'E_INTERNAL':
    case 'E_INDEX_CORRUPT':
    case 'E_LLM_UNAVAILABLE':
    case 'E_LLM_TIMEOUT':
    case 'E_LLM_BAD_RESPONSE':
    case 'E_EMBEDDING_UNAVAILABLE':
    case 'E_EMBEDDING_DIMENSION':
      return 500;
    case 'E_INDEX_MISSING':
      return 503;
    default:
      return 400;
  }
}

/** Send any thrown value as a coded JSON error; never leaks a stack trace to the page. */
export function sendError(res: ServerResponse, e: unknown): void {
  const err = isZhiyinError(e) ? e : new ZhiyinError('E_INTERNAL', String(e), { cause: e });
  if (err.code === 'E_INTERNAL')
    console.error(JSON.stringify({ level: 'error', msg: 'web request failed', err: String(e) }));
  // Every rejected request leaves an operator line (issue 13: "always a logged rejection").
  else console.warn(JSON.stringify({ level: 'warn', msg: 'web request rejected', code: err.code, err: err.message }));
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, statusFor(err.code), errorBody(err.code, err.userMessage, err.retryable));
}

/** Read the request body, failing with E_TOO_LARGE as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(parts));
    });
    req.on('error', (e) => {
      if (!failed) reject(new ZhiyinError('E_BAD_REQUEST', 'request body aborted', { cause: e }));
    });
  });
}

function tooLarge(limit: number): ZhiyinError {
  return new ZhiyinError('E_TOO_LARGE', `body exceeds ${limit} bytes`, {
    userMessage: `文件太大：上限为 ${formatLimit(limit)}。`,
  });
}

export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const body = await readBody(req, limit);
  // Depth is bounded so nothing recursive downstream (logging, zod) can overflow the stack on hostile input.
  const parsed = parseBoundedJson(body.toString('utf8'));
  if (!parsed.ok) {
    throw new ZhiyinError('E_BAD_REQUEST', `JSON body rejected: ${parsed.reason}`, { userMessage: '请求格式不正确。' });
  }
  return parsed.value;
}
