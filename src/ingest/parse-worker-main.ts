// Inside the parse worker: one job = one file through loadDocument, answered with the result or a coded error.
import { isZhiyinError } from '../core/errors';
import { loadDocument, type LoadedDocument } from './load-document';

export interface ParseJob {
  id: number;
  corpusDir: string;
  file: string;
  bytes: Uint8Array;
}

export type ParseReply =
  | { kind: 'ready' }
  | { kind: 'progress'; id: number; done: number; total: number; stage: string }
  | { kind: 'done'; id: number; value: LoadedDocument }
  | { kind: 'failed'; id: number; code: string; message: string; userMessage?: string };

export async function parseInWorker(job: ParseJob, send: (msg: ParseReply) => void): Promise<void> {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const value = await loadDocument(job.corpusDir, job.file, bytes, {
      onProgress: (done, total, stage) => send({ kind: 'progress', id: job.id, done, total, stage }),
    });
    send({ kind: 'done', id: job.id, value });
  } catch (e) {
    if (isZhiyinError(e)) {
      send({ kind: 'failed', id: job.id, code: e.code, message: e.message, userMessage: e.userMessage });
    } else {
      // Never pass a library's message through raw: operators get its class name, staff a Chinese text.
      send({
        kind: 'failed',
        id: job.id,
        code: 'E_CORRUPT_FILE',
        message: `${job.file}: cannot parse (${(e as Error)?.name ?? 'error'})`,
        userMessage: `文件《${job.file}》内容无法解析，可能已损坏。`,
      });
    }
  }
}
