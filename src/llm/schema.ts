// OpenAI-compatible servers differ in what they actually send (null content, missing choices, extra fields):
// validate the parts we read instead of trusting the SDK's static types.
import { z } from 'zod';

export const CompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});

export const StreamChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish() })),
});
