// The only place that reads process.env (and ./.env). Every option is documented where it is declared;
// the README configuration table mirrors this file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ZhiyinError } from './core/errors';

const optionalUrl = z
  .string()
  .trim()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const intFrom = (def: number) => z.coerce.number().int().positive().default(def);

const EnvSchema = z.object({
  /** Corpus directories, separated by the platform path delimiter (':' on Linux). Default ./corpus */
  ZHIYIN_CORPUS: z.string().default('corpus'),
  /** Index directory (chunks, manifest, BM25, vectors). Default ./data/index */
  ZHIYIN_INDEX: z.string().default(path.join('data', 'index')),
  /** Directory for runtime state: conversations, feedback, event de-duplication. Default ./data/state */
  ZHIYIN_STATE: z.string().default(path.join('data', 'state')),
  /** OpenAI-compatible embeddings endpoint base URL (e.g. https://api.openai.com/v1). Unset: local LSA vectors. */
  EMBEDDING_BASE_URL: optionalUrl,
  /** Embedding model name, required together with EMBEDDING_BASE_URL. */
  EMBEDDING_MODEL: optionalString,
  /** API key for the embeddings endpoint (optional for local servers). */
  EMBEDDING_API_KEY: optionalString,
  /** OpenAI-compatible chat endpoint base URL. With LLM_API_KEY and LLM_MODEL set, answers use the LLM. */
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  /** Per-request LLM timeout in milliseconds. */
  LLM_TIMEOUT_MS: intFrom(30_000),
  /** Retries on 429/5xx for LLM calls. */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).default(2),
  /** Feishu/Lark app credentials. With both set, `npm start` runs the bot; otherwise the local web chat. */
  LARK_APP_ID: optionalString,
  LARK_APP_SECRET: optionalString,
  /** Base URL of the open platform. Default Feishu; https://open.larksuite.com for Lark. */
  LARK_DOMAIN: z.string().trim().url().default('https://open.feishu.cn'),
  /** Receiving mode: ws (long connection, default) or webhook (HTTP on PORT at /lark/events). */
  LARK_MODE: z.enum(['ws', 'webhook']).default('ws'),
  /** Event encryption key configured in the developer console (webhook mode). */
  LARK_ENCRYPT_KEY: optionalString,
  /** Verification token configured in the developer console (webhook mode). */
  LARK_VERIFICATION_TOKEN: optionalString,
  /** Port of the web chat and the Lark webhook. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address the web server binds. Anything but loopback requires ZHIYIN_ACCESS_TOKEN. */
  HOST: z.string().default('127.0.0.1'),
  /** Access token for the web chat/console when bound beyond loopback. */
  ZHIYIN_ACCESS_TOKEN: optionalString,
  /** Onboarding daily push: local time HH:MM at which opted-in Lark users get the day's lesson. */
  ONBOARD_PUSH_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)')
    .default('09:00'),
  /** Onboarding daily push: IANA time zone of ONBOARD_PUSH_TIME and of the working-day calendar. */
  ONBOARD_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone')
    .default('Asia/Shanghai'),
  /** Limits (issue 13, docs/lark.md "Limits"). Signed webhook events older or newer than this are rejected (s). */
  LARK_WEBHOOK_MAX_AGE_S: intFrom(300),
  /** How long handled event ids are remembered for de-duplication (hours); must exceed the freshness window. */
  ZHIYIN_DEDUPE_HOURS: intFrom(168),
  /** Questions one user may ask per minute (all transports); more get 「请求太频繁」. */
  ZHIYIN_MAX_QUESTIONS_PER_MINUTE: intFrom(20),
  /** Longest accepted question in characters. */
  ZHIYIN_MAX_QUESTION_CHARS: intFrom(2000),
  /** LLM calls running at once; further calls wait in a queue. */
  LLM_MAX_CONCURRENT: intFrom(4),
  /** Calls allowed to wait for a free LLM slot; beyond it the answer falls back to extractive at once. */
  LLM_MAX_QUEUE: z.coerce.number().int().min(0).default(50),
  /** One deadline for all LLM calls of an answer, retries and queueing included (ms); then extractive. */
  LLM_DEADLINE_MS: intFrom(15_000),
  /** Operator log level: debug, info, warn, error. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // Access control (issue 16, docs/access.md).
  /** Visibility of documents without access metadata: public, internal or restricted. */
  ZHIYIN_DEFAULT_VISIBILITY: z.enum(['public', 'internal', 'restricted']).default('public'),
  /** YAML file of web users (token → identity, roles, admin) and Lark roles. Unset: no per-user web identities. */
  ZHIYIN_USERS_FILE: optionalString,
  /** Days the audit trail keeps its rows; older rows are removed at start and daily. */
  ZHIYIN_AUDIT_RETENTION_DAYS: intFrom(180),
  /** Set to 1 to run the Lark webhook without LARK_ENCRYPT_KEY or LARK_VERIFICATION_TOKEN (unsigned events). */
  LARK_ALLOW_INSECURE_WEBHOOK: z.enum(['0', '1', 'true', 'false', '']).default('0'),
  /** Operator log format: auto (readable lines when stderr is a terminal, else JSON lines), json, or text. */
  LOG_FORMAT: z.enum(['auto', 'json', 'text']).default('auto'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  corpusDirs: string[];
  indexDir: string;
  stateDir: string;
  embedding?: { baseURL: string; model: string; apiKey?: string };
  llm?: {
    baseURL: string;
    apiKey: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    /** Whole-answer deadline across retries and queueing (ms). */
    deadlineMs: number;
    maxConcurrent: number;
    maxQueue: number;
  };
  lark?: {
    appId: string;
    appSecret: string;
    domain: string;
    mode: 'ws' | 'webhook';
    encryptKey?: string;
    verificationToken?: string;
    /** Freshness window for signed webhook timestamps (ms). */
    webhookMaxAgeMs: number;
    /** LARK_ALLOW_INSECURE_WEBHOOK: accept unsigned webhook events (tests only; `zhiyin start` refuses otherwise). */
    allowInsecureWebhook?: boolean;
  };
  /** Transport-independent limits (src/limits). */
  limits: { dedupeWindowMs: number; questionsPerMinute: number; maxQuestionChars: number };
  port: number;
  host: string;
  accessToken?: string;
  logLevel: Env['LOG_LEVEL'];
  /** Onboarding daily push (issue 17). */
  onboard: { pushTime: string; timeZone: string };
  /** Visibility of documents without access metadata. */
  defaultVisibility: Env['ZHIYIN_DEFAULT_VISIBILITY'];
  /** Absolute path of the users file (web tokens, roles, administrators), when set. */
  usersFile?: string;
  auditRetentionDays: number;
  logFormat: Env['LOG_FORMAT'];
}

/** Parse KEY=VALUE lines of a .env file; process.env wins over the file. */
function readDotEnv(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || !m[1]) continue;
    out[m[1]] = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const merged = env === process.env ? { ...readDotEnv(path.join(cwd, '.env')), ...env } : env;
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ZhiyinError('E_CONFIG', `Invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  const resolve = (p: string) => path.resolve(cwd, p);

  if (e.EMBEDDING_BASE_URL && !e.EMBEDDING_MODEL) {
    throw new ZhiyinError('E_CONFIG', 'EMBEDDING_BASE_URL is set but EMBEDDING_MODEL is not: set both or neither.');
  }
  const llmParts = [e.LLM_BASE_URL, e.LLM_API_KEY, e.LLM_MODEL].filter(Boolean).length;
  if (llmParts > 0 && llmParts < 3) {
    throw new ZhiyinError('E_CONFIG', 'LLM mode needs LLM_BASE_URL, LLM_API_KEY and LLM_MODEL together.');
  }
  if (Boolean(e.LARK_APP_ID) !== Boolean(e.LARK_APP_SECRET)) {
    throw new ZhiyinError('E_CONFIG', 'Set both LARK_APP_ID and LARK_APP_SECRET, or neither.');
  }
  // A replay must meet a remembered event id until its timestamp is stale, whatever the clocks do.
  if (e.ZHIYIN_DEDUPE_HOURS * 3600 <= e.LARK_WEBHOOK_MAX_AGE_S) {
    throw new ZhiyinError('E_CONFIG', 'ZHIYIN_DEDUPE_HOURS must be longer than LARK_WEBHOOK_MAX_AGE_S.');
  }
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(e.HOST);
  if (!loopback && !e.ZHIYIN_ACCESS_TOKEN && !e.ZHIYIN_USERS_FILE) {
    throw new ZhiyinError(
      'E_CONFIG',
      `HOST=${e.HOST} exposes the server beyond loopback: set ZHIYIN_ACCESS_TOKEN or ZHIYIN_USERS_FILE.`,
    );
  }

  return {
    corpusDirs: e.ZHIYIN_CORPUS.split(path.delimiter).filter(Boolean).map(resolve),
    indexDir: resolve(e.ZHIYIN_INDEX),
    stateDir: resolve(e.ZHIYIN_STATE),
    embedding:
      e.EMBEDDING_BASE_URL && e.EMBEDDING_MODEL
        ? { baseURL: e.EMBEDDING_BASE_URL, model: e.EMBEDDING_MODEL, apiKey: e.EMBEDDING_API_KEY }
        : undefined,
    llm:
      e.LLM_BASE_URL && e.LLM_API_KEY && e.LLM_MODEL
        ? {
            baseURL: e.LLM_BASE_URL,
            apiKey: e.LLM_API_KEY,
            model: e.LLM_MODEL,
            timeoutMs: e.LLM_TIMEOUT_MS,
            maxRetries: e.LLM_MAX_RETRIES,
            deadlineMs: e.LLM_DEADLINE_MS,
            maxConcurrent: e.LLM_MAX_CONCURRENT,
            maxQueue: e.LLM_MAX_QUEUE,
          }
        : undefined,
    lark:
      e.LARK_APP_ID && e.LARK_APP_SECRET
        ? {
            appId: e.LARK_APP_ID,
            appSecret: e.LARK_APP_SECRET,
            domain: e.LARK_DOMAIN,
            mode: e.LARK_MODE,
            encryptKey: e.LARK_ENCRYPT_KEY,
            verificationToken: e.LARK_VERIFICATION_TOKEN,
            webhookMaxAgeMs: e.LARK_WEBHOOK_MAX_AGE_S * 1000,
            allowInsecureWebhook: e.LARK_ALLOW_INSECURE_WEBHOOK === '1' || e.LARK_ALLOW_INSECURE_WEBHOOK === 'true',
          }
        : undefined,
    limits: {
      dedupeWindowMs: e.ZHIYIN_DEDUPE_HOURS * 3600 * 1000,
      questionsPerMinute: e.ZHIYIN_MAX_QUESTIONS_PER_MINUTE,
      maxQuestionChars: e.ZHIYIN_MAX_QUESTION_CHARS,
    },
    port: e.PORT,
    host: e.HOST,
    accessToken: e.ZHIYIN_ACCESS_TOKEN,
    logLevel: e.LOG_LEVEL,
    onboard: { pushTime: e.ONBOARD_PUSH_TIME, timeZone: e.ONBOARD_TIMEZONE },
    defaultVisibility: e.ZHIYIN_DEFAULT_VISIBILITY,
    usersFile: e.ZHIYIN_USERS_FILE ? resolve(e.ZHIYIN_USERS_FILE) : undefined,
    auditRetentionDays: e.ZHIYIN_AUDIT_RETENTION_DAYS,
    logFormat: e.LOG_FORMAT,
  };
}
