// Middleware-style steps between a received im.message.receive_v1 and processMessage. Each step either lets
// the event through (possibly enriching it) or stops it with a reason that goes to the operator log.
import type { IncomingMessage } from '../core/chat';
import type { DedupeStore } from '../store/dedupe-store';
import { RateLimiter } from '../limits/rate-limit';
import { extractText, stripMentions } from './content';
import type { Mention, MessageReceiveEvent } from './events';

export interface Inbound {
  event: MessageReceiveEvent;
  /** Where the answer goes: reply to this message, in its thread or not. */
  replyTo: string;
  inThread: boolean;
  /** Set by the content step; absent for unsupported message types. */
  incoming?: IncomingMessage;
  unsupportedType?: string;
  /** Set by the rate-limit step: answered with a short notice instead of a search. */
  rateLimited?: boolean;
  /** Set by the content step when the content could not be read (malformed JSON nodes): answered with an error. */
  unreadable?: boolean;
  /** Set by the de-dup step: the keys to remember once the event was answered. */
  dedupeKeys?: string[];
}

export type StepResult = { ok: true } | { ok: false; reason: string };
export type Step = (inbound: Inbound) => StepResult;

const pass: StepResult = { ok: true };
const stop = (reason: string): StepResult => ({ ok: false, reason });

export function isBotMention(m: Mention, botOpenId: string | undefined): boolean {
  if (botOpenId) return m.id?.open_id === botOpenId;
  // Bot identity unknown (bot info call failed): without the "all group messages" permission the platform only
  // delivers group messages that @mention the bot, so any explicit mention is taken as addressed to it.
  return m.key !== '@_all';
}

export function ignoreOwnMessages(botOpenId: () => string | undefined): Step {
  return ({ event }) => {
    if (event.sender.sender_type === 'app') return stop('sender_is_app');
    const bot = botOpenId();
    if (bot && event.sender.sender_id?.open_id === bot) return stop('own_message');
    return pass;
  };
}

export function groupsOnlyWhenMentioned(botOpenId: () => string | undefined): Step {
  return ({ event }) => {
    if (event.message.chat_type === 'p2p') return pass;
    const mentions = event.message.mentions ?? [];
    return mentions.some((m) => isBotMention(m, botOpenId())) ? pass : stop('group_without_mention');
  };
}

export interface DedupeGate {
  step: Step;
  /**
   * Call once the event's work ended: `answered` remembers it as handled (persistently); otherwise it is only
   * released, so a re-delivery is answered. Never calling it would block the event's keys until restart.
   */
  finish(inbound: Inbound, answered: boolean): void;
}

/**
 * De-duplication in two phases (issue 13): the step rejects keys remembered in the store or still being
 * answered in this process; the keys are stored only when finish(…, true) says the user got a reply. Recording
 * at arrival lost messages whose handling failed: the platform's re-delivery was then dropped as a duplicate.
 */
export function dedupe(store: DedupeStore): DedupeGate {
  const pending = new Set<string>();
  return {
    step: (inbound) => {
      const { event } = inbound;
      const keys = [`lark:msg:${event.message.message_id}`];
      if (event.event_id) keys.push(`lark:evt:${event.event_id}`);
      if (keys.some((k) => pending.has(k)) || store.seen(keys)) return stop('duplicate');
      for (const k of keys) pending.add(k);
      inbound.dedupeKeys = keys;
      return pass;
    },
    finish(inbound, answered) {
      const keys = inbound.dedupeKeys ?? [];
      if (answered) store.remember(keys);
      for (const k of keys) pending.delete(k);
      inbound.dedupeKeys = undefined;
    },
  };
}

/**
 * Per-user sliding window: people ask a few questions a minute; a loop (another bot, a script) would burn the
 * platform's 5-per-second send budget and LLM money. Over the limit the user gets a short notice.
 */
export function perUserRateLimit(maxPerMinute: number, now: () => number = Date.now): Step {
  const limiter = new RateLimiter(maxPerMinute, now);
  return (inbound) => {
    const user = inbound.event.sender.sender_id?.open_id ?? 'unknown';
    if (!limiter.take(user)) inbound.rateLimited = true;
    return pass;
  };
}

/** Conversation key: a group thread (root message) or the p2p chat (its thread when the user uses one). */
export function conversationIdOf(event: MessageReceiveEvent): string {
  const m = event.message;
  if (m.chat_type === 'p2p') return m.root_id && m.thread_id ? `lark:${m.chat_id}:${m.root_id}` : `lark:${m.chat_id}`;
  return `lark:${m.chat_id}:${m.root_id || m.message_id}`;
}

export function readContent(botOpenId: () => string | undefined): Step {
  return (inbound) => {
    const { message, sender } = inbound.event;
    let extracted: ReturnType<typeof extractText>;
    try {
      extracted = extractText(message.message_type, message.content);
    } catch {
      // Content is a JSON string the platform fills from user input; any shape we cannot read (null nodes,
      // numbers where text was expected) is answered with an error text instead of failing the delivery.
      inbound.unreadable = true;
      return pass;
    }
    if (!extracted) {
      inbound.unsupportedType = message.message_type;
      return pass;
    }
    const text = stripMentions(extracted.text, message.mentions ?? [], (m) => isBotMention(m, botOpenId()));
    inbound.incoming = {
      transport: 'lark',
      conversationId: conversationIdOf(inbound.event),
      userId: sender.sender_id?.open_id ?? sender.sender_id?.union_id ?? 'unknown',
      messageId: message.message_id,
      text,
      chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    };
    return pass;
  };
}

export function toInbound(event: MessageReceiveEvent): Inbound {
  const m = event.message;
  return { event, replyTo: m.message_id, inThread: m.chat_type !== 'p2p' || Boolean(m.thread_id) };
}

export function runSteps(inbound: Inbound, steps: Step[]): StepResult {
  for (const step of steps) {
    const r = step(inbound);
    if (!r.ok) return r;
  }
  return pass;
}

/** Replies about a stored turn go to the same place as its answer: threads for group and thread conversations. */
export function inThreadFor(conversationId: string): boolean {
  return conversationId.split(':').length >= 3;
}
