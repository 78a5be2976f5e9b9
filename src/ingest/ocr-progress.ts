// Progress of long parses (OCR, page by page) with an estimate of the time left: drawn on the terminal when stderr
// is one, and published as events that a console (web, Lark) can show — a 50-page scan must not look frozen.
import { EventEmitter } from 'node:events';

/** One step of a long parse. `etaMs` is undefined until a first page has been timed. */
export interface ParseProgressEvent {
  file: string;
  stage: string;
  done: number;
  total: number;
  elapsedMs: number;
  etaMs?: number;
}

/** 'progress' (ParseProgressEvent) while a file parses; 'finished' (same shape, done = total) at its end. */
export const parseEvents = new EventEmitter();

/** "2 分 10 秒" / "45 秒" for an ETA shown to staff. */
export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`;
}

/**
 * A progress callback for one file: linear ETA from the mean time per finished step (OCR pages cost about the
 * same each). Writes a one-line status to `stream` when it is a terminal.
 */
export function parseProgress(
  file: string,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): (done: number, total: number, stage: string) => void {
  const t0 = now();
  return (done, total, stage) => {
    const elapsedMs = now() - t0;
    const etaMs = done > 0 ? (elapsedMs / done) * (total - done) : undefined;
    const event: ParseProgressEvent = { file, stage, done, total, elapsedMs, etaMs };
    parseEvents.emit(done >= total ? 'finished' : 'progress', event);
    if (!stream.isTTY) return;
    const what = stage === 'ocr' ? '扫描件识别' : '解析';
    const eta =
      done >= total ? `用时 ${formatEta(elapsedMs)}` : etaMs !== undefined ? `预计剩余 ${formatEta(etaMs)}` : '';
    const width = 20;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    stream.write(
      `\r\x1b[2K${what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} 页 ${eta} ${file}`,
    );
    if (done >= total) stream.write('\r\x1b[2K');
  };
}
