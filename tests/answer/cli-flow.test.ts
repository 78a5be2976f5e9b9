import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askBatch, askOne, chatLoop } from '../../src/answer/batch';
import { createAnswerer } from '../../src/answer/create';
import { FakeRetriever } from './fixtures/fake-retriever';
import { sampleChunks } from './fixtures/sample-law';

const answerer = () => createAnswerer({ retriever: new FakeRetriever(sampleChunks()) });

describe('ask', () => {
  it('prints {"answer","citations","refused"} for one question', async () => {
    const out: string[] = [];
    expect(await askOne(answerer(), '屋面防水工程保修几年？', true, (l) => out.push(l))).toBe(true);
    const j = JSON.parse(out[0]!) as { answer: string; citations: { article: string }[]; refused: boolean };
    expect(j.refused).toBe(false);
    expect(j.answer).toContain('为5年');
    expect(j.citations[0]!.article).toBe('第十条');
  });

  it('answers a JSONL batch line by line with ids, reporting an empty question without stopping', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-ask-'));
    const file = path.join(dir, 'q.jsonl');
    fs.writeFileSync(
      file,
      [
        '{"id":"a","question":"投标人少于三个怎么办？"}',
        '{"id":"b","question":"  "}',
        '',
        '{"id":"c","question":"食堂周末开放吗？"}',
      ].join('\n'),
    );
    const out: string[] = [];
    await askBatch(answerer(), file, true, (l) => out.push(l));
    const rows = out.map((l) => JSON.parse(l) as { id: string; refused?: boolean; error?: string; answer?: string });
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]!.answer).toContain('重新招标');
    expect(rows[1]!.error).toBe('E_EMPTY_QUESTION');
    expect(rows[2]!.refused).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('chat', () => {
  it('carries the topic into a follow-up, /new resets it, /exit stops reading', async () => {
    const out: string[] = [];
    const retriever = new FakeRetriever(sampleChunks());
    const input = Readable.from(
      [
        '屋面防水工程的最低保修期是几年？',
        '那电气管线呢？',
        '/new',
        '那电气管线呢？',
        '/exit',
        '评标委员会几个人？',
      ].join('\n'),
    );
    await chatLoop(createAnswerer({ retriever }), input, (l) => out.push(l));
    const text = out.join('\n');
    const blocks = text.split('问> ').slice(1);
    expect(blocks).toHaveLength(3);
    expect(blocks[1]).toContain('(四)电气管线、给排水管道和装修工程，为2年。');
    expect(text).toContain('已开始新对话。');
    // The follow-up is searched alone and with the topic (to tell a topic shift); after /new the same words are
    // asked once, without the old topic.
    expect(retriever.calls.map((c) => c.options?.context?.previousTerms?.length ?? 0)).toEqual([0, 0, 4, 0]);
    expect(retriever.calls[3]!.query).toBe('那电气管线呢？');
    expect(text).not.toContain('评标委员会几个人');
  });
});
