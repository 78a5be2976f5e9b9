// Webhook receiver for POST /lark/events. The SDK answers forged requests with an empty 200, so the
// signature (sha256 of timestamp + nonce + encrypt key + raw body) is checked here and forgeries get 401.
// url_verification is answered here too (the SDK's autoChallenge is off by default).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import { describeError, type OperatorLogger } from '../chat/log';

export const LARK_WEBHOOK_PATH = '/lark/events';
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  dispatcher: lark.EventDispatcher;
  encryptKey?: string;
  verificationToken?: string;
  logger: OperatorLogger;
  path?: string;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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

/** A node:http handler; resolves false when the request is not for the webhook path (so servers can share a port). */
export function createWebhookHandler(opts: WebhookOptions): NodeHandler {
  const path = opts.path ?? LARK_WEBHOOK_PATH;
  const cipher = opts.encryptKey ? new lark.AESCipher(opts.encryptKey) : undefined;
  const log = opts.logger;

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return false;
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method not allowed' });
      return true;
    }
    let raw: string;
    let body: Record<string, unknown>;
    try {
      raw = await readBody(req);
      body = JSON.parse(raw) as Record<string, unknown>;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch {
      send(res, 400, { error: 'bad request' });
      return true;
    }

    const timestamp = header(req, 'x-lark-request-timestamp');
    const nonce = header(req, 'x-lark-request-nonce');
    const signature = header(req, 'x-lark-signature');
    const signed = Boolean(timestamp && nonce && signature);
    const signatureOk =
      signed && opts.encryptKey
        ? // The platform signs the bytes it sent; the SDK checks the re-serialised body. Accept either.
          [raw, JSON.stringify(body)].some((b) =>
            safeEqual(computeSignature(timestamp ?? '', nonce ?? '', opts.encryptKey ?? '', b), signature ?? ''),
          )
        : undefined;
    if (signatureOk === false) {
      log.warn('lark.webhook_forged', { reason: 'bad_signature' });
      send(res, 401, { error: 'invalid signature' });
      return true;
    }

    let plain: Record<string, unknown> = body;
    if (typeof body.encrypt === 'string') {
      if (!cipher) {
        log.error('lark.webhook_encrypted_without_key', {});
        send(res, 400, { error: 'encrypted event but LARK_ENCRYPT_KEY is not set' });
        return true;
      }
      try {
        plain = JSON.parse(cipher.decrypt(body.encrypt)) as Record<string, unknown>;
      } catch {
        log.warn('lark.webhook_forged', { reason: 'undecryptable' });
        send(res, 401, { error: 'cannot decrypt' });
        return true;
      }
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
      log.error('lark.webhook_handler_failed', { error: describeError(e) });
      send(res, 500, { error: 'internal error' });
    }
    return true;
  };
}
