// Runs an ingest request in a child process (src/ingest/child.ts) so that a serving process (web console upload,
// delete) keeps answering chat and /api/health while a document is parsed and the index generation is built.
// The child publishes the new generation; the caller's live index (src/retrieve/live.ts) then swaps to it.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ZhiyinError, type ErrorCode } from '../core/errors';
import type { IngestSummary } from './run';

export type ChildRequest = { op: 'ingestOne' | 'removeOne'; corpusDir: string; file: string; indexDir: string };
export type ChildReply =
  | { ok: true; summary: IngestSummary }
  | { ok: false; error: { code: ErrorCode; message: string; userMessage?: string } };

const here = path.dirname(fileURLToPath(import.meta.url));
/** nice value of the ingest child (0 normal … 19 lowest). */
const CHILD_NICE = 10;

/**
 * Run one request in a fresh child process and resolve with its IngestSummary. Errors: the child's coded error
 * re-thrown as a ZhiyinError; E_INTERNAL when the child dies without a reply (killed, out of memory).
 */
export function runIngestInChild(req: ChildRequest): Promise<IngestSummary> {
  // The sources are TypeScript run through tsx: the child registers the same loader.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = fork(path.join(here, 'child.ts'), [], {
    execArgv: ['--import', tsx],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  // Background work: on a busy box the serving process (chat, /api/health) gets the CPU first.
  try {
    if (child.pid) os.setPriority(child.pid, CHILD_NICE);
  } catch {
    // Not permitted on some systems: the child then runs at normal priority.
  }
  return new Promise((resolve, reject) => {
    let reply: ChildReply | undefined;
    child.once('message', (m: ChildReply) => {
      reply = m;
    });
    child.once('error', (e) =>
      reject(new ZhiyinError('E_INTERNAL', `ingest worker failed: ${e.message}`, { cause: e })),
    );
    child.once('exit', (code, signal) => {
      if (!reply) {
        reject(new ZhiyinError('E_INTERNAL', `ingest worker exited without a reply (code ${code}, signal ${signal})`));
      } else if (reply.ok) resolve(reply.summary);
      else {
        const { code: c, message, userMessage } = reply.error;
        reject(new ZhiyinError(c, message, userMessage ? { userMessage } : {}));
      }
    });
    child.send(req);
  });
}
