// Operator log format: readable lines on a terminal, JSON lines for LOG_FORMAT=json and when not a terminal.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createOperatorLogger } from '../../src/chat/log';
import { loadConfig } from '../../src/config';

const now = () => new Date(2026, 2, 1, 9, 5, 7);

function lines(options: Parameters<typeof createOperatorLogger>[0]): string[] {
  const out: string[] = [];
  const log = createOperatorLogger({ ...options, write: (l) => out.push(l), now });
  log.info('chat.answered', { ms: 12, question: '保修 期限', app_secret: 'abc' });
  log.debug('hidden');
  return out;
}

describe('operator log format', () => {
  it('is readable text on a terminal, secrets still redacted', () => {
    const [line, ...rest] = lines({ format: 'auto', isTTY: true });
    expect(rest).toEqual([]);
    expect(line).toBe('09:05:07 info  chat.answered ms=12 question="保修 期限" app_secret=[redacted]');
  });

  it('is JSON lines when not a terminal, and for LOG_FORMAT=json on a terminal', () => {
    for (const opts of [
      { format: 'auto' as const, isTTY: false },
      { format: 'json' as const, isTTY: true },
    ]) {
      const [line] = lines(opts);
      expect(JSON.parse(line!)).toMatchObject({
        level: 'info',
        event: 'chat.answered',
        ms: 12,
        app_secret: '[redacted]',
      });
    }
    expect(lines({ format: 'text', isTTY: false })[0]).toMatch(/^09:05:07 info {2}chat\.answered /);
  });

  it('is configured by LOG_FORMAT (auto by default; other values rejected)', () => {
    expect(loadConfig({}, os.tmpdir()).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }, os.tmpdir()).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, os.tmpdir())).toThrow(/LOG_FORMAT/);
  });
});
