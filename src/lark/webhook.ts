// Webhook receiver for POST /lark/events. The SDK answers forged requests with an empty 200, so the
// signature (sha256 of timestamp + nonce + encrypt key + raw body) is checked here and forgeries get 401.
// url_verification is answered here too (the SDK's autoChallenge is off by default).
// Order matters (issue 13): size bound → signature over the raw bytes → timestamp freshness → depth bound → parse.
// Nothing recursive touches the body before the signature is checked, and every rejection is a logged 4xx.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import { describeError, type OperatorLogger } from '../chat/log';
import { isZhiyinError } from '../core/errors';
import { parseBoundedJson } from '../limits/json-depth';

export const LARK_WEBHOOK_PATH = '/lark/events';
/** Lark events are a few KB; 1 MB leaves room for large card payloads. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/** Freshness window for x-lark-request-timestamp (issue 13: reject events older than 5 minutes). */
export const DEFAULT_WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;

export interface WebhookOptions {
  dispatcher: lark.EventDispatcher;
  encryptKey?: string;
  verificationToken?: string;
  logger: OperatorLogger;
  path?: string;
  /** Largest accepted body in bytes (default 1 MB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Signed requests whose timestamp is further than this from now (either way) get 401. Default 5 min. */
  maxAgeMs?: number;
  /** Test hook for the freshness check: current time in ms. */
  now?: () => number;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

class BodyTooLarge extends Error {}

/**
 * Collect the body up to `limit` bytes. Beyond it chunks are discarded (memory stays bounded) and the promise
 * rejects with BodyTooLarge once the body ended: answering before that would reset the client's upload, and it
 * would see a broken connection instead of the 413. The server's requestTimeout bounds a body that never ends.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? '0') > limit ? limit + 1 : 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export function computeSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The platform signs the bytes it sent. The SDK's own check (and some captured fixtures) sign the compact
 * re-serialisation instead, which differs from the raw bytes only in whitespace: it is tried second, and only
 * on a body whose depth was bounded first, so a forged deep body is rejected without any recursion.
 */
function signatureMatches(timestamp: string, nonce: string, key: string, raw: string, signature: string): boolean {
  if (safeEqual(computeSignature(timestamp, nonce, key, raw), signature)) return true;
  const parsed = parseBoundedJson(raw);
  if (!parsed.ok) return false;
  return safeEqual(computeSignature(timestamp, nonce, key, JSON.stringify(parsed.value)), signature);
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Distance in ms between a signed timestamp (Unix seconds) and now; undefined when it is not a number of seconds. */
export function timestampSkewMs(timestamp: string, nowMs: number): number | undefined {
  if (!/^\d{1,12}$/.test(timestamp)) return undefined;
  return Math.abs(nowMs - Number(timestamp) * 1000);
}

/** A node:http handler; resolves false when the request is not for the webhook path (so servers can share a port). */
export function createWebhookHandler(opts: WebhookOptions): NodeHandler {
  const path = opts.path ?? LARK_WEBHOOK_PATH;
  const cipher = opts.encryptKey ? new lark.AESCipher(opts.encryptKey) : undefined;
  const log = opts.logger;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const maxAgeMs = opts.maxAgeMs ?? DEFAULT_WEBHOOK_MAX_AGE_MS;
  const now = opts.now ?? Date.now;

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return false;
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method not allowed' });
      return true;
    }
    const reject = (status: number, reason: string, error: string, extra: Record<string, unknown> = {}) => {
      log.warn('lark.webhook_rejected', { status, reason, ...extra });
      send(res, status, { error });
      return true;
    };
    let raw: string;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) return reject(413, 'too_large', 'body too large', { limit: maxBodyBytes });
      return reject(400, 'body_aborted', 'bad request');
    }

    // The signature covers the exact bytes the platform sent: check it before parsing anything.
    const timestamp = header(req, 'x-lark-request-timestamp');
    const nonce = header(req, 'x-lark-request-nonce');
    const signature = header(req, 'x-lark-signature');
    const signed = Boolean(timestamp && nonce && signature);
    if (signed && opts.encryptKey) {
      if (!signatureMatches(timestamp ?? '', nonce ?? '', opts.encryptKey, raw, signature ?? '')) {
        log.warn('lark.webhook_forged', { reason: 'bad_signature' });
        send(res, 401, { error: 'invalid signature' });
        return true;
      }
      // A valid signature on old bytes is a replay (or a badly wrong clock): the de-dup records alone would
      // forget it once they expire.
      const skew = timestampSkewMs(timestamp ?? '', now());
      if (skew === undefined || skew > maxAgeMs) {
        log.warn('lark.webhook_forged', {
          reason: 'stale_timestamp',
          ageSeconds: skew === undefined ? null : Math.round(skew / 1000),
          maxAgeSeconds: Math.round(maxAgeMs / 1000),
        });
        send(res, 401, { error: 'stale timestamp' });
        return true;
      }
    }

    const parsed = parseBoundedJson(raw);
    if (!parsed.ok) return reject(400, parsed.reason, 'bad request');
    const body = parsed.value as Record<string, unknown>;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reject(400, 'not_an_object', 'bad request');

    let plain: Record<string, unknown> = body;
    if (typeof body.encrypt === 'string') {
      if (!cipher) {
        log.error('lark.webhook_encrypted_without_key', {});
        send(res, 400, { error: 'encrypted event but LARK_ENCRYPT_KEY is not set' });
        return true;
      }
      let decrypted: ReturnType<typeof parseBoundedJson>;
      try {
        decrypted = parseBoundedJson(cipher.decrypt(body.encrypt));
      } catch {
        decrypted = { ok: false, reason: 'invalid_json' };
      }
      if (!decrypted.ok && decrypted.reason === 'too_deep') return reject(400, 'too_deep', 'bad request');
      const value = decrypted.ok ? decrypted.value : undefined;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        log.warn('lark.webhook_forged', { reason: 'undecryptable' });
        send(res, 401, { error: 'cannot decrypt' });
        return true;
      }
      plain = value as Record<string, unknown>;
    }

    const hdr = plain.header as Record<string, unknown> | undefined;
    const token = (hdr?.token ?? plain.token) as string | undefined;
    // The SDK never compares the verification token; a wrong one means the request is not from our app config.
    if (opts.verificationToken && token !== opts.verificationToken) {
      log.warn('lark.webhook_forged', { reason: 'bad_token' });
      send(res, 401, { error: 'invalid token' });
      return true;
    }

    if (plain.type === 'url_verification') {
      send(res, 200, { challenge: plain.challenge });
      return true;
    }
    // With an encrypt key configured, every event must be signed (challenges carry no side effects).
    if (opts.encryptKey && !signed) {
      log.warn('lark.webhook_forged', { reason: 'unsigned' });
      send(res, 401, { error: 'missing signature' });
      return true;
    }

    try {
      const data = Object.assign(Object.create({ headers: req.headers }) as object, body);
      const result: unknown = await opts.dispatcher.invoke(data, { needCheck: false });
      send(res, 200, result && typeof result === 'object' ? result : {});
    } catch (e) {
      // The event was not recorded as handled (de-dup marks it only once answered): 503 asks the platform to
      // re-deliver it later instead of presenting a transient failure as a server crash.
      const retryable = isZhiyinError(e) && e.retryable;
      log.error('lark.webhook_handler_failed', { error: describeError(e), retryable });
      send(res, 503, { error: 'temporarily unavailable' });
    }
    return true;
  };
}
