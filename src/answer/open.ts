// Production wiring: the retrieval engine from src/retrieve plus, when LLM_* is configured, the LLM ChatModel.
import type { Config } from '../config';
import type { Answerer } from '../core/interfaces';
import { openRetriever } from '../retrieve/open';
import { createOpenAIChatModel } from '../llm/openai-chat';
import { createAnswerer } from './create';
import { warmUpTerms } from './terms';

type SearchEngine = Awaited<ReturnType<typeof openRetriever>>;

export async function openAnswerer(
  config: Config,
  indexDir?: string,
): Promise<{ answerer: Answerer; engine: SearchEngine }> {
  const engine = await openRetriever(config, indexDir);
  const chatModel = config.llm ? createOpenAIChatModel(config.llm) : undefined;
  warmUpTerms();
  return { answerer: createAnswerer({ retriever: engine, chatModel }), engine };
}
