// Retrieval bench: ours vs the plain-BM25 baseline on gov-works dev and STARD dev (national corpus).
// STARD learning: the optimistic row learns from the same dev file it evaluates; the fair rows learn on part of
// it and evaluate on the rest. 5-fold (learn on 80%) is the closest stand-in for the held-out check, where the
// whole dev file is learned; 2-fold (learn on 50%) is the pessimistic bound.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Retriever } from '../core/interfaces';
import { mapLearned, readLearnFiles } from '../index/learned';
import { runIngest } from '../ingest/run';
import { openChunkStore } from '../store/chunk-store';
import { buildBaselineRetriever } from '../retrieve/baseline';
import { HybridEngine } from '../retrieve/engine';
import { goldRanks, mrrAt, recallAt, type EvalQuestion } from '../retrieve/gold';
import { loadIndex, type LoadedIndex } from '../retrieve/load';
import { trainReranker } from '../retrieve/rerank-train';

export interface RetrievalScores {
  n: number;
  r1: number;
  r5: number;
  r10: number;
  r100: number;
  mrr10: number;
  p50ms: number;
  p95ms: number;
}

export function readEval(file: string): EvalQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion)
    .filter((q) => q.answerable !== false);
}

export async function scoreRetriever(r: Retriever, qs: EvalQuestion[]): Promise<RetrievalScores> {
  const acc = { r1: 0, r5: 0, r10: 0, r100: 0, mrr10: 0 };
  const times: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    const hits = await r.search(q.question, { k: 100 });
    times.push(performance.now() - t);
    const ranks = goldRanks(
      hits.map((h) => h.chunk),
      q.gold,
    );
    acc.r1 += recallAt(ranks, 1);
    acc.r5 += recallAt(ranks, 5);
    acc.r10 += recallAt(ranks, 10);
    acc.r100 += recallAt(ranks, 100);
    acc.mrr10 += mrrAt(ranks, 10);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => Number((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(1));
  const n = qs.length || 1;
  const r3 = (x: number) => Number((x / n).toFixed(3));
  return {
    n: qs.length,
    r1: r3(acc.r1),
    r5: r3(acc.r5),
    r10: r3(acc.r10),
    r100: r3(acc.r100),
    mrr10: r3(acc.mrr10),
    p50ms: pct(0.5),
    p95ms: pct(0.95),
  };
}

function dirSize(dir: string): number {
  let s = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    s += e.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return s;
}

const mb = (b: number) => Number((b / 1048576).toFixed(1));
const rssMb = () => mb(process.resourceUsage().maxRSS * 1024);

async function buildAndOpen(corpus: string, learnFiles: string[]) {
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-bench-'));
  const t = performance.now();
  const summary = await runIngest({ corpusDirs: [corpus], indexDir, learnFiles });
  const buildMs = Math.round(performance.now() - t);
  const t2 = performance.now();
  const idx = loadIndex(indexDir);
  const engine = new HybridEngine(idx, undefined);
  const loadMs = Math.round(performance.now() - t2);
  const store = openChunkStore(indexDir);
  const chunks = store.all();
  store.close();
  return {
    indexDir,
    idx,
    engine,
    chunks,
    buildMs,
    indexMs: Math.round(summary.indexMs ?? 0),
    loadMs,
    sizeMb: mb(dirSize(indexDir)),
  };
}

export async function runRetrievalBench(opts: { sharedDir: string }): Promise<{
  title: string;
  lines: string[];
  json: Record<string, unknown>;
}> {
  const lines: string[] = [];
  const json: Record<string, unknown> = {};
  const row = (name: string, s: RetrievalScores) =>
    lines.push(
      `${name.padEnd(34)} R@1 ${s.r1.toFixed(3)}  R@5 ${s.r5.toFixed(3)}  R@10 ${s.r10.toFixed(3)}  R@100 ${s.r100.toFixed(3)}  MRR@10 ${s.mrr10.toFixed(3)}  p50 ${s.p50ms}ms p95 ${s.p95ms}ms`,
    );

  // gov-works: no learning (the realistic fresh-install case).
  const gwCorpus = path.join(opts.sharedDir, 'corpus', 'gov-works');
  const gwQs = readEval(path.join(opts.sharedDir, 'eval', 'gov-works', 'dev.jsonl'));
  const gw = await buildAndOpen(gwCorpus, []);
  const gwOurs = await scoreRetriever(gw.engine, gwQs);
  const gwBase = await scoreRetriever(buildBaselineRetriever(gw.chunks), gwQs);
  lines.push(`gov-works dev (${gwQs.length} answerable questions, ${gw.chunks.length} chunks)`);
  row('  ours (hybrid)', gwOurs);
  row('  baseline (BM25 per article)', gwBase);
  json.govWorks = { ours: gwOurs, baseline: gwBase, buildMs: gw.buildMs, sizeMb: gw.sizeMb };
  fs.rmSync(gw.indexDir, { recursive: true, force: true });

  // STARD over the national corpus, learning from stard/dev.jsonl only.
  const natCorpus = path.join(opts.sharedDir, 'corpus', 'national');
  const stardFile = path.join(opts.sharedDir, 'eval', 'stard', 'dev.jsonl');
  const stQs = readEval(stardFile);
  const nat = await buildAndOpen(natCorpus, [stardFile]);
  const optimistic = await scoreRetriever(nat.engine, stQs);
  const rssOurs = rssMb();
  const noLearn = await scoreRetriever(new HybridEngine({ ...nat.idx, learned: [], reranker: undefined }), stQs);
  const all = readLearnFiles([stardFile]);
  const fair5 = await crossValidate(nat.idx, all, stQs, 5);
  const fair = await crossValidate(nat.idx, all, stQs, 2);
  const base = await scoreRetriever(buildBaselineRetriever(nat.chunks), stQs);
  lines.push(`STARD dev over national (${stQs.length} questions, ${nat.chunks.length} chunks)`);
  row('  ours, learned on dev (optimistic)', optimistic);
  row('  ours, 5-fold learn/eval (held-out)', fair5.scores);
  row('  … same, fused order (no re-ranker)', fair5.fusedOnly);
  row('  ours, 2-fold learn/eval (held-out)', fair.scores);
  row('  ours, no learning', noLearn);
  row('  baseline (BM25 per article)', base);
  lines.push(
    `  national build ${(nat.buildMs / 1000).toFixed(1)} s (search index ${(nat.indexMs / 1000).toFixed(1)} s), ` +
      `index ${nat.sizeMb} MB, cold load ${nat.loadMs} ms, peak RSS ${rssOurs} MB (ours, before baseline)`,
  );
  json.stard = {
    optimistic,
    fiveFold: fair5.scores,
    fiveFoldFusedOnly: fair5.fusedOnly,
    fair: fair.scores,
    folds: fair.folds,
    noLearning: noLearn,
    baseline: base,
  };
  json.national = {
    buildMs: nat.buildMs,
    indexMs: nat.indexMs,
    sizeMb: nat.sizeMb,
    coldLoadMs: nat.loadMs,
    peakRssMb: rssOurs,
    meta: nat.idx.meta,
  };
  fs.rmSync(nat.indexDir, { recursive: true, force: true });
  return { title: 'Retrieval: ours vs baseline', lines, json };
}

/**
 * Held-out estimate: k folds by position (line i is in fold i mod k); each fold is evaluated by an engine that
 * learned from the other folds only (learned data rebuilt in memory, the index is shared).
 */
async function crossValidate(
  idx: LoadedIndex,
  learnable: EvalQuestion[],
  questions: EvalQuestion[],
  k: number,
): Promise<{ scores: RetrievalScores; fusedOnly: RetrievalScores; folds: RetrievalScores[] }> {
  const units = idx.units.map((chunks) => ({ chunks }));
  const folds: RetrievalScores[] = [];
  const fused: RetrievalScores[] = [];
  for (let f = 0; f < k; f++) {
    const learned = mapLearned(
      learnable.filter((_, i) => i % k !== f),
      units,
    );
    // The re-ranker is trained the way a build trains it, from this fold's training questions only.
    const { model } = await trainReranker({ ...idx, learned });
    const test = questions.filter((_, i) => i % k === f);
    folds.push(await scoreRetriever(new HybridEngine({ ...idx, learned, reranker: model }), test));
    fused.push(await scoreRetriever(new HybridEngine({ ...idx, learned, reranker: undefined }), test));
  }
  return { scores: averageScores(folds), fusedOnly: averageScores(fused), folds };
}

function averageScores(list: RetrievalScores[]): RetrievalScores {
  const n = list.reduce((a, s) => a + s.n, 0) || 1;
  const w = (key: keyof RetrievalScores) => Number((list.reduce((a, s) => a + s[key] * s.n, 0) / n).toFixed(3));
  return {
    n,
    r1: w('r1'),
    r5: w('r5'),
    r10: w('r10'),
    r100: w('r100'),
    mrr10: w('mrr10'),
    // Latency percentiles do not average; report the slower fold.
    p50ms: Math.max(...list.map((s) => s.p50ms)),
    p95ms: Math.max(...list.map((s) => s.p95ms)),
  };
}
