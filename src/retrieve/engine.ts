// The hybrid retriever: BM25 + dense vectors + learned questions + priors, with query analysis on top.
import type { Embedder, RetrievalContext, SearchOptions } from '../core/interfaces';
import type { Chunk, Hit } from '../core/types';
import { Bm25Index } from '../index/bm25';
import { tokenize } from '../index/tokenizer';
import { charBigrams } from '../index/bigrams';
import { DEFAULT_WEIGHTS, VIA, viaNames, type FusionWeights } from './fusion';
import type { LoadedIndex } from './load';
import { QueryAnalyser } from './query';
import { documentBm25 } from './doc-bm25';
import { askedTypes, statesType } from './answer-type';
import { expandColloquial } from './synonyms';
import { CorpusTables, type DocumentEntry } from './tables';
import { LearnedChannels, type NeighbourVotes } from './learned-channels';
import { topK } from './top-k';
import { feedbackTerms, forwardIndex, type ForwardIndex } from './feedback';
import { documentAffinity } from './affinity';
import { BASE_DIM, Reranker } from './reranker';
import { candidateFeatures, ChannelTrace, type CandidateContext } from './rerank-features';
import { maskUnits, unitMask, type DocumentAccess } from '../access/document-access';

const ARTICLE_REF_TEXT = /第\s*[0-9零〇一二两三四五六七八九十百千]+\s*条(之[一二三四五六七八九十]+)?/g;

export type { DocumentEntry } from './tables';

export class HybridEngine {
  private readonly t: CorpusTables;
  private readonly analyser: QueryAnalyser;
  private readonly learned: LearnedChannels;
  private docIndex?: Bm25Index;
  private readonly fwd?: ForwardIndex;
  private readonly reranker?: Reranker;
  private unitLogLength?: Float32Array;
  /** Access filter (src/access): per-document records aligned with `docs`; absent = every document visible. */
  access?: DocumentAccess;

  constructor(
    private readonly idx: LoadedIndex,
    private readonly weights: FusionWeights = DEFAULT_WEIGHTS,
    /** Remote embedder for queries when the index was built with one. */
    private readonly queryEmbedder?: Embedder,
  ) {
    this.t = new CorpusTables(idx);
    this.analyser = new QueryAnalyser(this.t.docs);
    this.learned = new LearnedChannels(idx.learned, this.t.unitDoc, this.t.docs.length, weights);
    // Built here rather than on the first query so that query latency stays flat (cold load pays ~0.3 s).
    if (weights.feedback > 0) this.fwd = forwardIndex(idx.bm25);
    if (weights.documentBm25 > 0) this.docIndex = documentBm25(idx.bm25, this.t.unitDoc, this.t.docs.length);
    if (idx.reranker && weights.rerank > 0) this.reranker = new Reranker(idx.reranker);
  }

  get docs(): DocumentEntry[] {
    return this.t.docs;
  }

  get size(): number {
    return this.idx.units.length;
  }

  unitChunks(u: number): Chunk[] {
    return this.idx.units[u] ?? [];
  }

  chunkById(id: string): Chunk | undefined {
    return this.t.byId.get(id);
  }

  articleChunks(file: string, article: string, corpusDir?: string): Chunk[] {
    const d = this.t.docOf(file, corpusDir);
    const u = d < 0 ? undefined : this.t.byArticle.get(`${d}|${article}`);
    return u === undefined ? [] : this.unitChunks(u);
  }

  /**
   * How distinctive the question's words are for each document (see affinity.ts), keyed by the document's
   * file: lets the answer choose between two laws stating the same rule. Documents with no affinity are left out.
   */
  documentAffinity(question: string): Map<string, number> {
    this.docIndex ??= documentBm25(this.idx.bm25, this.t.unitDoc, this.t.docs.length);
    const aff = documentAffinity(this.docIndex, tokenize(this.analyser.analyse(question).rest));
    const out = new Map<string, number>();
    aff.forEach((v, d) => {
      if (v > 0) out.set(this.t.docs[d]!.file, v);
    });
    return out;
  }

  async search(query: string, options: SearchOptions = {}): Promise<Hit[]> {
    const k = options.k ?? 10;
    const f = await this.fuse(query, options, Boolean(this.reranker));
    const ranked = this.rank(f, k);
    const refUnits = f.refUnits;
    const order = [...new Set([...refUnits, ...ranked.map((r) => r.u)])].slice(0, k);
    const rankScore = new Map(ranked.map((r) => [r.u, r.score]));
    const best = ranked[0]?.score ?? 0;
    return order.map((u, rank) => {
      const isRef = refUnits.includes(u);
      const chunks = this.unitChunks(u);
      const first = chunks[0]!;
      const chunk = chunks.length === 1 ? first : { ...first, text: chunks.map((c) => c.text).join('\n') };
      return {
        chunk,
        score: isRef ? best + refUnits.length - rank : rankScore.get(u)!,
        via: viaNames(f.via[u]! | (isRef ? VIA.ref : 0)),
        confidence: isRef ? 1 : f.idfSum > 0 ? f.raw[u]! / f.idfSum : 0,
      };
    });
  }

  /**
   * The fused top `pool` units of a question and their re-ranker features (row-major), without re-ranking:
   * what the re-ranker is trained on (rerank-train.ts).
   */
  async candidates(query: string, pool: number): Promise<{ units: number[]; features: Float32Array }> {
    const f = await this.fuse(query, {}, true);
    const units = f.trace?.complete && !f.fellBack ? topK(f.score, pool) : [];
    return { units, features: this.poolFeatures(f, units) };
  }

  /** Units in final order with their scores: the fused order, or the learned re-ranking of its top N. */
  private rank(f: Fused, k: number): { u: number; score: number }[] {
    const rr = this.reranker;
    const want = k + f.refUnits.length;
    if (!rr || !f.trace?.complete || f.fellBack) return topK(f.score, want).map((u) => ({ u, score: f.score[u]! }));
    const pool = topK(f.score, Math.max(rr.model.pool, want));
    const head = pool.slice(0, rr.model.pool);
    const feats = this.poolFeatures(f, head);
    const dim = BASE_DIM;
    const scored = head.map((u, i) => ({ u, score: rr.score(feats.subarray(i * dim, (i + 1) * dim)) }));
    scored.sort((a, b) => b.score - a.score || a.u - b.u);
    // Anything past the re-ranked pool (k > pool) keeps the fused order below it.
    const floor = scored.length ? scored[scored.length - 1]!.score : 0;
    const tail = pool.slice(head.length).map((u, i) => ({ u, score: floor - 1 - i }));
    return [...scored, ...tail].slice(0, want);
  }

  private poolFeatures(f: Fused, units: number[]): Float32Array {
    const out = new Float32Array(units.length * BASE_DIM);
    if (!f.trace) return out;
    const t = this.t;
    const docScale = t.maxDocPrior > 0 ? Math.log1p(t.maxDocPrior) : 1;
    const ctx: CandidateContext = {
      trace: f.trace,
      raw: f.raw,
      idfSum: f.idfSum,
      unitPrior: t.unitPrior,
      documentPrior: (u) => Math.log1p(t.docPrior[t.unitDoc[u]!]!) / docScale,
      logLength: this.logLength,
      votes: f.votes ?? { best: new Float32Array(f.score.length), count: new Uint8Array(f.score.length) },
    };
    units.forEach((u, rank) => candidateFeatures(ctx, u, rank, out, rank * BASE_DIM));
    return out;
  }

  private get logLength(): Float32Array {
    this.unitLogLength ??= Float32Array.from(this.idx.units, (cs) =>
      Math.log1p(cs.reduce((a, c) => a + c.text.length, 0)),
    );
    return this.unitLogLength;
  }

  /** Every channel added into one score per unit, with query analysis applied; optionally traced per channel. */
  private async fuse(query: string, options: SearchOptions, traced: boolean): Promise<Fused> {
    const w = this.weights;
    const n = this.idx.units.length;
    const score = new Float32Array(n);
    const raw = new Float32Array(n);
    const via = new Uint8Array(n);
    const trace = traced ? new ChannelTrace() : undefined;
    const aq = this.analyser.analyse(query);
    // The access filter: units of documents the viewer may not see are masked before any normalisation or ranking.
    const allowed = this.access ? unitMask(this.access.visibleDocs(options.viewer), this.t.unitDoc) : undefined;
    const filtered = new Set<number>();

    // A resolved reference's 第N条 would otherwise match every article that cites "第N条" in its text.
    const text = aq.refs.length ? aq.rest.replace(ARTICLE_REF_TEXT, ' ') : aq.rest;
    let tokens = tokenize(text);
    const termWeights = tokens.map(() => 1);
    const questionTerms = tokens.length;
    if (this.weights.synonyms > 0) {
      for (const t of expandColloquial(aq.rest).flatMap((x) => tokenize(x))) {
        if (tokens.includes(t)) continue;
        tokens = [...tokens, t];
        termWeights.push(this.weights.synonyms);
      }
    }
    const followUp = isFollowUp(tokens.slice(0, questionTerms), options.context);
    if (followUp) {
      for (const t of options.context?.previousTerms?.flatMap((x) => tokenize(x)) ?? []) {
        tokens = [...tokens, t];
        termWeights.push(0.5);
      }
    }
    this.idx.bm25.scoreInto(tokens, raw, 1, termWeights);
    const idfSum = this.questionIdf(tokens.slice(0, questionTerms));
    if (this.idx.headBm25 && this.weights.heading > 0) {
      this.idx.headBm25.scoreInto(tokens, raw, this.weights.heading, termWeights);
    }
    if (allowed) maskUnits(raw, allowed, this.t.unitDoc, filtered);
    const maxRaw = raw.reduce((a, b) => Math.max(a, b), 0);
    if (maxRaw > 0) {
      for (let i = 0; i < n; i++) {
        if (raw[i]! > 0) {
          score[i] = (w.bm25 * raw[i]!) / maxRaw;
          via[i]! |= VIA.bm25;
        }
      }
    }
    trace?.mark(score);
    const bigrams = charBigrams(text);
    this.addBigrams(bigrams, score, via);
    trace?.mark(score);
    await this.addVectors(tokens, aq.rest, score, via);
    trace?.mark(score);
    this.learned.applyField(tokens, score, via);
    trace?.mark(score);
    const votes = trace ? { best: new Float32Array(n), count: new Uint8Array(n) } : undefined;
    const docVotes = this.learned.applyNeighbours(tokens, bigrams, score, via, votes);
    if (allowed) options.onFiltered?.(maskUnits(score, allowed, this.t.unitDoc, filtered));
    trace?.mark(score);
    this.addDocumentSignals(tokens, score, docVotes);
    this.addFeedback(tokens, score);
    trace?.mark(score);
    this.addPriorsAndBoosts(score, via, aq.namedDocs, aq.year, followUp ? options.context : undefined);
    trace?.mark(score);
    this.addAnswerType(query, score);
    trace?.mark(score);
    const fellBack = this.fallbackToNamed(score, via, aq.namedDocs);
    if (allowed) maskUnits(score, allowed, this.t.unitDoc);
    const refUnits: number[] = [];
    for (const r of aq.refs) {
      const u = r.docs.map((d) => this.t.byArticle.get(`${d}|${r.article}`)).find((x) => x !== undefined);
      // A reference to a document the viewer may not see is dropped like an unknown one.
      if (u === undefined || (allowed && allowed[u] !== 1)) continue;
      refUnits.push(u);
      if (r.ambiguous) via[u]! |= VIA.ambiguous;
    }
    return { score, raw, via, idfSum, refUnits, trace, fellBack, votes };
  }

  /**
   * Denominator of `confidence`: the IDF mass of the question's own terms, counting a term the corpus never
   * uses as maximally informative (深圳明天会下雨 → 下雨 is unknown, so coverage stays low).
   */
  private questionIdf(terms: string[]): number {
    const n = this.idx.bm25.size;
    const unknown = Math.log(1 + (n - 0.5) / 1.5);
    let sum = 0;
    for (const t of new Set(terms)) sum += this.idx.bm25.idfOf(t) || unknown;
    return sum;
  }

  /** Character-bigram channel: catches words jieba cut differently in the question and the statute. */
  private addBigrams(bigrams: string[], score: Float32Array, via: Uint8Array): void {
    const bi = this.idx.bigramBm25;
    const weight = this.weights.bigram;
    if (!bi || weight <= 0) return;
    const s = new Float32Array(score.length);
    bi.scoreInto(bigrams, s);
    const max = s.reduce((a, b) => Math.max(a, b), 0);
    if (max <= 0) return;
    for (let u = 0; u < s.length; u++) {
      if (s[u]! <= 0) continue;
      score[u]! += (weight * s[u]!) / max;
      via[u]! |= VIA.bm25;
    }
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

  /** Topic-level evidence: whole-document BM25 and learned neighbours' documents, for already-matched units. */
  private addDocumentSignals(tokens: string[], score: Float32Array, docVotes?: Float32Array): void {
    const w = this.weights;
    const docScore = new Float32Array(this.t.docs.length);
    if (w.documentBm25 > 0 && this.docIndex) {
      const s = new Float32Array(this.t.docs.length);
      this.docIndex.scoreInto(tokens, s);
      const max = s.reduce((a, b) => Math.max(a, b), 0);
      if (max > 0) for (let d = 0; d < s.length; d++) docScore[d]! += (w.documentBm25 * s[d]!) / max;
    }
    if (w.learnedDocument > 0 && docVotes) {
      const max = docVotes.reduce((a, b) => Math.max(a, b), 0);
      if (max > 0) for (let d = 0; d < docScore.length; d++) docScore[d]! += (w.learnedDocument * docVotes[d]!) / max;
    }
    for (let u = 0; u < score.length; u++) if (score[u]! > 0) score[u]! += docScore[this.t.unitDoc[u]!]!;
  }

  private addFeedback(tokens: string[], score: Float32Array): void {
    const w = this.weights;
    if (!this.fwd || w.feedback <= 0) return;
    const top = topK(score, w.feedbackDocs);
    if (!top.length) return;
    const extra = feedbackTerms(this.idx.bm25, this.fwd, top, new Set(tokens), w.feedbackTerms);
    const s = new Float32Array(score.length);
    this.idx.bm25.scoreInto(extra, s);
    const max = s.reduce((a, b) => Math.max(a, b), 0);
    if (max > 0) for (let u = 0; u < s.length; u++) if (score[u]! > 0) score[u]! += (w.feedback * s[u]!) / max;
  }

  private addPriorsAndBoosts(
    score: Float32Array,
    via: Uint8Array,
    named: number[],
    year: string | undefined,
    context: RetrievalContext | undefined,
  ): void {
    const w = this.weights;
    const t = this.t;
    const namedSet = new Set(named);
    // With a year, the named version is first in `named`; other versions of it are not boosted.
    const ctxFiles = new Set(context?.previousFiles ?? []);
    const docPriorScale = t.maxDocPrior > 0 ? Math.log1p(t.maxDocPrior) : 1;
    for (let u = 0; u < score.length; u++) {
      if (score[u]! <= 0) continue;
      const d = t.unitDoc[u]!;
      score[u]! +=
        w.articlePrior * Math.log1p(t.unitPrior[u]!) + (w.documentPrior * Math.log1p(t.docPrior[d]!)) / docPriorScale;
      if (namedSet.has(d)) {
        const preferred = year ? t.docs[d]!.versionDate.startsWith(year) : !t.olderVersion[d];
        score[u]! += preferred ? w.named : w.named * 0.8;
        via[u]! |= VIA.named;
      } else if (!year && t.olderVersion[d]) score[u]! -= w.olderVersion;
      if (ctxFiles.size && ctxFiles.has(t.docs[d]!.file)) {
        score[u]! += w.context;
        via[u]! |= VIA.context;
      }
    }
    if (!year) this.capOlderVersions(score);
  }

  /**
   * "刑法修正案（九）第一条" / "质量条例" alone: nothing matched lexically but a document was named — list that
   * document's own units in reading order rather than nothing.
   */
  private fallbackToNamed(score: Float32Array, via: Uint8Array, named: number[]): boolean {
    if (!named.length || score.some((x) => x > 0)) return false;
    const units = named.flatMap((d) => this.t.docs[d]!.units);
    units.forEach((u, i) => {
      score[u] = 0.5 * (1 - i / units.length) + 1e-6;
      via[u]! |= VIA.named;
    });
    return true;
  }

  /** Answer-type bonus on the strongest candidates only (regex over text is too slow for all 60k units). */
  private addAnswerType(query: string, score: Float32Array): void {
    const types = askedTypes(query);
    if (!types.length || this.weights.answerType <= 0) return;
    for (const u of topK(score, 200)) {
      const text = this.idx.units[u]!.map((c) => c.text).join('\n');
      if (types.some((t) => statesType(text, t))) score[u]! += this.weights.answerType;
    }
  }

  /** The same article in an older version ranks just below its newest counterpart, never above it. */
  private capOlderVersions(score: Float32Array): void {
    for (let u = 0; u < score.length; u++) {
      const twin = this.t.twin[u]!;
      if (twin >= 0 && score[u]! > 0 && score[twin]! > 0) score[u] = Math.min(score[u]!, score[twin]! * 0.999);
    }
  }
}

/** One question's fused scores and what ranking them needs. */
interface Fused {
  score: Float32Array;
  raw: Float32Array;
  via: Uint8Array;
  idfSum: number;
  /** Units of explicit article references, ranked first. */
  refUnits: number[];
  trace?: ChannelTrace;
  /** Nothing matched and the named document's units were listed instead: nothing to re-rank. */
  fellBack: boolean;
  votes?: NeighbourVotes;
}

/** A follow-up is short and elliptical ("那电气管线呢？") and comes with context from the previous turn. */
function isFollowUp(tokens: string[], context?: RetrievalContext): boolean {
  if (!context || (!context.previousFiles?.length && !context.previousTerms?.length)) return false;
  return tokens.length <= 4;
}
