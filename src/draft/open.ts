// Production wiring of the drafter: the search engine for grounding (drafting still works without an index, just
// without cited rules) and, when LLM_* is configured, the chat model.
import type { Config } from '../config';
import { isZhiyinError } from '../core/errors';
import type { Retriever } from '../core/interfaces';
import { createOpenAIChatModel } from '../llm/openai-chat';
import { openRetriever } from '../retrieve/open';
import type { ChatCommand } from '../chat/commands';
import { draftCommands } from './chat-command';
import { createDrafter, type Drafter } from './drafter';

export interface OpenedDrafter {
  drafter: Drafter;
  /** False when no index exists: drafts carry no cited rules. */
  grounded: boolean;
  close(): void;
}

export async function openDrafter(config: Config, indexDir?: string): Promise<OpenedDrafter> {
  let engine: (Retriever & { close(): void }) | undefined;
  try {
    engine = await openRetriever(config, indexDir);
  } catch (e) {
    if (!isZhiyinError(e) || e.code !== 'E_INDEX_MISSING') throw e;
  }
  const chatModel = config.llm ? createOpenAIChatModel(config.llm) : undefined;
  return {
    drafter: createDrafter({ retriever: engine, chatModel }),
    grounded: engine !== undefined,
    close: () => engine?.close(),
  };
}

/**
 * The chat commands for drafting (/draft with plain requests and follow-ups, /check) over `retriever`, with the LLM
 * when configured, for openChat({ commands: [...defaultCommands(), ...draftChatCommands(...)] }).
 */
export function draftChatCommands(config: Config, retriever: Retriever): ChatCommand[] {
  const chatModel = config.llm ? createOpenAIChatModel(config.llm) : undefined;
  return draftCommands({ drafter: createDrafter({ retriever, chatModel }) });
}
