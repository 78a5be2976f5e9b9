// A cap on concurrent calls with a bounded FIFO queue (LLM calls: a provider allows a few parallel requests,
// and a burst of questions must wait its turn instead of piling 429s onto the retries).
import { ZhiyinError } from '../core/errors';

export class Semaphore {
  private running = 0;
  private readonly waiting: Array<{ grant: () => void; fail: (e: unknown) => void }> = [];

  /** At most `max` holders at once; at most `maxQueue` callers waiting, beyond that acquire fails at once. */
  constructor(
    readonly max: number,
    readonly maxQueue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Wait for a slot; resolves with the release function (call it exactly once). Rejects with E_LLM_UNAVAILABLE
   * (retryable) when the queue is full, or with the signal's reason when `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.running--;
    };
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve(release);
    }
    if (this.waiting.length >= this.maxQueue) {
      return Promise.reject(
        new ZhiyinError('E_LLM_UNAVAILABLE', `LLM queue full (${this.maxQueue} waiting)`, { retryable: true }),
      );
    }
    return new Promise((resolve, reject) => {
      const entry = {
        // The slot passes straight from the releasing holder to this waiter: `running` stays the same.
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }
}
