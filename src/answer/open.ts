// Production wiring: the retrieval engine from src/retrieve plus, when LLM_* is configured, the LLM ChatModel.
import type { Config } from '../config';
import type { Answerer } from '../core/interfaces';
import { openRetriever } from '../retrieve/open';
import { createOpenAIChatModel } from '../llm/openai-chat';
import { createAnswerer, type AnswererDeps } from './create';
import { warmUpTerms } from './terms';

type SearchEngine = Awaited<ReturnType<typeof openRetriever>>;

export async function openAnswerer(
  config: Config,
  indexDir?: string,
  /** Extra answerer options (eval: neverRefuse); retriever and chat model come from the config. */
  extra: Pick<AnswererDeps, 'neverRefuse' | 'refusalModel'> = {},
): Promise<{ answerer: Answerer; engine: SearchEngine }> {
  const engine = await openRetriever(config, indexDir);
  const chatModel = config.llm ? createOpenAIChatModel(config.llm) : undefined;
  warmUpTerms();
  return { answerer: createAnswerer({ retriever: engine, chatModel, ...extra }), engine };
}
