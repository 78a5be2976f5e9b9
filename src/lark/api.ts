// The open-platform calls the bot makes, through the official SDK client, each wrapped in retries.
// Every send carries a uuid derived from what it answers, so a retried send is not delivered twice.
import * as lark from '@larksuiteoapi/node-sdk';
import { ZhiyinError } from '../core/errors';
import type { LogLevel, OperatorLogger } from '../chat/log';
import { DEFAULT_RETRY, withRetry, type LarkResult, type RetryPolicy } from './retry';
import { createSdkLogger, sdkLevel } from './sdk-logger';

/** Card JSON (schema 2.0); kept loose on purpose, the builders in cards.ts give it shape. */
export type CardJson = Record<string, unknown>;

export interface SendOptions {
  /** Reply inside the message's thread (groups, or messages already in a thread). */
  inThread: boolean;
  /** Idempotency key (≤ 50 chars): the platform delivers one message per uuid within an hour. */
  uuid: string;
}

export interface LarkApi {
  botOpenId(): Promise<string | undefined>;
  replyCard(messageId: string, card: CardJson, opts: SendOptions): Promise<string>;
  replyCardEntity(messageId: string, cardId: string, opts: SendOptions): Promise<string>;
  replyText(messageId: string, text: string, opts: SendOptions): Promise<string>;
  replyFile(messageId: string, fileName: string, content: Buffer, opts: SendOptions): Promise<string>;
  patchCard(messageId: string, card: CardJson): Promise<void>;
  createCardEntity(card: CardJson): Promise<string>;
  streamElement(cardId: string, elementId: string, content: string, sequence: number): Promise<void>;
  cardSettings(cardId: string, settings: Record<string, unknown>, sequence: number): Promise<void>;
  updateCardEntity(cardId: string, card: CardJson, sequence: number): Promise<void>;
  /** Department ids (open_department_id) of a user, from the contact API (access control, src/access). */
  userDepartments?(openId: string): Promise<string[]>;
}

/** A token cache of our own (instead of the SDK's process-global one) so an invalid token can be dropped. */
class TokenCache {
  private values = new Map<string, { value: unknown; expiredTime?: number }>();
  // The SDK's Cache interface types keys as the boxed Symbol and values as any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-wrapper-object-types
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<any> {
    const hit = this.values.get(`${options?.namespace ?? ''}/${String(key)}`);
    if (!hit) return undefined;
    if (hit.expiredTime && hit.expiredTime <= Date.now()) return undefined;
    return hit.value;
  }
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
  async set(key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }) {
    this.values.set(`${options?.namespace ?? ''}/${String(key)}`, { value, expiredTime });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
}

export interface LarkApiOptions {
  appId: string;
  appSecret: string;
  domain: string;
  logger: OperatorLogger;
  logLevel?: LogLevel;
  retry?: Partial<RetryPolicy>;
}

/** The upload API's file_type by extension; anything else is a generic stream. */
export function fileTypeOf(fileName: string): 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  return 'stream';
}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || value === '') {
    throw new ZhiyinError('E_LARK_API', `Open platform response without ${what}`);
  }
  return value;
}

export function createLarkClient(opts: LarkApiOptions): { client: lark.Client; api: LarkApi } {
  const cache = new TokenCache();
  const client = new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    cache,
    logger: createSdkLogger(opts.logger),
    loggerLevel: sdkLevel(opts.logLevel),
  });
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const run = <T extends LarkResult>(name: string, call: () => Promise<T>) =>
    withRetry(
      name,
      call,
      policy,
      () => cache.clear(),
      (info) =>
        opts.logger.warn('lark.retry', {
          call: info.name,
          attempt: info.attempt,
          delayMs: Math.round(info.delayMs),
          status: info.failure.status,
          code: info.failure.code,
        }),
    );

  const reply = async (messageId: string, msgType: string, content: string, o: SendOptions) => {
    const res = await run('im.message.reply', () =>
      client.im.v1.message.reply({
        path: { message_id: messageId },
        data: { content, msg_type: msgType, reply_in_thread: o.inThread, uuid: o.uuid },
      }),
    );
    return need(res.data?.message_id, 'message_id');
  };

  const api: LarkApi = {
    async botOpenId() {
      const res = await run('bot.info', () =>
        client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({
          method: 'GET',
          url: '/open-apis/bot/v3/info',
        }),
      );
      return res.bot?.open_id || undefined;
    },
    replyCard: (messageId, card, o) => reply(messageId, 'interactive', JSON.stringify(card), o),
    replyCardEntity: (messageId, cardId, o) =>
      reply(messageId, 'interactive', JSON.stringify({ type: 'card', data: { card_id: cardId } }), o),
    replyText: (messageId, text, o) => reply(messageId, 'text', JSON.stringify({ text }), o),
    async replyFile(messageId, fileName, content, o) {
      const res = await run('im.file.create', async () => {
        const data = await client.im.v1.file.create({
          data: { file_type: fileTypeOf(fileName), file_name: fileName, file: content },
        });
        // file.create returns only the data part (or null) instead of {code, data}.
        return { code: data?.file_key ? 0 : -1, msg: 'no file_key', fileKey: data?.file_key };
      });
      return reply(messageId, 'file', JSON.stringify({ file_key: need(res.fileKey, 'file_key') }), o);
    },
    async patchCard(messageId, card) {
      await run('im.message.patch', () =>
        client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }),
      );
    },
    async createCardEntity(card) {
      const res = await run('cardkit.card.create', () =>
        client.cardkit.v1.card.create({ data: { type: 'card_json', data: JSON.stringify(card) } }),
      );
      return need(res.data?.card_id, 'card_id');
    },
    async streamElement(cardId, elementId, content, sequence) {
      await run('cardkit.element.content', () =>
        client.cardkit.v1.cardElement.content({
          path: { card_id: cardId, element_id: elementId },
          data: { content, sequence, uuid: `s-${cardId}-${sequence}`.slice(0, 50) },
        }),
      );
    },
    async cardSettings(cardId, settings, sequence) {
      await run('cardkit.card.settings', () =>
        client.cardkit.v1.card.settings({
          path: { card_id: cardId },
          data: { settings: JSON.stringify(settings), sequence, uuid: `c-${cardId}-${sequence}`.slice(0, 50) },
        }),
      );
    },
    async updateCardEntity(cardId, card, sequence) {
      await run('cardkit.card.update', () =>
        client.cardkit.v1.card.update({
          path: { card_id: cardId },
          data: {
            card: { type: 'card_json', data: JSON.stringify(card) },
            sequence,
            uuid: `u-${cardId}-${sequence}`.slice(0, 50),
          },
        }),
      );
    },
    async userDepartments(openId) {
      const res = await run('contact.user.get', () =>
        client.contact.v3.user.get({
          path: { user_id: openId },
          params: { user_id_type: 'open_id', department_id_type: 'open_department_id' },
        }),
      );
      return res.data?.user?.department_ids ?? [];
    },
  };
  return { client, api };
}
