import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDedupeStore } from '../../src/store/dedupe-store';
import { openStateDb, type StateDb } from '../../src/store/state-db';
import { FixedClock } from './fakes';

const dbs: StateDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

describe('dedupe store', () => {
  it('treats an event as duplicate when any of its keys was seen, and survives a reopen', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-dedupe-'));
    const clock = new FixedClock();
    const db = openStateDb(dir);
    const store = createDedupeStore(db, { clock });
    expect(store.firstSeen(['msg:a', 'evt:1'])).toBe(true);
    expect(store.firstSeen(['msg:a', 'evt:1'])).toBe(false);
    expect(store.firstSeen(['msg:b', 'evt:1'])).toBe(false);
    expect(store.firstSeen(['msg:b', 'evt:2'])).toBe(true);
    db.close();

    const reopened = openStateDb(dir);
    dbs.push(reopened);
    const again = createDedupeStore(reopened, { clock });
    expect(again.firstSeen(['msg:a'])).toBe(false);
    // The default window is 7 days (longer than any re-push and the webhook freshness window).
    clock.advance(7 * 24 * 3600 * 1000 + 1);
    expect(again.firstSeen(['msg:a'])).toBe(true);
    expect(again.prune()).toBe(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('dedupe store: answered-then-remembered', () => {
  it('seen() does not record; remember() does, and a record 25 h old still stops a replay', () => {
    const clock = new FixedClock();
    const db = openStateDb(':memory:');
    dbs.push(db);
    const store = createDedupeStore(db, { clock });
    expect(store.seen(['lark:msg:om_1', 'lark:evt:e1'])).toBe(false);
    expect(store.seen(['lark:msg:om_1'])).toBe(false); // looking is not remembering
    store.remember(['lark:msg:om_1', 'lark:evt:e1']);
    expect(store.seen(['lark:evt:e1'])).toBe(true);
    clock.advance(25 * 3600 * 1000); // past the old 24 h window
    expect(store.seen(['lark:msg:om_1'])).toBe(true);
    clock.advance(7 * 24 * 3600 * 1000);
    expect(store.seen(['lark:msg:om_1'])).toBe(false);
  });
});

describe('conversation store retention', () => {
  it('prunes old turns but keeps recent ones', async () => {
    const { createConversationStore } = await import('../../src/store/conversation-store');
    const db = openStateDb(':memory:');
    dbs.push(db);
    const store = createConversationStore(db);
    const turn = (messageId: string, at: string) => ({
      transport: 'web' as const,
      conversationId: 'c',
      userId: 'u',
      messageId,
      at,
      question: 'q',
      answer: 'a',
      refused: false,
      citations: [],
    });
    store.append(turn('old', '2025-01-01T00:00:00.000Z'));
    store.append(turn('new', '2026-03-01T00:00:00.000Z'));
    expect(store.prune('2025-09-01T00:00:00.000Z')).toBe(1);
    expect(store.findByMessage('web', 'old')).toBeUndefined();
    expect(store.recent('c', 5).map((t) => t.messageId)).toEqual(['new']);
  });
});
