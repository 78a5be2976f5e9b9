// The Feishu/Lark bot: long connection (WSClient) by default, or a webhook on config.port at /lark/events.
// Both receivers feed the same dispatcher → handlers → processMessage; replies go out through LarkApi.
import http from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config';
import type { Clock } from '../core/chat';
import { ZhiyinError } from '../core/errors';
import type { Chunk } from '../core/types';
import type { OpenedChat } from '../chat/open';
import { describeError, type OperatorLogger } from '../chat/log';
import { createLarkClient, type LarkApi } from './api';
import { createLarkDispatcher } from './dispatcher';
import { createCardActionHandler } from './card-actions';
import { CardEntities } from './card-entities';
import { createMessageHandler } from './handlers';
import { InflightTasks } from './inflight';
import type { RetryPolicy } from './retry';
import { createSdkLogger, sdkLevel } from './sdk-logger';
import type { StreamOptions } from './stream';
import { createWebhookHandler, LARK_WEBHOOK_PATH } from './webhook';
import { createLarkIdentity, type LarkIdentify } from '../access/lark-identity';
import { UserDirectory } from '../access/users';
import type { Viewer } from '../core/access';

/** Seconds without a pong before the long connection is considered half-open and re-established. */
export const WS_PING_TIMEOUT_S = 60;
/** How long stop() waits for replies in flight. */
export const SHUTDOWN_GRACE_MS = 30_000;

export interface LarkBotDeps {
  logger?: OperatorLogger;
  clock?: Clock;
  lookupChunk?: (chunkId: string) => Chunk | undefined;
  lookupArticle?: (chunkId: string) => Chunk[];
  /** Onboarding: id of the quiz item a user must answer now (stale card buttons are refused). */
  openQuizItem?: (userId: string) => string | undefined;
  /** Access (src/access): may a viewer open a chunk; the viewer resolver (default: contact API + users file). */
  mayOpen?: (chunkId: string, viewer: Viewer) => boolean;
  identify?: LarkIdentify;
  /** Test hooks: retry timing, streaming throttles, a pre-built API, the bot's open_id. */
  retry?: Partial<RetryPolicy>;
  stream?: StreamOptions;
  api?: LarkApi;
  botOpenId?: string;
  /** Webhook mode: do not listen; the caller routes /lark/events to `bot.webhook` (e.g. from the web server). */
  mount?: boolean;
  shutdownGraceMs?: number;
  /** Questions per user per minute (default 20). */
  maxQuestionsPerMinute?: number;
}

export interface LarkBot {
  stop(): Promise<void>;
  /** The dispatcher both receivers use (tests and embedding servers call invoke on it). */
  dispatcher: lark.EventDispatcher;
  /** Webhook mode: the node:http handler (true when it handled the request). */
  webhook?: ReturnType<typeof createWebhookHandler>;
  /** Webhook mode with an own server: the bound port. */
  port?: number;
  /** Number of replies being worked on. */
  inflight(): number;
}

export async function startLarkBot(config: Config, chat: OpenedChat, deps: LarkBotDeps = {}): Promise<LarkBot> {
  const larkConfig = config.lark;
  if (!larkConfig) throw new ZhiyinError('E_CONFIG', 'Lark bot needs LARK_APP_ID and LARK_APP_SECRET.');
  const log = deps.logger ?? chat.logger;
  const api =
    deps.api ??
    createLarkClient({
      appId: larkConfig.appId,
      appSecret: larkConfig.appSecret,
      domain: larkConfig.domain,
      logger: log,
      logLevel: config.logLevel,
      retry: deps.retry,
    }).api;

  let botOpenId = deps.botOpenId;
  if (!botOpenId) {
    try {
      botOpenId = await api.botOpenId();
    } catch (e) {
      log.warn('lark.bot_info_failed', { error: describeError(e), note: 'group mentions matched without bot id' });
    }
  }
  const inflight = new InflightTasks();
  const handlerDeps = {
    chat,
    api,
    botOpenId: () => botOpenId,
    inflight,
    logger: log,
    lookupChunk: deps.lookupChunk,
    lookupArticle: deps.lookupArticle,
    openQuizItem: deps.openQuizItem,
    mayOpen: deps.mayOpen,
    identify:
      deps.identify ??
      createLarkIdentity({
        departments: api.userDepartments ? (id) => api.userDepartments!(id) : undefined,
        users: UserDirectory.load(config.usersFile),
        clock: deps.clock,
        onLookupFailed: (_id, e) => log.warn('lark.departments_failed', { error: describeError(e) }),
      }),
    stream: deps.stream,
    maxQuestionsPerMinute: deps.maxQuestionsPerMinute ?? config.limits.questionsPerMinute,
    entities: new CardEntities(),
  };
  const dispatcher = createLarkDispatcher(
    {
      encryptKey: larkConfig.encryptKey,
      verificationToken: larkConfig.verificationToken,
      logger: log,
      logLevel: config.logLevel,
    },
    { message: createMessageHandler(handlerDeps), cardAction: createCardActionHandler(handlerDeps) },
  );
  const grace = deps.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
  const drain = async () => {
    const pending = inflight.size;
    const finished = await inflight.drain(grace);
    log.info('lark.drained', { pending, finished });
  };

  if (larkConfig.mode === 'ws') {
    const ws = new lark.WSClient({
      appId: larkConfig.appId,
      appSecret: larkConfig.appSecret,
      domain: larkConfig.domain,
      autoReconnect: true,
      wsConfig: { pingTimeout: WS_PING_TIMEOUT_S },
      logger: createSdkLogger(log),
      loggerLevel: sdkLevel(config.logLevel),
      onReady: () => log.info('lark.ws_ready', {}),
      onReconnected: () => log.info('lark.ws_reconnected', {}),
      onError: (e: Error) => log.error('lark.ws_failed', { error: describeError(e) }),
    });
    await ws.start({ eventDispatcher: dispatcher });
    log.info('lark.started', { mode: 'ws', botOpenId: botOpenId ?? null });
    return {
      dispatcher,
      inflight: () => inflight.size,
      async stop() {
        // Stop receiving first, then let replies in flight finish.
        ws.close();
        await drain();
      },
    };
  }

  if (!larkConfig.encryptKey && !larkConfig.verificationToken) {
    log.warn('lark.webhook_unauthenticated', {
      note: 'set LARK_ENCRYPT_KEY (signature check) or LARK_VERIFICATION_TOKEN so forged events are rejected',
    });
  }
  const webhook = createWebhookHandler({
    dispatcher,
    encryptKey: larkConfig.encryptKey,
    verificationToken: larkConfig.verificationToken,
    logger: log,
    maxAgeMs: larkConfig.webhookMaxAgeMs,
    now: deps.clock ? () => deps.clock!.now().getTime() : undefined,
  });
  if (deps.mount) {
    log.info('lark.started', { mode: 'webhook', path: LARK_WEBHOOK_PATH, mounted: true });
    return { dispatcher, webhook, inflight: () => inflight.size, stop: drain };
  }
  const server = http.createServer((req, res) => {
    webhook(req, res)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":"not found"}');
        }
      })
      .catch((e: unknown) => {
        log.error('lark.webhook_crash', { error: describeError(e) });
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('lark.started', { mode: 'webhook', host: config.host, port, path: LARK_WEBHOOK_PATH });
  return {
    dispatcher,
    webhook,
    port,
    inflight: () => inflight.size,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await drain();
      server.closeAllConnections();
      await closed;
    },
  };
}
