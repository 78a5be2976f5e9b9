// Guards around any ChatModel: one deadline per answer across all its LLM calls (condense + answer, the SDK's
// retries and the wait for a free slot included), and a cap on concurrent calls with a queue. Without the
// deadline a hanging endpoint cost 3 × 30 s = 91.5 s before the extractive fallback (issue 13).
import type { ChatCompletionOptions, ChatModel } from '../core/interfaces';
import { ZhiyinError } from '../core/errors';
import { Semaphore } from '../limits/concurrency';

export interface GuardOptions {
  /** Budget in ms shared by all calls made with the same caller signal (one answer); per call without one. */
  deadlineMs: number;
  /** Calls running at once, and calls allowed to wait (see Semaphore). */
  maxConcurrent: number;
  maxQueue: number;
  /** Test hook: current time in ms. */
  now?: () => number;
}

/**
 * Wrap `model`: each call waits for a slot, and is aborted with E_LLM_TIMEOUT (retryable) when the answer's
 * deadline passes. A caller's own abort is passed through unchanged, so callers can tell it apart.
 */
export function guardChatModel(model: ChatModel, opts: GuardOptions): ChatModel {
  const slots = new Semaphore(opts.maxConcurrent, opts.maxQueue);
  const now = opts.now ?? Date.now;
  // Keyed by the caller's signal: the transports create one per message, so it identifies the answer.
  const deadlines = new WeakMap<AbortSignal, number>();

  const begin = (o: ChatCompletionOptions | undefined) => {
    let at = o?.signal ? deadlines.get(o.signal) : undefined;
    if (at === undefined) {
      at = now() + opts.deadlineMs;
      if (o?.signal) deadlines.set(o.signal, at);
    }
    const timer = AbortSignal.timeout(Math.max(1, at - now()));
    const signal = o?.signal ? AbortSignal.any([o.signal, timer]) : timer;
    const timedOut = () => timer.aborted && !o?.signal?.aborted;
    const translate = (e: unknown) =>
      timedOut()
        ? new ZhiyinError('E_LLM_TIMEOUT', `LLM ${model.id} missed the ${opts.deadlineMs} ms answer deadline`, {
            cause: e,
            retryable: true,
          })
        : e;
    return { options: { ...o, signal }, translate };
  };

  return {
    id: model.id,
    async complete(messages, o) {
      const call = begin(o);
      let release: (() => void) | undefined;
      try {
        release = await slots.acquire(call.options.signal);
        call.options.signal.throwIfAborted();
        return await model.complete(messages, call.options);
      } catch (e) {
        throw call.translate(e);
      } finally {
        release?.();
      }
    },
    async *stream(messages, o) {
      const call = begin(o);
      let release: (() => void) | undefined;
      try {
        release = await slots.acquire(call.options.signal);
        call.options.signal.throwIfAborted();
        for await (const delta of model.stream(messages, call.options)) {
          if (call.options.signal.aborted) throw call.options.signal.reason;
          yield delta;
        }
      } catch (e) {
        throw call.translate(e);
      } finally {
        release?.();
      }
    },
  };
}
