// End to end: feedback written by the real chat stores → `zhiyin learn export` → `runIngest --learn` → the index's
// learned questions point at the confirmed articles.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { createRecordFeedback } from '../../src/chat/feedback';
import type { Citation } from '../../src/core/types';
import { buildSearchIndex } from '../../src/index/build';
import { runIngest } from '../../src/ingest/run';
import { writeFileAtomic } from '../../src/learn/atomic-write';
import { learnId } from '../../src/learn/feedback-export';
import { readFeedbackState } from '../../src/learn/state-reader';
import { loadIndex } from '../../src/retrieve/load';
import { createConversationStore } from '../../src/store/conversation-store';
import { createFeedbackStore } from '../../src/store/feedback-store';
import { openStateDb, type StateDb } from '../../src/store/state-db';

const run = promisify(execFile);
const BIN = path.resolve('bin/zhiyin.mjs');

/** The real binary in a child process: once, to show bin/zhiyin.mjs works (each spawn costs seconds under load). */
function spawnCli(...args: string[]) {
  return run(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, ZHIYIN_STATE: '' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/**
 * The same CLI entry (src/cli/main.ts) in this process, capturing stdout/stderr and the exit code: starting tsx
 * and the whole import graph per call made this file take over 30 s on a loaded 2-core machine.
 */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const before = process.exitCode;
  process.exitCode = undefined;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    stderr += a.map(String).join(' ') + '\n';
  });
  try {
    await main(['node', 'zhiyin', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}

const LAW_A = `# 中华人民共和国测试工程法

2020年1月1日 第一次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了规范测试工程活动，制定本法。

第十条 测试工程的评审委员会由五人以上单数组成。

第十条之一 评审委员会成员应当回避与本人有利害关系的项目。
`;

const LAW_B = `# 测试保修条例

2021年2月2日 公布

<!-- INFO END -->

第一条 为了保障测试工程质量，制定本条例。

第二条 屋面防水工程的最低保修期限为五年。
`;

let root: string;
let stateDir: string;
let db: StateDb;

const cite = (title: string, article: string, file: string): Citation => ({
  title,
  article,
  file,
  quote: '…',
  chunkId: `${file}#${article}`,
});

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-learn-'));
  stateDir = path.join(root, 'state');
  db = openStateDb(stateDir);
  const sessions = createConversationStore(db);
  const record = createRecordFeedback({ sessions, feedback: createFeedbackStore(db) });
  const turn = (
    messageId: string,
    question: string,
    citations: Citation[],
    at = '2026-11-20T08:00:00.000Z',
    conversationId = 'c1',
  ) =>
    sessions.append({
      transport: 'web',
      conversationId,
      userId: 'u1',
      messageId,
      at,
      question,
      answer: `回答：${question}`,
      refused: citations.length === 0,
      citations,
      context: { previousTerms: [question], previousFiles: citations.map((c) => c.file) },
    });
  turn('m1', '评审委员会 要几个人？', [cite('中华人民共和国测试工程法', '第十条', '测试工程法.md')]);
  turn('m2', '评审委员会  要几个人？', [cite('中华人民共和国测试工程法', '第十条之一', '测试工程法.md')]);
  turn('m3', '屋顶漏水保修几年', [cite('测试保修条例', '第二条', '测试保修条例.md')], '2026-01-01T00:00:00.000Z');
  turn('m4', '火星上能盖房吗', []);
  turn('m5', '测试法的立法目的', [cite('中华人民共和国测试工程法', '第一条', '测试工程法.md')]);
  // Asked right after m5 in the same conversation: answered with m5's context, so not learnable on its own.
  turn('m6', '那如果是第十条之一呢？', [cite('中华人民共和国测试工程法', '第十条之一', '测试工程法.md')]);
  // c2: a /new between two turns — the turn after it had no context, the one before it can no longer be told.
  turn('m7', '测试工程的评审委员会', [cite('中华人民共和国测试工程法', '第十条', '测试工程法.md')], undefined, 'c2');
  sessions.reset('c2', '2026-11-20T09:00:00.000Z');
  turn('m8', '那回避呢？', [cite('中华人民共和国测试工程法', '第十条之一', '测试工程法.md')], undefined, 'c2');
  for (const m of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
    record({ transport: 'web', userId: 'u1', messageId: m, rating: 'up' });
  // The same person changes their mind (web users may rate only their own answers, issue 16).
  record({ transport: 'web', userId: 'u1', messageId: 'm5', rating: 'down' });
  // The m3 turn is pruned by age: the export has to fall back to the 《标题》第N条 label kept in the feedback row.
  expect(sessions.prune('2026-06-01T00:00:00.000Z')).toBe(1);
  // db stays open: a running web chat holds the state while an operator exports.
});

afterAll(() => {
  db.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('zhiyin learn export (end to end)', () => {
  it('exports 👍 feedback from a live state dir and ingest --learn maps it onto the confirmed articles', async () => {
    const out = path.join(root, 'learn.jsonl');
    fs.writeFileSync(out, 'stale content that must be replaced\n');
    const r = await spawnCli('learn', 'export', '--state', stateDir, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'exported 2 questions (3 articles) from 6 👍; skipped 3: 1 without citation, 1 also rated 👎, ' +
        '1 follow-up (depends on the previous turn)',
    );
    expect(fs.readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      {
        id: learnId('评审委员会 要几个人？'),
        question: '评审委员会 要几个人？',
        gold: [
          { law: '中华人民共和国测试工程法', article: '第十条', files: ['测试工程法.md'] },
          { law: '中华人民共和国测试工程法', article: '第十条之一', files: ['测试工程法.md'] },
        ],
      },
      {
        id: learnId('屋顶漏水保修几年'),
        question: '屋顶漏水保修几年',
        gold: [{ law: '测试保修条例', article: '第二条' }],
      },
    ]);

    const corpus = path.join(root, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, '测试工程法.md'), LAW_A);
    fs.writeFileSync(path.join(corpus, '测试保修条例.md'), LAW_B);
    const indexDir = path.join(root, 'index');
    const summary = await runIngest({
      corpusDirs: [corpus],
      indexDir,
      learnFiles: [out],
      // Offline and small: no embedding endpoint from the environment, a tiny LSA for a 5-article corpus.
      buildIndex: (dir, chunks, o) => buildSearchIndex(dir, chunks, { ...o, embedding: null, lsaDim: 4 }),
    });
    expect(summary.errors).toEqual([]);
    const index = loadIndex(indexDir);
    const learned = index.learned.map((q) => ({
      question: q.question,
      articles: q.units.map((u) => `${index.units[u]![0]!.title}${index.units[u]![0]!.article}`).sort(),
    }));
    expect(learned).toEqual([
      {
        question: '评审委员会 要几个人？',
        articles: ['中华人民共和国测试工程法第十条', '中华人民共和国测试工程法第十条之一'],
      },
      { question: '屋顶漏水保修几年', articles: ['测试保修条例第二条'] },
    ]);
  }, 60_000);

  it('writes JSONL to stdout without --out and honours --since', async () => {
    const r = await cli('learn', 'export', '--state', stateDir, '--since', '2026-06-01');
    expect(r.code).toBe(0);
    const questions = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { question: string }).question);
    // m3's 👍 was given now (feedback rows carry their own time), so --since keeps it; a future date keeps none.
    expect(questions).toEqual(['评审委员会 要几个人？', '屋顶漏水保修几年']);
    const none = await cli('learn', 'export', '--state', stateDir, '--since', '2999-01-01');
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('exported 0 questions (0 articles) from 0 👍');
  }, 30_000);

  it('fails with exit code 1 and a clear message for a missing, empty or unreadable state dir', async () => {
    const missing = await cli('learn', 'export', '--state', path.join(root, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error E_CONFIG: State directory .*nope does not exist/);
    expect(fs.existsSync(path.join(root, 'nope'))).toBe(false);

    const empty = path.join(root, 'empty-state');
    fs.mkdirSync(empty);
    const noDb = await cli('learn', 'export', '--state', empty);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/error E_CONFIG: No state\.db in/);
    expect(fs.readdirSync(empty)).toEqual([]);

    const corrupt = path.join(root, 'corrupt-state');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(path.join(corrupt, 'state.db'), 'this is not a database, just text '.repeat(100));
    const bad = await cli('learn', 'export', '--state', corrupt);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error E_UNREADABLE: Cannot read the state database/);

    const badSince = await cli('learn', 'export', '--state', stateDir, '--since', 'last week');
    expect(badSince.code).toBe(1);
    expect(badSince.stderr).toContain('error E_BAD_REQUEST: --since "last week" is not an ISO date');
  }, 30_000);
});

describe('readFeedbackState', () => {
  it('tells the context each turn was answered with, honouring the last /new', () => {
    const state = readFeedbackState(stateDir);
    try {
      const ctx = (m: string) => state.turns.contextOf!(state.turns.findByMessage('web', m)!);
      expect(ctx('m1')).toBeUndefined();
      expect(ctx('m2')).toEqual({ previousTerms: ['评审委员会 要几个人？'], previousFiles: ['测试工程法.md'] });
      expect(ctx('m6')).toEqual({ previousTerms: ['测试法的立法目的'], previousFiles: ['测试工程法.md'] });
      expect(ctx('m8')).toBeUndefined();
      expect(ctx('m7')).toBe('unknown');
      expect(state.entries.map((e) => `${e.messageId}:${e.rating}`)).toEqual([
        'm1:up',
        'm2:up',
        'm3:up',
        'm4:up',
        'm5:up',
        'm6:up',
        'm5:down',
      ]);
    } finally {
      state.close();
    }
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves the old content when the write cannot finish', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-atomic-'));
    try {
      const file = path.join(dir, 'learn.jsonl');
      fs.writeFileSync(file, 'old\n');
      writeFileAtomic(file, 'new\n');
      expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
      // A directory in the way makes the rename fail: the error is clear and no temp file is left behind.
      const blocked = path.join(dir, 'blocked.jsonl');
      fs.mkdirSync(blocked);
      expect(() => writeFileAtomic(blocked, 'x\n')).toThrow(/Cannot write .*blocked\.jsonl/);
      expect(() => writeFileAtomic(path.join(dir, 'no-such-dir', 'f.jsonl'), 'x\n')).toThrow(/Cannot write/);
      expect(fs.readdirSync(dir).sort()).toEqual(['blocked.jsonl', 'learn.jsonl']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
