// Builds events the way the open platform sends them in webhook mode: AES-256-CBC encrypted with the encrypt
// key, signed with sha256(timestamp + nonce + key + raw body). Our own invented events (no shared payloads).
import crypto from 'node:crypto';
import { computeSignature } from '../../src/lark/webhook';

export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';
export const SIGNED_ENV = { LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN };

export interface TextEventOptions {
  messageId: string;
  userId?: string;
  chatId?: string;
  eventId?: string;
  type?: 'text' | 'post';
  /** The message content JSON string (default {"text": text}). */
  content?: string;
  text?: string;
}

/** A p2p im.message.receive_v1 event (schema 2.0). */
export function messageEvent(o: TextEventOptions): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `evt_${o.messageId}`,
      token: VERIFICATION_TOKEN,
      create_time: '1',
      event_type: 'im.message.receive_v1',
      tenant_key: 'tenant',
      app_id: 'cli_a1b2c3d4e5f60718',
    },
    event: {
      sender: { sender_id: { open_id: o.userId ?? 'ou_user' }, sender_type: 'user' },
      message: {
        message_id: o.messageId,
        chat_id: o.chatId ?? `oc_${o.userId ?? 'user'}`,
        chat_type: 'p2p',
        message_type: o.type ?? 'text',
        content: o.content ?? JSON.stringify({ text: o.text ?? '你好' }),
      },
    },
  };
}

export function encryptBody(plain: string, key = ENCRYPT_KEY): string {
  const k = crypto.createHash('sha256').update(key).digest();
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv('aes-256-cbc', k, iv);
  return JSON.stringify({ encrypt: Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64') });
}

/** Signature headers for `body`; `timestampS` defaults to now (Unix seconds). */
export function signHeaders(body: string, timestampS?: number | string, key = ENCRYPT_KEY): Record<string, string> {
  const ts = String(timestampS ?? Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(8).toString('hex');
  return {
    'x-lark-request-timestamp': ts,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeSignature(ts, nonce, key, body),
  };
}

/** Encrypted + signed request for an event object: { body, headers }. */
export function signedRequest(
  event: object,
  timestampS?: number | string,
): { body: string; headers: Record<string, string> } {
  const body = encryptBody(JSON.stringify(event));
  return { body, headers: signHeaders(body, timestampS) };
}
