// Entry of the ingest child process (forked by src/ingest/in-child.ts): runs one ingest request off the serving
// process's event loop — parsing, chunking and the search-index build are CPU-bound for seconds to minutes —
// sends back the summary or a coded error, and exits.
import { isZhiyinError } from '../core/errors';
import { ingestOneFile, removeOneFile } from './run';
import type { ChildReply, ChildRequest } from './in-child';

async function handle(req: ChildRequest): Promise<ChildReply> {
  try {
    const summary =
      req.op === 'ingestOne'
        ? await ingestOneFile({ corpusDir: req.corpusDir, file: req.file, indexDir: req.indexDir })
        : await removeOneFile({ corpusDir: req.corpusDir, file: req.file, indexDir: req.indexDir });
    return { ok: true, summary };
  } catch (e) {
    return {
      ok: false,
      error: {
        code: isZhiyinError(e) ? e.code : 'E_INTERNAL',
        message: e instanceof Error ? e.message : String(e),
        ...(isZhiyinError(e) && e.userMessage ? { userMessage: e.userMessage } : {}),
      },
    };
  }
}

process.once('message', (req: ChildRequest) => {
  void handle(req).then((reply) => process.send?.(reply, () => process.exit(0)));
});
