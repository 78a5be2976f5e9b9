// Retries for open-platform calls: HTTP 429/5xx and the platform's rate-limit codes are retried with
// exponential backoff (honouring x-ogw-ratelimit-reset); an invalid tenant token is dropped and fetched again.
import { ZhiyinError } from '../core/errors';

/** 99991400: request frequency limit; 230020: message send frequency limit (both documented as retryable). */
export const RATE_LIMIT_CODES = new Set([99991400, 230020]);
/** 99991661: missing access token; 99991663: invalid/expired tenant access token → refresh and retry. */
export const TOKEN_CODES = new Set([99991661, 99991663]);

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  baseMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 400, maxDelayMs: 10_000 };

export interface LarkResult {
  code?: number;
  msg?: string;
}

interface HttpErrorShape {
  response?: { status?: number; headers?: Record<string, unknown>; data?: { code?: unknown; msg?: unknown } };
  code?: unknown;
}

export interface Failure {
  status?: number;
  code?: number;
  msg?: string;
  resetSeconds?: number;
  network: boolean;
}

export function failureOf(e: unknown): Failure {
  const err = e as HttpErrorShape;
  const r = err?.response;
  const reset = Number(r?.headers?.['x-ogw-ratelimit-reset']);
  return {
    status: r?.status,
    code: typeof r?.data?.code === 'number' ? r.data.code : undefined,
    msg: typeof r?.data?.msg === 'string' ? r.data.msg : undefined,
    resetSeconds: Number.isFinite(reset) && reset > 0 ? reset : undefined,
    network: !r && typeof err?.code === 'string',
  };
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run one API call with retries. `onTokenInvalid` drops the cached tenant token so the SDK fetches a new one.
 * Returns the successful body; throws ZhiyinError E_RATE_LIMITED / E_LARK_API otherwise.
 */
export async function withRetry<T extends LarkResult>(
  name: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  onTokenInvalid: () => void,
  onRetry?: (info: { name: string; attempt: number; delayMs: number; failure: Failure }) => void,
): Promise<T> {
  const sleep = policy.sleep ?? sleepReal;
  let tokenRefreshed = false;
  for (let attempt = 0; ; attempt++) {
    let failure: Failure;
    let cause: unknown;
    try {
      const res = await call();
      if (res && typeof res === 'object' && typeof res.code === 'number' && res.code !== 0) {
        failure = { code: res.code, msg: res.msg, network: false };
      } else {
        return res;
      }
    } catch (e) {
      cause = e;
      failure = failureOf(e);
    }
    const isToken = failure.code !== undefined && TOKEN_CODES.has(failure.code);
    if (isToken && !tokenRefreshed) {
      tokenRefreshed = true;
      onTokenInvalid();
      onRetry?.({ name, attempt, delayMs: 0, failure });
      continue;
    }
    const rateLimited = failure.status === 429 || (failure.code !== undefined && RATE_LIMIT_CODES.has(failure.code));
    const retryable = rateLimited || (failure.status ?? 0) >= 500 || failure.network;
    if (!retryable || attempt >= policy.retries) {
      const detail = `${name} failed: status ${failure.status ?? '-'} code ${failure.code ?? '-'} ${failure.msg ?? ''}`;
      throw new ZhiyinError(rateLimited ? 'E_RATE_LIMITED' : 'E_LARK_API', detail.trim(), {
        cause,
        retryable,
      });
    }
    const backoff = policy.baseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
    const delayMs = Math.min(policy.maxDelayMs, failure.resetSeconds ? failure.resetSeconds * 1000 : backoff);
    onRetry?.({ name, attempt, delayMs, failure });
    await sleep(delayMs);
  }
}
