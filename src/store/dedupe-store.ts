// Event de-duplication: the platform re-delivers events (webhook retries after 15 s, 5 min, 1 h, 6 h, and
// reconnects on the long connection), so keys are remembered in SQLite for a window that survives a restart.
import type { Clock } from '../core/chat';
import type { StateDb } from './state-db';

/**
 * 7 days: far beyond Feishu's last re-push (6 h after the first) and the webhook freshness window (5 min), so a
 * captured event is stale before its id is forgotten even when clocks disagree. Rows are ~100 bytes each.
 * Configurable as ZHIYIN_DEDUPE_HOURS.
 */
export const DEFAULT_DEDUPE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface DedupeStore {
  /**
   * Atomically remember all keys; true when none of them was seen inside the window (the event is new).
   * A duplicate on any key (message_id or event_id) makes the whole event a duplicate.
   */
  firstSeen(keys: string[]): boolean;
  /** True when any of the keys was remembered inside the window (read only; see remember). */
  seen(keys: string[]): boolean;
  /**
   * Remember the keys as handled now. Transports call this once the event was answered, so a delivery that
   * failed before its answer is not mistaken for a duplicate when the platform re-delivers it.
   */
  remember(keys: string[]): void;
  /** Drop keys older than the window; returns how many were removed. */
  prune(): number;
}

export function createDedupeStore(db: StateDb, options: { windowMs?: number; clock?: Clock } = {}): DedupeStore {
  const windowMs = options.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const now = () => (options.clock ? options.clock.now().getTime() : Date.now());
  const lookup = db.prepare<[string, number], { at: number }>('SELECT at FROM seen_events WHERE key = ? AND at >= ?');
  const upsert = db.prepare<[string, number]>(
    'INSERT INTO seen_events(key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = excluded.at',
  );
  const del = db.prepare<[number]>('DELETE FROM seen_events WHERE at < ?');
  let sincePrune = 0;

  const firstSeen = db.transaction((keys: string[]): boolean => {
    const t = now();
    const cutoff = t - windowMs;
    const duplicate = keys.some((k) => lookup.get(k, cutoff) !== undefined);
    // Refresh only new events: a re-delivery must not extend the window forever.
    if (!duplicate) for (const k of keys) upsert.run(k, t);
    return !duplicate;
  });

  const prune = () => del.run(now() - windowMs).changes;
  const clean = (keys: string[]) => [...new Set(keys.filter(Boolean))];
  const remember = db.transaction((keys: string[]) => {
    const t = now();
    for (const k of keys) upsert.run(k, t);
  });

  return {
    firstSeen(keys) {
      const unique = [...new Set(keys.filter(Boolean))];
      if (unique.length === 0) return true;
      if (++sincePrune >= 500) {
        sincePrune = 0;
        prune();
      }
      return firstSeen(unique);
    },
    seen(keys) {
      const cutoff = now() - windowMs;
      return clean(keys).some((k) => lookup.get(k, cutoff) !== undefined);
    },
    remember(keys) {
      const unique = clean(keys);
      if (++sincePrune >= 500) {
        sincePrune = 0;
        prune();
      }
      if (unique.length > 0) remember(unique);
    },
    prune,
  };
}
