// ChatModel over any OpenAI-compatible endpoint (openai v6 SDK with baseURL). The SDK retries 429/5xx and
// timeouts with exponential backoff (honouring Retry-After); we add an idle timeout for streams that stall
// after the headers arrived, and map every failure onto a ZhiyinError.
import OpenAI from 'openai';
import type { ChatCompletionOptions, ChatModel } from '../core/interfaces';
import type { ChatTurn } from '../core/types';
import { ZhiyinError } from '../core/errors';
import { toZhiyinError } from './errors';
import { guardChatModel } from './guard';
import { CompletionSchema, StreamChunkSchema } from './schema';

export interface OpenAIChatOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Per-attempt timeout, and the longest silence tolerated inside a stream (ms). */
  timeoutMs: number;
  /** Retries on 429/5xx/timeouts, with the SDK's exponential backoff. */
  maxRetries: number;
  /** Test hook: a custom fetch. */
  fetch?: typeof fetch;
  /** With these set (config.llm has them), the model is wrapped by guardChatModel (src/llm/guard.ts). */
  deadlineMs?: number;
  maxConcurrent?: number;
  maxQueue?: number;
}

/** Links an optional caller signal to a controller we can also abort ourselves (idle timeout). */
function linkedController(signal?: AbortSignal): AbortController {
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller;
}

export function createOpenAIChatModel(opts: OpenAIChatOptions): ChatModel {
  const model = createUnguarded(opts);
  if (opts.deadlineMs === undefined) return model;
  return guardChatModel(model, {
    deadlineMs: opts.deadlineMs,
    maxConcurrent: opts.maxConcurrent ?? 4,
    maxQueue: opts.maxQueue ?? 50,
  });
}

function createUnguarded(opts: OpenAIChatOptions): ChatModel {
  const client = new OpenAI({
    baseURL: opts.baseURL,
    apiKey: opts.apiKey,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries,
    fetch: opts.fetch,
  });
  const params = (messages: ChatTurn[], o?: ChatCompletionOptions) => ({
    model: opts.model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: o?.temperature,
    max_tokens: o?.maxTokens,
  });

  return {
    id: `openai-compatible:${opts.model}`,

    async complete(messages, o) {
      let raw: unknown;
      try {
        raw = await client.chat.completions.create({ ...params(messages, o), stream: false }, { signal: o?.signal });
      } catch (e) {
        throw toZhiyinError(e, opts.model);
      }
      const parsed = CompletionSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ZhiyinError('E_LLM_BAD_RESPONSE', `LLM ${opts.model} sent an unexpected response`, {
          cause: parsed.error,
        });
      }
      return parsed.data.choices[0]!.message.content ?? '';
    },

    async *stream(messages, o) {
      const controller = linkedController(o?.signal);
      let idle: NodeJS.Timeout | undefined;
      let timedOut = false;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, opts.timeoutMs);
      };
      try {
        arm();
        const stream = await client.chat.completions.create(
          { ...params(messages, o), stream: true },
          { signal: controller.signal },
        );
        for await (const chunk of stream) {
          arm();
          const parsed = StreamChunkSchema.safeParse(chunk);
          if (!parsed.success) {
            throw new ZhiyinError('E_LLM_BAD_RESPONSE', `LLM ${opts.model} sent an unexpected stream chunk`, {
              cause: parsed.error,
            });
          }
          const delta = parsed.data.choices[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (e) {
        if (timedOut) {
          throw new ZhiyinError('E_LLM_TIMEOUT', `LLM ${opts.model} stream stalled`, { cause: e, retryable: true });
        }
        throw toZhiyinError(e, opts.model);
      } finally {
        clearTimeout(idle);
      }
    },
  };
}
