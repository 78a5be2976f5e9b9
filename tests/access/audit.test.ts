// The audit trail: one row per answer through processMessage, with who/chat/documents/filtered count and
// nothing secret; append-only; retention prune; `zhiyin audit --json`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startAuditPrune } from '../../src/access/audit-prune';
import { openChat } from '../../src/chat/open';
import { loadConfig } from '../../src/config';
import type { Answer } from '../../src/core/types';
import { createAuditStore } from '../../src/store/audit-store';
import { openStateDb } from '../../src/store/state-db';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { silentLogger } from '../../src/chat/log';

const run = promisify(execFile);
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-audit-'));
  dirs.push(d);
  return d;
};

const chunk = (file: string, article: string) => ({
  id: `${file}#${article}`,
  file,
  corpusDir: '/c',
  title: file,
  article,
  headingPath: [],
  text: '第一条 秘密正文不进审计。',
  page: null,
  versionDate: '',
  part: 0,
  seq: 0,
  textHash: 'h',
});

const answer: Answer = {
  answer: '秘密正文不进审计。',
  citations: [{ title: 'a', article: '第一条', file: 'a.md', quote: '秘密正文不进审计。', chunkId: 'a.md#第一条' }],
  refused: false,
  mode: 'extractive',
  hits: [
    { chunk: chunk('a.md', '第一条'), score: 2 },
    { chunk: chunk('b.md', '第二条'), score: 1 },
    { chunk: chunk('a.md', '第三条'), score: 0.5 },
  ],
};

describe('audit trail', () => {
  it('records every answer with who, chat, documents and the filtered count — no question, answer or token', async () => {
    const state = tmp();
    const config = loadConfig({ ZHIYIN_STATE: state, ZHIYIN_ACCESS_TOKEN: 'secret-token-abcdefgh' }, state);
    const answerer = new FakeAnswerer((_q, o) => {
      o?.onFiltered?.(3);
      return answer;
    });
    const chat = openChat(config, answerer, () => [], { clock: new FixedClock(), logger: silentLogger });
    try {
      await chat.processMessage({
        transport: 'lark',
        conversationId: 'lark:oc_g:om_1',
        userId: 'ou_alice',
        messageId: 'om_1',
        text: '我的身份证号是440301199001011234，廉政谈话记录由谁保管？',
        chatType: 'group',
        viewer: { principals: ['ou_alice'], tenantMember: true, group: { chatId: 'oc_g' } },
      });
      await chat.processMessage({
        transport: 'web',
        conversationId: 't',
        userId: 'web:bob',
        messageId: 'w1',
        text: '/help',
      });
      const rows = chat.audit.list();
      // Commands are not answers: one row.
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        transport: 'lark',
        userId: 'ou_alice',
        conversationId: 'lark:oc_g:om_1',
        chatType: 'group',
        messageId: 'om_1',
        refused: false,
        retrieved: ['a.md', 'b.md'],
        cited: ['a.md#第一条'],
        filtered: 3,
        at: '2026-03-01T08:00:00.000Z',
      });
      const raw = JSON.stringify(rows);
      expect(raw).not.toContain('440301199001011234');
      expect(raw).not.toContain('秘密正文');
      expect(raw).not.toContain('secret-token');
    } finally {
      chat.close();
    }
  });

  it('is append-only and prunes rows past the retention, at start and on the daily timer', async () => {
    const db = openStateDb(':memory:');
    const clock = new FixedClock(Date.parse('2026-03-01T00:00:00Z'));
    const audit = createAuditStore(db, { clock });
    const row = {
      transport: 'web' as const,
      userId: 'web:a',
      conversationId: 'c',
      chatType: 'p2p' as const,
      messageId: 'm',
      refused: false,
      retrieved: [],
      cited: [],
      filtered: 0,
    };
    audit.record(row);
    clock.advance(10 * 24 * 3600 * 1000);
    audit.record({ ...row, messageId: 'm2' });
    expect(() => db.prepare("UPDATE audit SET user_id = 'x'").run()).toThrow(/append-only/);
    expect(audit.prune(30)).toBe(0);
    expect(audit.prune(5)).toBe(1);
    expect(audit.list().map((r) => r.messageId)).toEqual(['m2']);
    expect(audit.list({ since: '2026-03-11' }).length).toBe(1);
    expect(audit.list({ since: '2026-03-12' }).length).toBe(0);
    expect(audit.list({ userId: 'web:other' }).length).toBe(0);

    // The timer prunes again without a restart.
    clock.advance(2 * 24 * 3600 * 1000);
    let calls = 0;
    const counting = { ...audit, prune: (d: number) => (calls++, audit.prune(d)) };
    const stop = startAuditPrune(counting, 1, silentLogger, 20);
    await new Promise((r) => setTimeout(r, 120));
    stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(audit.list()).toHaveLength(0);
    db.close();
  });

  it('`zhiyin audit --json --user` prints the rows of that user', async () => {
    const state = tmp();
    const db = openStateDb(state);
    const audit = createAuditStore(db);
    const base = {
      transport: 'web' as const,
      conversationId: 'c',
      chatType: 'p2p' as const,
      refused: false,
      retrieved: ['x.md'],
      cited: [],
      filtered: 1,
    };
    audit.record({ ...base, userId: 'web:alice', messageId: 'a1' });
    audit.record({ ...base, userId: 'web:bob', messageId: 'b1' });
    db.close();
    const { stdout } = await run(process.execPath, ['bin/zhiyin.mjs', 'audit', '--json', '--user', 'web:alice'], {
      env: { ...process.env, ZHIYIN_STATE: state },
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { messageId: string; filtered: number });
    expect(lines.map((l) => l.messageId)).toEqual(['a1']);
    expect(lines[0]!.filtered).toBe(1);
    const bad = await run(process.execPath, ['bin/zhiyin.mjs', 'audit', '--since', 'yesterday-ish'], {
      env: { ...process.env, ZHIYIN_STATE: state },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
  }, 180_000);
});
