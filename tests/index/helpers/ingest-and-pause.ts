// Child process for the kill -9 tests: runs a real ingest of CORPUS into INDEX and, when the index build reaches
// PAUSE_AT ("stage:done", e.g. "bm25:1"), prints "PAUSED" and blocks, so the parent kills it at that moment.
// Without PAUSE_AT it runs to completion (the parent then kills it after a delay of its choosing).
import { runIngest } from '../../../src/ingest/run';

const [corpus, index] = process.argv.slice(2);
const pauseAt = process.env.PAUSE_AT;
await runIngest({
  corpusDirs: [corpus!],
  indexDir: index!,
  onIndexProgress: (stage, done) => {
    if (`${stage}:${done}` !== pauseAt) return;
    process.stdout.write('PAUSED\n');
    // Block synchronously (like a long CPU step) until killed.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
process.stdout.write('DONE\n');
