import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/ingest/progress';

/** Hand-written fake of a TTY stream that records what was written. */
function fakeStream(columns: number) {
  const writes: string[] = [];
  const stream = { columns, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('terminal progress bar', () => {
  it('draws the bar with counts and a shortened file name, and clears the line at the end', () => {
    const { stream, writes } = fakeStream(60);
    const bar = terminalProgress(stream);
    bar.update(3, 3, '司法解释/最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）.md');
    const line = writes.at(-1) ?? '';
    expect(line).toContain('[##############################] 3/3 …');
    expect(line.endsWith('.md')).toBe(true);
    expect([...line.slice('\r\x1b[2K'.length)].length).toBeLessThan(60);
    bar.done();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('throttles intermediate redraws but always draws the last one', () => {
    const { stream, writes } = fakeStream(100);
    const bar = terminalProgress(stream);
    for (let i = 1; i <= 500; i++) bar.update(i, 500, `f${i}.md`);
    expect(writes.length).toBeLessThan(20);
    expect(writes.at(-1)).toContain('500/500 f500.md');
  });
});
