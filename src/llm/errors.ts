// Maps the openai SDK's errors onto ZhiyinError codes, keeping the cause and whether a retry makes sense.
import OpenAI from 'openai';
import { ZhiyinError } from '../core/errors';

export function toZhiyinError(e: unknown, model: string): ZhiyinError {
  if (e instanceof ZhiyinError) return e;
  if (e instanceof OpenAI.APIConnectionTimeoutError) {
    return new ZhiyinError('E_LLM_TIMEOUT', `LLM ${model} timed out`, { cause: e, retryable: true });
  }
  if (e instanceof OpenAI.APIUserAbortError) {
    return new ZhiyinError('E_LLM_UNAVAILABLE', `LLM ${model} request aborted`, { cause: e });
  }
  if (e instanceof OpenAI.APIConnectionError) {
    return new ZhiyinError('E_LLM_UNAVAILABLE', `LLM ${model} unreachable: ${e.message}`, {
      cause: e,
      retryable: true,
    });
  }
  if (e instanceof OpenAI.RateLimitError) {
    return new ZhiyinError('E_RATE_LIMITED', `LLM ${model} rate limited after retries`, { cause: e, retryable: true });
  }
  if (e instanceof OpenAI.APIError) {
    const status = e.status ?? 0;
    return new ZhiyinError('E_LLM_UNAVAILABLE', `LLM ${model} failed with HTTP ${status}: ${e.message}`, {
      cause: e,
      retryable: status >= 500,
    });
  }
  return new ZhiyinError('E_LLM_UNAVAILABLE', `LLM ${model} failed: ${String(e)}`, { cause: e });
}
