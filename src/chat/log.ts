// Structured operator log: one JSON object per line on stderr. Secrets never reach it: fields whose name looks
// like a credential are redacted, and errors are reduced to name/code/message (no request configs).
import { isZhiyinError } from '../core/errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface OperatorLogger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|token|password|passwd|authorization|api_?key|encrypt_?key|cookie/i;
/** Values that look like credentials even under an innocent key (bearer tokens, Feishu t-/u- tokens). */
const MAX_STRING = 2000;
const SECRET_VALUE = /\b(Bearer\s+\S+|[tu]-[A-Za-z0-9_.-]{16,})/g;

/** Reduce an error to what an operator needs; never the axios config (it carries app_secret and tokens). */
export function describeError(e: unknown): LogFields {
  if (isZhiyinError(e)) {
    const cause = e.cause === undefined ? undefined : describeError(e.cause);
    return { name: e.name, code: e.code, message: e.message, retryable: e.retryable, ...(cause ? { cause } : {}) };
  }
  if (e instanceof Error) {
    const status = (e as { response?: { status?: unknown } }).response?.status;
    return { name: e.name, message: e.message, ...(typeof status === 'number' ? { status } : {}) };
  }
  return { message: String(e) };
}

function sanitize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return describeError(value);
  if (typeof value === 'string') {
    // SDK error dumps can carry whole cards (up to 30 KB): keep log lines readable.
    const clean = value.replace(SECRET_VALUE, '[redacted]');
    return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}…(${clean.length} chars)` : clean;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => sanitize(v, depth + 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : sanitize(v, depth + 1);
  return out;
}

export function createJsonLogger(
  options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {},
): OperatorLogger {
  return lineLogger(options, (ts, level, event, fields) =>
    JSON.stringify({ ts: ts.toISOString(), level, event, ...fields }),
  );
}

/** The level filter, redaction and writer shared by both formats; `render` turns one event into one line. */
function lineLogger(
  options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date },
  render: (ts: Date, level: LogLevel, event: string, fields: LogFields) => string,
): OperatorLogger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (ORDER[level] < min) return;
      write(render(now(), level, event, sanitize(fields) as LogFields));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (library default when the caller passes none). */
export const silentLogger: OperatorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** How operator log lines look: JSON objects (machines, files) or readable text (a terminal). */
export type LogFormat = 'auto' | 'json' | 'text';

/** One readable line: "12:00:01 warn  lark.retry attempt=2 error={…}" (local time, fields as key=value). */
export function formatTextLine(ts: Date, level: LogLevel, event: string, fields: LogFields): string {
  const time = ts.toTimeString().slice(0, 8);
  const parts = Object.entries(fields).map(([k, v]) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : s}`;
  });
  return [time, level.padEnd(5), event, ...parts].join(' ');
}

/**
 * The operator logger for a format: `auto` is text when `isTTY` (default: stderr is a terminal), JSON lines
 * otherwise, so `npm start` in a terminal is readable and a service manager or pipe still gets JSON.
 * Redaction (secrets, long strings) is the same in both formats.
 */
export function createOperatorLogger(
  options: {
    level?: LogLevel;
    format?: LogFormat;
    isTTY?: boolean;
    write?: (line: string) => void;
    now?: () => Date;
  } = {},
): OperatorLogger {
  const tty = options.isTTY ?? Boolean(process.stderr.isTTY);
  const format = options.format === 'auto' || !options.format ? (tty ? 'text' : 'json') : options.format;
  if (format === 'json') return createJsonLogger(options);
  return lineLogger(options, formatTextLine);
}
