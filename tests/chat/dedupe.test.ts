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
    clock.advance(25 * 3600 * 1000);
    expect(again.firstSeen(['msg:a'])).toBe(true);
    expect(again.prune()).toBe(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
