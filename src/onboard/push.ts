// The daily push: on each working day (Chinese public holidays and 调休 make-up days from the `chinese-days`
// package, bundled data, no network), at the configured local time, every opted-in user gets the next lesson.
// The (user, day) slot is claimed in SQLite before sending, so a restart or a second replica on the same state
// file never sends twice; a failed send releases its claim for the next tick.
import chineseDays from 'chinese-days';
import type { OnboardView } from '../core/onboard';
import type { OperatorLogger } from '../chat/log';
import { describeError } from '../chat/log';
import type { Onboarding } from './service';

/** Sends one pushed lesson to a user's push target (e.g. a Lark open_id); `key` is stable per (user, day). */
export type PushSender = (target: string, view: OnboardView, key: string) => Promise<void>;

export interface PushOptions {
  onboarding: Onboarding;
  send: PushSender;
  /** "HH:MM", local to `timeZone`. */
  time: string;
  timeZone: string;
  now?: () => Date;
  /** Working day test for a local date "YYYY-MM-DD"; default: chinese-days (holidays and 调休). */
  isWorkday?: (day: string) => boolean;
  logger?: OperatorLogger;
}

export interface PushTickResult {
  day: string;
  /** Why nothing was sent ('before_time', 'not_workday'), when so. */
  skipped?: string;
  sent: string[];
  failed: string[];
}

/** Local date and minute-of-day of `at` in `timeZone`. */
export function localParts(at: Date, timeZone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** Working day per the State Council schedule bundled in chinese-days (weekends count unless 调休 makes them work). */
export function isChineseWorkday(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/** One pass: send today's lesson to each opted-in user whose slot is still free. */
export async function pushTick(o: PushOptions): Promise<PushTickResult> {
  const at = (o.now ? o.now() : new Date()) as Date;
  const { day, minutes } = localParts(at, o.timeZone);
  const [h, m] = o.time.split(':').map(Number);
  const result: PushTickResult = { day, sent: [], failed: [] };
  if (minutes < (h ?? 9) * 60 + (m ?? 0)) return { ...result, skipped: 'before_time' };
  if (!(o.isWorkday ?? isChineseWorkday)(day)) return { ...result, skipped: 'not_workday' };
  const store = o.onboarding.store;
  for (const user of store.users()) {
    if (!user.pushOptIn || !user.pushTarget) continue;
    if (!store.claimPush(user.userId, day, at.toISOString())) continue;
    try {
      const view = o.onboarding.next(user.userId);
      if (view.kind === 'finished' || view.kind === 'empty') {
        store.markPushSent(user.userId, day, at.toISOString());
        continue;
      }
      await o.send(user.pushTarget, view, `onboard-push:${user.userId}:${day}`);
      store.markPushSent(user.userId, day, at.toISOString());
      result.sent.push(user.userId);
    } catch (e) {
      store.releasePush(user.userId, day);
      result.failed.push(user.userId);
      o.logger?.warn('onboard.push_failed', { userId: user.userId, day, error: describeError(e) });
    }
  }
  if (result.sent.length > 0) o.logger?.info('onboard.pushed', { day, users: result.sent.length });
  return result;
}

/** Run pushTick every `everyMs` (default one minute) until stop(); ticks never overlap. */
export function startDailyPush(o: PushOptions, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = pushTick(o)
      .catch((e: unknown) => o.logger?.error('onboard.push_tick_failed', { error: describeError(e) }))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
