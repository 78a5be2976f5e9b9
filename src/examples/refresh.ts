// The ingest hook: after the search index is (re)built, regenerate examples.json from the loaded documents.
import fs from 'node:fs';
import os from 'node:os';
import { createAnswerer } from '../answer/create';
import { loadConfig } from '../config';
import { openRetriever } from '../retrieve/open';
import { readAllChunks } from '../store/chunk-store';
import { answerableExamples } from './generate';
import { hasExamples, writeExamples } from './store';

/**
 * Regenerate `<indexDir>/examples.json` when the index was rebuilt or has no examples yet. Examples are checked
 * with the offline extractive answerer (the LLM is never needed to show that a question is answerable). Never
 * throws: a failure leaves the previous examples (or none) and is reported on stderr, because ingest itself
 * succeeded. Returns the examples written, or undefined when nothing was done.
 */
export async function refreshExamples(indexDir: string, opts: { rebuilt: boolean }): Promise<string[] | undefined> {
  if (!opts.rebuilt && hasExamples(indexDir)) return undefined;
  if (!fs.existsSync(indexDir)) return undefined;
  let engine: Awaited<ReturnType<typeof openRetriever>> | undefined;
  try {
    const chunks = readAllChunks(indexDir);
    if (chunks.length === 0) {
      writeExamples(indexDir, []);
      return [];
    }
    // Only the embedding settings matter here (query vectors for a remotely embedded index); LLM_* is ignored.
    let config;
    try {
      config = loadConfig();
    } catch {
      config = loadConfig({}, os.tmpdir());
    }
    engine = await openRetriever({ ...config, llm: undefined }, indexDir);
    const examples = await answerableExamples(chunks, createAnswerer({ retriever: engine }));
    writeExamples(indexDir, examples);
    return examples;
  } catch (e) {
    console.error(`examples not regenerated: ${(e as Error).message}`);
    return undefined;
  } finally {
    engine?.close();
  }
}
