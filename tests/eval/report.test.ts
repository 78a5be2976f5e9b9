import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvalSet } from '../../src/eval/dataset';
import { runSystem } from '../../src/eval/runner';
import { buildSetReport } from '../../src/eval/set-report';
import { baselineFromReport, checkGate, readBaseline, writeBaseline } from '../../src/eval/gate';
import { writeReport } from '../../src/eval/write-report';
import type { EvalReport } from '../../src/eval/types';
import type { Answer } from '../../src/core/types';
import { ScriptedAnswerer, ScriptedRetriever, chunk, cite } from './fakes';

const docs = Array.from({ length: 6 }, (_, i) =>
  chunk(`doc${i % 2}.md`, `文件${i % 2}<b>`, `第${'一二三四五六'[i]}条`),
);
const items = parseEvalSet(
  docs
    .map((d, i) => ({
      id: `q${i}`,
      question: `问题${i}`,
      gold: [{ law: d.title, article: d.article, files: [`x/${d.file}`] }],
      facts: [`事实${i}`],
    }))
    .concat([{ id: 'out', question: '无关', gold: [], facts: [], answerable: false } as never])
    .map((x) => JSON.stringify(x))
    .join('\n'),
);

async function runWith(order: 'good' | 'reversed') {
  const script = new Map(
    docs.map((d, i) => {
      const rest = docs.filter((x) => x !== d);
      return [`问题${i}`, order === 'good' ? [d, ...rest] : [...rest.reverse(), d]];
    }),
  );
  const answers = new Map<string, Partial<Answer>>(
    docs.map((d, i) => [
      `问题${i}`,
      order === 'good'
        ? { answer: `事实${i}`, citations: [cite(d)] }
        : { answer: '…', citations: [cite(docs[(i + 1) % 6]!)] },
    ]),
  );
  answers.set(
    '无关',
    order === 'good' ? { answer: '知识库中没有找到', citations: [], refused: true } : { answer: 'x', citations: [] },
  );
  const retriever = new ScriptedRetriever(script);
  return runSystem(items, { name: order, retriever, answerer: new ScriptedAnswerer(answers) });
}

async function report(order: 'good' | 'reversed'): Promise<EvalReport> {
  const ours = await runWith(order);
  const baseline = await runWith('reversed');
  return {
    generatedAt: '2026-01-01T00:00:00Z',
    sets: [buildSetReport({ name: 'toy', setFile: 'toy.jsonl', corpusDirs: ['/c'], ours, baseline })],
  };
}

describe('report', () => {
  it('writes JSON, Markdown, self-contained HTML and per-question JSONL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-eval-'));
    const r = await report('good');
    const files = writeReport(r, dir).map((f) => path.basename(f));
    expect(files).toEqual(['report.json', 'report.md', 'report.html', 'toy.ours.jsonl', 'toy.baseline.jsonl']);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(json.sets[0].ours.metrics.recall1).toBe(1);
    expect(json.sets[0].baseline.metrics.recall1).toBe(0);
    expect(json.sets[0].ratio.recall1).toBeNull(); // baseline 0: no ratio rather than Infinity
    expect(json.sets[0].ratio.recall100).toBe(1);
    const lines = fs
      .readFileSync(path.join(dir, 'toy.baseline.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatchObject({
      id: 'q0',
      gold: ['《文件0<b>》第一条'],
      goldRanks: [6],
      pass: { hit5: false, facts: false },
    });
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('文件0&#60;b&#62;'); // titles are escaped
    expect((html.match(/<svg/g) ?? []).length).toBe(2); // metric bars + per-document bars
    expect(html).toContain('最差的题目');
    const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/\| Recall@1 \| 100\.0% \| 0\.0% \| n\/a \|/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('gate', () => {
  it('passes an unchanged run and fails a broken one, naming the metrics that dropped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-gate-'));
    const file = path.join(dir, 'baseline.json');
    writeBaseline(file, baselineFromReport(await report('good')));
    const recorded = readBaseline(file);
    expect(recorded.tolerance).toBe(0.02);
    expect(recorded.sets.toy?.ours.recall1).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });

    expect(checkGate(await report('good'), recorded)).toMatchObject({ ok: true, failures: [] });
    const broken = checkGate(await report('reversed'), recorded);
    expect(broken.ok).toBe(false);
    const metrics = broken.failures.map((f) => f.metric);
    expect(metrics).toEqual(
      expect.arrayContaining(['recall1', 'mrr10', 'factAccuracy', 'citationPrecision', 'refusalRecall']),
    );
    expect(metrics).not.toContain('recall100'); // still found within 100: no false alarm
  });

  it('tolerates drops within the tolerance and reports sets it could not run', async () => {
    const r = await report('good');
    const b = baselineFromReport(r);
    b.sets.toy!.ours.recall1 = 1.015;
    b.sets.other = { ours: { recall1: 1 } };
    const g = checkGate(r, b);
    expect(g.ok).toBe(true);
    expect(g.skipped).toEqual(['other']);
    b.sets.toy!.ours.recall1 = 1.03;
    expect(checkGate(r, b).failures).toMatchObject([{ set: 'toy', metric: 'recall1', drop: 0.03 }]);
  });
});
