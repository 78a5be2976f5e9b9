// Per-user sliding-window rate limit shared by the transports: people ask a few questions a minute; a loop
// (another bot, a script, a stuck page) would burn the platform's send budget and LLM money.
import type { ProcessMessage, TransportName } from '../core/chat';
import { ZhiyinError } from '../core/errors';
import { userMessageFor } from '../chat/user-errors';
import type { OperatorLogger } from '../chat/log';

/** Users remembered at once; beyond this the oldest windows are forgotten (bounded memory under abuse). */
const MAX_TRACKED_USERS = 10_000;
const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly seen = new Map<string, number[]>();

  /** `maxPerMinute` requests per user in any 60 s window; `now` in ms (test hook). */
  constructor(
    readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count one request of `user`; false (and not counted) when the user is over the limit. */
  take(user: string): boolean {
    const t = this.now();
    const recent = (this.seen.get(user) ?? []).filter((x) => t - x < WINDOW_MS);
    const ok = recent.length < this.maxPerMinute;
    if (ok) recent.push(t);
    // Re-insert so the Map's order is least-recently-used first.
    this.seen.delete(user);
    this.seen.set(user, recent);
    while (this.seen.size > MAX_TRACKED_USERS) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return ok;
  }
}

/**
 * Middleware around processMessage: a message of a limited transport from a user over the limit gets the
 * 「请求太频繁」 error reply without reaching the answerer. The Lark bot applies the same limiter in its gate
 * (src/lark/gate.ts) so it can answer before opening a streaming card; it is therefore not listed here.
 */
export function withRateLimit(
  processMessage: ProcessMessage,
  limiter: RateLimiter,
  options: { transports: readonly TransportName[]; logger?: OperatorLogger },
): ProcessMessage {
  return async (message, hooks) => {
    if (options.transports.includes(message.transport) && !limiter.take(`${message.transport}:${message.userId}`)) {
      const e = new ZhiyinError('E_RATE_LIMITED', 'per-user question limit');
      options.logger?.warn('chat.rate_limited', {
        transport: message.transport,
        userId: message.userId,
        messageId: message.messageId,
        maxPerMinute: limiter.maxPerMinute,
      });
      return { kind: 'error', errorCode: e.code, text: userMessageFor(e) };
    }
    return processMessage(message, hooks);
  };
}
