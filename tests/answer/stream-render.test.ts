import { describe, expect, it } from 'vitest';
import { markerRenderer } from '../../src/answer/stream-render';
import { sampleChunks } from './fixtures/sample-law';

const part = sampleChunks().find((c) => c.article === '第二十条')!;
const passages = [{ n: 1, parts: [part], text: part.text }];

function run(deltas: string[]): string[] {
  const out: string[] = [];
  const r = markerRenderer(passages, (d) => out.push(d));
  for (const d of deltas) r.push(d);
  r.end();
  return out;
}

describe('markerRenderer', () => {
  it('renders known markers, drops unknown ones, passes other brackets through', () => {
    expect(run(['备案期限15日[1][7]', '，见【1】。[注]'])).toEqual([
      '备案期限15日（《示例工程质量办法》第二十条）',
      '，见（《示例工程质量办法》第二十条）。[注]',
    ]);
  });

  it('holds back a marker split over deltas and flushes a dangling bracket at the end', () => {
    expect(run(['a[', '1', ']b', '['])).toEqual(['a', '（《示例工程质量办法》第二十条）b', '[']);
  });
});
