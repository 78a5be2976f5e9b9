// Parsing of untrusted container formats (PDF, DOCX, …) in a worker thread with a heap limit and an inactivity
// deadline (issue 13: a 300 KB .docx inflating to gigabytes took the whole server down, on every restart).
// One worker is kept and reused across files; when a file kills it (out of memory, crash) or stalls it, the worker
// is replaced and the file is reported with a coded error so that the caller can quarantine it.
import { Worker } from 'node:worker_threads';
import { ZhiyinError, type ErrorCode } from '../core/errors';
import { LIMITS } from './limits';
import type { LoadedDocument, LoadOptions } from './load-document';
import type { ParseReply } from './parse-worker-main';

export interface IsolationLimits {
  /** V8 old-generation heap of the worker, MB. */
  heapMb: number;
  /** A job with no result or progress for this long is killed, milliseconds. */
  idleTimeoutMs: number;
}

const DEFAULT_LIMITS: IsolationLimits = { heapMb: LIMITS.workerHeapMb, idleTimeoutMs: LIMITS.parseTimeoutMs };

interface Pending {
  resolve: (v: LoadedDocument) => void;
  reject: (e: unknown) => void;
  onProgress?: LoadOptions['onProgress'];
  /** Started once the worker is ready: its start-up time is not the file's. */
  timer?: NodeJS.Timeout;
  arm: () => NodeJS.Timeout;
  file: string;
}

class ParseWorker {
  private worker: Worker | undefined;
  /** Whether the current worker finished loading: a worker that dies before that says nothing about the file. */
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  constructor(private readonly limits: IsolationLimits) {}

  private spawn(): Worker {
    this.ready = false;
    const w = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
      stdout: false,
      stderr: false,
    });
    w.on('message', (msg: ParseReply) => this.onMessage(msg));
    w.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.failAll(w, 'E_PARSE_CRASHED', oom ? 'out of memory' : `worker error (${err.name})`);
    });
    w.on('exit', (code) => this.failAll(w, 'E_PARSE_CRASHED', `worker exited with code ${code}`));
    w.unref();
    return w;
  }

  private onMessage(msg: ParseReply): void {
    if (msg.kind === 'ready') {
      this.ready = true;
      for (const p of this.pending.values()) p.timer ??= p.arm();
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.timer?.refresh();
      p.onProgress?.(msg.done, msg.total, msg.stage);
      return;
    }
    this.settle(msg.id);
    if (msg.kind === 'done') p.resolve(msg.value);
    else {
      p.reject(new ZhiyinError(msg.code as ErrorCode, msg.message, { userMessage: msg.userMessage }));
    }
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(w: Worker, code: ErrorCode, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const started = this.ready;
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      p.reject(started ? crashed(p.file, code, why) : notStarted(why));
    }
  }

  /** Jobs run one at a time, so that a file that kills the worker takes no other file down with it. */
  private queue: Promise<unknown> = Promise.resolve();

  parse(
    corpusDir: string,
    file: string,
    bytes: Buffer,
    onProgress?: LoadOptions['onProgress'],
  ): Promise<LoadedDocument> {
    const run = this.queue.then(() => this.run(corpusDir, file, bytes, onProgress));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private run(
    corpusDir: string,
    file: string,
    bytes: Buffer,
    onProgress?: LoadOptions['onProgress'],
  ): Promise<LoadedDocument> {
    this.worker ??= this.spawn();
    const w = this.worker;
    w.ref();
    const id = this.nextId++;
    return new Promise<LoadedDocument>((resolve, reject) => {
      const arm = () =>
        setTimeout(() => {
          // A stalled parse (a page-tree loop, a regex blow-up) cannot be interrupted inside the worker: kill it.
          this.failAll(w, 'E_PARSE_TIMEOUT', `no progress for ${this.limits.idleTimeoutMs} ms`);
          void w.terminate();
        }, this.limits.idleTimeoutMs);
      this.pending.set(id, { resolve, reject, onProgress, timer: this.ready ? arm() : undefined, arm, file });
      w.postMessage({ id, corpusDir, file, bytes: new Uint8Array(bytes) });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

function crashed(file: string, code: ErrorCode, why: string): ZhiyinError {
  const timeout = code === 'E_PARSE_TIMEOUT';
  const reason = why === 'out of memory' ? '内存超限' : '解析进程异常退出';
  return new ZhiyinError(code, `${file}: parsing ${timeout ? 'timed out' : 'crashed'} (${why}); file quarantined`, {
    userMessage: timeout
      ? `文件《${file}》解析超时，疑似构造异常的文件，已移出知识库并隔离。`
      : `文件《${file}》解析时${reason}，疑似恶意或损坏的文件，已移出知识库并隔离。`,
  });
}

function notStarted(why: string): ZhiyinError {
  return new ZhiyinError('E_INTERNAL', `parse worker failed to start (${why})`, {
    retryable: true,
    userMessage: '文档解析服务启动失败，请稍后重试或联系管理员。',
  });
}

const workers = new Map<string, ParseWorker>();
let defaults: IsolationLimits = DEFAULT_LIMITS;

/** Replace the default limits (tests; an operator setting would be wired here from src/config.ts). */
export function setParseLimits(limits: Partial<IsolationLimits>): void {
  defaults = { ...DEFAULT_LIMITS, ...limits };
}

/** The shared worker for these limits (tests use small limits; production one worker per process). */
function workerFor(limits: IsolationLimits): ParseWorker {
  const key = `${limits.heapMb}/${limits.idleTimeoutMs}`;
  let w = workers.get(key);
  if (!w) {
    w = new ParseWorker(limits);
    workers.set(key, w);
  }
  return w;
}

/**
 * Run loadDocument for one file in the parse worker. Resolves with its result; rejects with its coded error, or
 * with E_PARSE_CRASHED (worker out of memory / died) or E_PARSE_TIMEOUT (no progress within the idle timeout),
 * after which the worker is replaced.
 */
export function parseIsolated(
  corpusDir: string,
  file: string,
  bytes: Buffer,
  onProgress?: LoadOptions['onProgress'],
  limits: IsolationLimits = defaults,
): Promise<LoadedDocument> {
  return workerFor(limits).parse(corpusDir, file, bytes, onProgress);
}

/** Stop the parse workers (tests; a CLI process exits without it since idle workers are unref'd). */
export async function closeParseWorkers(): Promise<void> {
  await Promise.all([...workers.values()].map((w) => w.close()));
  workers.clear();
}
