// Background work after the platform was acknowledged. Tasks of one conversation run in order (a follow-up
// must see the previous answer in its history); stop() waits for everything in flight, up to a deadline.
export class InflightTasks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly all = new Set<Promise<void>>();
  private closing = false;

  get size(): number {
    return this.all.size;
  }

  get accepting(): boolean {
    return !this.closing;
  }

  /** Queue `task` behind earlier tasks of the same key; errors are the task's own business (it must catch). */
  run(key: string, task: () => Promise<void>): boolean {
    if (this.closing) return false;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const done = next.catch(() => {});
    this.tails.set(key, done);
    this.all.add(done);
    void done.finally(() => {
      this.all.delete(done);
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
    return true;
  }

  /** Refuse new tasks and wait for the running ones (true when all finished before the deadline). */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = (async () => {
      while (this.all.size > 0) await Promise.allSettled([...this.all]);
      return true as const;
    })();
    const ok = await Promise.race([finished, deadline]);
    clearTimeout(timer);
    return ok;
  }
}
