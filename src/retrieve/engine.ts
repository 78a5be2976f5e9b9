// The hybrid retriever: BM25 + dense vectors + learned questions + priors, with query analysis on top.
import type { Embedder, RetrievalContext, SearchOptions } from '../core/interfaces';
import type { Chunk, Hit } from '../core/types';
import { Bm25Index } from '../index/bm25';
import { tokenize } from '../index/tokenizer';
import { normaliseTitle } from './aliases';
import { DEFAULT_WEIGHTS, VIA, viaNames, type FusionWeights } from './fusion';
import type { LoadedIndex } from './load';
import { QueryAnalyser } from './query';

export interface DocumentEntry {
  title: string;
  file: string;
  corpusDir: string;
  chunks: number;
  versionDate: string;
  units: number[];
}

export class HybridEngine {
  readonly docs: DocumentEntry[] = [];
  private readonly unitDoc: Int32Array;
  private readonly byId = new Map<string, { unit: number; chunk: Chunk }>();
  private readonly byArticle = new Map<string, number>();
  private readonly olderVersion: Uint8Array;
  private readonly analyser: QueryAnalyser;
  private readonly learnedIndex?: Bm25Index;
  private readonly unitPrior: Float32Array;
  private readonly docPrior: Float32Array;
  private readonly maxDocPrior: number;

  constructor(
    private readonly idx: LoadedIndex,
    private readonly weights: FusionWeights = DEFAULT_WEIGHTS,
    /** Remote embedder for queries when the index was built with one. */
    private readonly queryEmbedder?: Embedder,
  ) {
    const docKey = new Map<string, number>();
    this.unitDoc = new Int32Array(idx.units.length);
    idx.units.forEach((chunks, u) => {
      const c = chunks[0]!;
      const key = `${c.corpusDir}\u0000${c.file}`;
      let d = docKey.get(key);
      if (d === undefined) {
        d = this.docs.length;
        docKey.set(key, d);
        this.docs.push({
          title: c.title,
          file: c.file,
          corpusDir: c.corpusDir,
          chunks: 0,
          versionDate: c.versionDate,
          units: [],
        });
      }
      const doc = this.docs[d]!;
      doc.chunks += chunks.length;
      doc.units.push(u);
      this.unitDoc[u] = d;
      for (const ch of chunks) this.byId.set(ch.id, { unit: u, chunk: ch });
      if (c.article) this.byArticle.set(`${d}|${c.article}`, u);
    });
    // Several versions of one law: all but the newest are "older" and lose a little when no year is named.
    const newest = new Map<string, number>();
    this.docs.forEach((d, i) => {
      const t = normaliseTitle(d.title);
      const cur = newest.get(t);
      if (cur === undefined || d.versionDate > this.docs[cur]!.versionDate) newest.set(t, i);
    });
    this.olderVersion = Uint8Array.from(this.docs, (d, i) => (newest.get(normaliseTitle(d.title)) === i ? 0 : 1));
    this.analyser = new QueryAnalyser(this.docs);
    this.unitPrior = new Float32Array(idx.units.length);
    this.docPrior = new Float32Array(this.docs.length);
    for (const q of idx.learned) {
      for (const u of q.units) {
        if (u >= idx.units.length) continue;
        this.unitPrior[u]! += 1;
        this.docPrior[this.unitDoc[u]!]! += 1;
      }
    }
    this.maxDocPrior = this.docPrior.reduce((a, b) => Math.max(a, b), 0);
    if (idx.learned.length) this.learnedIndex = Bm25Index.build(idx.learned.map((q) => tokenize(q.question)));
  }

  get size(): number {
    return this.idx.units.length;
  }

  unitChunks(u: number): Chunk[] {
    return this.idx.units[u] ?? [];
  }

  chunkById(id: string): Chunk | undefined {
    return this.byId.get(id)?.chunk;
  }

  articleChunks(file: string, article: string, corpusDir?: string): Chunk[] {
    const d = this.docs.findIndex((x) => x.file === file && (!corpusDir || x.corpusDir === corpusDir));
    const u = d < 0 ? undefined : this.byArticle.get(`${d}|${article}`);
    return u === undefined ? [] : this.unitChunks(u);
  }

  async search(query: string, options: SearchOptions = {}): Promise<Hit[]> {
    const k = options.k ?? 10;
    const w = this.weights;
    const n = this.idx.units.length;
    const score = new Float32Array(n);
    const raw = new Float32Array(n);
    const via = new Uint8Array(n);
    const aq = this.analyser.analyse(query);

    let tokens = tokenize(aq.rest);
    const termWeights = tokens.map(() => 1);
    const followUp = isFollowUp(tokens, options.context);
    if (followUp) {
      for (const t of options.context?.previousTerms?.flatMap((x) => tokenize(x)) ?? []) {
        tokens = [...tokens, t];
        termWeights.push(0.5);
      }
    }
    const idfSum = this.idx.bm25.scoreInto(tokens, raw, 1, termWeights);
    const maxRaw = raw.reduce((a, b) => Math.max(a, b), 0);
    if (maxRaw > 0) {
      for (let i = 0; i < n; i++) {
        if (raw[i]! > 0) {
          score[i] = (w.bm25 * raw[i]!) / maxRaw;
          via[i]! |= VIA.bm25;
        }
      }
    }
    await this.addVectors(tokens, aq.rest, score, via);
    this.addLearned(tokens, score, via);
    this.addPriorsAndBoosts(score, via, aq.namedDocs, aq.year, followUp ? options.context : undefined);

    const refUnits = aq.refs
      .map((r) => this.byArticle.get(`${r.doc}|${r.article}`))
      .filter((u): u is number => u !== undefined);
    const top = topK(score, k + refUnits.length);
    const order = [...new Set([...refUnits, ...top])].slice(0, k);
    const best = top.length ? score[top[0]!]! : 0;
    return order.map((u, rank) => {
      const isRef = refUnits.includes(u);
      const chunks = this.unitChunks(u);
      const first = chunks[0]!;
      const chunk = chunks.length === 1 ? first : { ...first, text: chunks.map((c) => c.text).join('\n') };
      return {
        chunk,
        score: isRef ? best + refUnits.length - rank : score[u]!,
        via: viaNames(via[u]! | (isRef ? VIA.ref : 0)),
        confidence: isRef ? 1 : idfSum > 0 ? raw[u]! / idfSum : 0,
      };
    });
  }

  private async addVectors(tokens: string[], text: string, score: Float32Array, via: Uint8Array): Promise<void> {
    const vi = this.idx.vectors;
    if (!vi) return;
    let q: Float32Array | undefined;
    let weight = this.weights.vector;
    if (this.idx.lsa) q = this.idx.lsa.embedTokens(tokens);
    else if (this.queryEmbedder && text.trim()) {
      weight = this.weights.remoteVector;
      try {
        q = (await this.queryEmbedder.embed([text]))[0];
      } catch (e) {
        // The lexical channels still answer; a down embedding server must not take search down with it.
        console.warn(`embedding query failed, vector channel skipped: ${(e as Error).message}`);
      }
    }
    if (!q || weight <= 0) return;
    const { ids, sims } = vi.search(q, 200);
    const top = sims[0] ?? 0;
    if (top <= 0) return;
    ids.forEach((u, i) => {
      if (sims[i]! <= 0) return;
      score[u]! += (weight * sims[i]!) / top;
      via[u]! |= VIA.vector;
    });
  }

  private addLearned(tokens: string[], score: Float32Array, via: Uint8Array): void {
    const li = this.learnedIndex;
    if (!li || this.weights.learned <= 0) return;
    const s = new Float32Array(li.size);
    li.scoreInto(tokens, s);
    const best = topK(s, this.weights.learnedNeighbours);
    const max = best.length ? s[best[0]!]! : 0;
    if (max <= 0) return;
    for (const j of best) {
      for (const u of this.idx.learned[j]!.units) {
        score[u]! += (this.weights.learned * s[j]!) / max;
        via[u]! |= VIA.learned;
      }
    }
  }

  private addPriorsAndBoosts(
    score: Float32Array,
    via: Uint8Array,
    named: number[],
    year: string | undefined,
    context: RetrievalContext | undefined,
  ): void {
    const w = this.weights;
    const namedSet = new Set(named);
    // With a year, the named version is first in `named`; other versions of it are not boosted.
    const ctxFiles = new Set(context?.previousFiles ?? []);
    const docPriorScale = this.maxDocPrior > 0 ? Math.log1p(this.maxDocPrior) : 1;
    for (let u = 0; u < score.length; u++) {
      if (score[u]! <= 0) continue;
      const d = this.unitDoc[u]!;
      score[u]! +=
        w.articlePrior * Math.log1p(this.unitPrior[u]!) +
        (w.documentPrior * Math.log1p(this.docPrior[d]!)) / docPriorScale;
      if (namedSet.has(d)) {
        const preferred = year ? this.docs[d]!.versionDate.startsWith(year) : !this.olderVersion[d];
        score[u]! += preferred ? w.named : w.named * 0.8;
        via[u]! |= VIA.named;
      } else if (!year && this.olderVersion[d]) score[u]! -= w.olderVersion;
      if (ctxFiles.size && ctxFiles.has(this.docs[d]!.file)) {
        score[u]! += w.context;
        via[u]! |= VIA.context;
      }
    }
  }
}

/** A follow-up is short and elliptical ("那电气管线呢？") and comes with context from the previous turn. */
function isFollowUp(tokens: string[], context?: RetrievalContext): boolean {
  if (!context || (!context.previousFiles?.length && !context.previousTerms?.length)) return false;
  return tokens.length <= 4;
}

/** Indices of the k largest positive scores, best first. */
export function topK(scores: Float32Array, k: number): number[] {
  const cand: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > 0) cand.push(i);
  if (cand.length > k * 8 && k < 500) {
    // Cut the candidate list with a threshold from a sample before the full sort.
    const sample = cand.filter((_, i) => i % 8 === 0).map((i) => scores[i]!);
    sample.sort((a, b) => b - a);
    const thr = sample[Math.min(sample.length - 1, Math.ceil(k / 8) + 1)]!;
    const kept = cand.filter((i) => scores[i]! >= thr);
    if (kept.length >= k) {
      kept.sort((a, b) => scores[b]! - scores[a]! || a - b);
      return kept.slice(0, k);
    }
  }
  cand.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return cand.slice(0, k);
}
