// Issue 13: a conversation turn and a 👍 that were acknowledged survive kill -9 of the process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateDb } from '../../src/store/state-db';

describe('state durability', () => {
  it('keeps the acknowledged turn and feedback after SIGKILL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-durable-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'durable-child.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const acked = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`child exited ${code} before ack: ${err}`)));
    });
    expect(acked).toBe('acked answer feedback');
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const db = openStateDb(dir);
    try {
      const turn = db.prepare('SELECT question FROM turns WHERE message_id = ?').get('web-durable-1') as
        { question: string } | undefined;
      expect(turn?.question).toBe('屋面防水工程保修期是多少？');
      const fb = db.prepare('SELECT rating FROM feedback WHERE message_id = ?').all('web-durable-1');
      expect(fb).toEqual([{ rating: 'up' }]);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL, set by openStateDb
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
