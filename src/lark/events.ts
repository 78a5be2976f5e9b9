// Zod schemas for the events the bot handles, in the flattened shape the SDK's EventDispatcher passes to
// handlers ({schema, ...header, ...event}). Only the fields the bot reads are declared; the rest pass through.
import { z } from 'zod';

const nullableString = z.string().nullish();

export const UserIdSchema = z.looseObject({
  open_id: nullableString,
  union_id: nullableString,
  user_id: nullableString,
});

export const MentionSchema = z.looseObject({
  key: z.string(),
  id: UserIdSchema.nullish(),
  name: z.string().nullish(),
  mentioned_type: z.string().nullish(),
});
export type Mention = z.infer<typeof MentionSchema>;

export const MessageReceiveSchema = z.looseObject({
  event_id: z.string().nullish(),
  event_type: z.string().nullish(),
  create_time: z.string().nullish(),
  sender: z.looseObject({
    sender_id: UserIdSchema.nullish(),
    sender_type: z.string().nullish(),
  }),
  message: z.looseObject({
    message_id: z.string().min(1),
    root_id: nullableString,
    parent_id: nullableString,
    thread_id: nullableString,
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(MentionSchema).nullish(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof MessageReceiveSchema>;

export const CardActionSchema = z.looseObject({
  event_id: z.string().nullish(),
  operator: z.looseObject({ open_id: nullableString, user_id: nullableString }).nullish(),
  token: z.string().nullish(),
  action: z.looseObject({
    value: z.unknown(),
    tag: z.string().nullish(),
    name: z.string().nullish(),
  }),
  context: z
    .looseObject({
      open_message_id: nullableString,
      open_chat_id: nullableString,
    })
    .nullish(),
});
export type CardActionEvent = z.infer<typeof CardActionSchema>;

/** The value our buttons carry (cards.ts builds them): a = action, m = question message id. */
export const ButtonValueSchema = z.discriminatedUnion('a', [
  z.object({ a: z.literal('fb'), r: z.enum(['up', 'down']), m: z.string().min(1) }),
  z.object({ a: z.literal('article'), c: z.string().min(1), m: z.string().min(1) }),
  z.object({ a: z.literal('full'), m: z.string().min(1) }),
]);
export type ButtonValue = z.infer<typeof ButtonValueSchema>;
