// LLM-as-judge through the real openai SDK against a fake OpenAI-compatible server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../../src/llm/openai-chat';
import { judgeAnswers, parseVerdict } from '../../src/eval/judge';
import { parseEvalSet } from '../../src/eval/dataset';
import { runSystem } from '../../src/eval/runner';
import { ScriptedAnswerer, ScriptedRetriever, chunk, cite } from './fakes';

const replies = [
  '{"verdict":"correct","reason":"数字一致"}',
  '好的：{"verdict":"partial"}',
  'I think it is fine', // not JSON: invalid, counted as 0
];
const bodies: { messages: { role: string; content: string }[]; temperature?: number }[] = [];
let server: http.Server;
let baseURL = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      const content = replies.shift() ?? '{"verdict":"incorrect"}';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'judge',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('LLM judge', () => {
  it('parses verdicts defensively', () => {
    expect(parseVerdict('{"verdict":"incorrect"}')).toBe('incorrect');
    expect(parseVerdict('{"verdict":"maybe"}')).toBe('invalid');
    expect(parseVerdict('{broken')).toBe('invalid');
  });

  it('judges answered answerable questions only, with the gold text in the prompt', async () => {
    const docs = [0, 1, 2].map((i) => chunk('a.md', '甲法', `第${'一二三'[i]}条`));
    const lines = docs.map((d, i) => ({
      id: `q${i}`,
      question: `问${i}`,
      gold: [{ law: '甲法', article: d.article }],
    }));
    lines.push({ id: 'q3', question: '问3', gold: lines[0]!.gold }); // refused: not judged
    const items = parseEvalSet(lines.map((l) => JSON.stringify(l)).join('\n'));
    const answers = new Map(docs.map((d, i) => [`问${i}`, { answer: `答${i}`, citations: [cite(d)] }]));
    answers.set('问3', { answer: '知识库中没有找到', citations: [], refused: true } as never);
    const run = await runSystem(items, {
      name: 'ours',
      retriever: new ScriptedRetriever(new Map()),
      answerer: new ScriptedAnswerer(answers),
    });
    const model = createOpenAIChatModel({ baseURL, apiKey: 'k', model: 'judge', timeoutMs: 5000, maxRetries: 0 });
    const j = await judgeAnswers(run.results, { model, goldText: (g) => `${g.article} 条文原文` });
    expect(j.judged).toBe(3);
    expect(j.counts).toEqual({ correct: 1, partial: 1, incorrect: 0, invalid: 1 });
    expect(j.score).toBeCloseTo(0.5, 6);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]?.temperature).toBe(0);
    expect(bodies[1]?.messages[1]?.content).toContain('第二条 条文原文');
    expect(bodies[1]?.messages[1]?.content).toContain('答1');
  });
});
