// Worker thread that parses untrusted files (see parse-isolated.ts). Plain JavaScript so that it can register the
// TypeScript loader itself: worker threads do not inherit the parent's tsx hooks.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseInWorker } = await import('./parse-worker-main.ts');
parentPort?.on('message', (job) => void parseInWorker(job, (msg) => parentPort?.postMessage(msg)));
parentPort?.postMessage({ kind: 'ready' });
