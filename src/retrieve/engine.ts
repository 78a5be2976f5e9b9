// The hybrid retriever: BM25 + dense vectors + learned questions + priors, with query analysis on top.
import type { Embedder, RetrievalContext, SearchOptions } from '../core/interfaces';
import type { Chunk, Hit } from '../core/types';
import { Bm25Index } from '../index/bm25';
import { tokenize } from '../index/tokenizer';
import { normaliseTitle } from './aliases';
import { DEFAULT_WEIGHTS, VIA, viaNames, type FusionWeights } from './fusion';
import type { LoadedIndex } from './load';
import { QueryAnalyser } from './query';
import { documentBm25 } from './doc-bm25';
import { askedTypes, statesType } from './answer-type';
import { expandColloquial } from './synonyms';

const ARTICLE_REF_TEXT = /第\s*[0-9零〇一二两三四五六七八九十百千]+\s*条(之[一二三四五六七八九十]+)?/g;

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
  /** For each doc, the newest version of the same law (itself when newest). */
  private readonly newestOf: Int32Array;
  /** For a unit in an older version: the same article's unit in the newest version, else -1. */
  private readonly twin: Int32Array;
  private readonly analyser: QueryAnalyser;
  private readonly learnedIndex?: Bm25Index;
  /** Learned questions as a per-unit field: unit ids of its docs, and the index over them. */
  private readonly learnedField?: { units: number[]; index: Bm25Index };
  private readonly unitPrior: Float32Array;
  private readonly docPrior: Float32Array;
  private readonly maxDocPrior: number;
  private readonly docIndex?: Bm25Index;

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
    this.newestOf = Int32Array.from(this.docs, (d) => newest.get(normaliseTitle(d.title))!);
    this.olderVersion = Uint8Array.from(this.newestOf, (n, i) => (n === i ? 0 : 1));
    this.twin = new Int32Array(idx.units.length).fill(-1);
    idx.units.forEach((chunks, u) => {
      const d = this.unitDoc[u]!;
      const article = chunks[0]!.article;
      if (!this.olderVersion[d] || !article) return;
      this.twin[u] = this.byArticle.get(`${this.newestOf[d]}|${article}`) ?? -1;
    });
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
    // Built here rather than on the first query so that query latency stays flat (cold load pays ~0.3 s).
    if (weights.documentBm25 > 0) this.docIndex = documentBm25(idx.bm25, this.unitDoc, this.docs.length);
    if (idx.learned.length && weights.learnedField > 0) {
      const perUnit = new Map<number, string[]>();
      for (const q of idx.learned)
        for (const u of q.units) (perUnit.get(u) ?? perUnit.set(u, []).get(u)!).push(q.question);
      const units = [...perUnit.keys()];
      this.learnedField = { units, index: Bm25Index.build(units.map((u) => tokenize(perUnit.get(u)!.join('\n')))) };
    }
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

    // A resolved reference's 第N条 would otherwise match every article that cites "第N条" in its text.
    let tokens = tokenize(aq.refs.length ? aq.rest.replace(ARTICLE_REF_TEXT, ' ') : aq.rest);
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
    const docVotes = this.addLearned(tokens, score, via);
    this.addLearnedField(tokens, score, via);
    this.addDocumentSignals(tokens, score, docVotes);
    this.addPriorsAndBoosts(score, via, aq.namedDocs, aq.year, followUp ? options.context : undefined);

    this.addAnswerType(query, score);
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
    const docScore = new Float32Array(this.docs.length);
    if (w.documentBm25 > 0 && this.docIndex) {
      const s = new Float32Array(this.docs.length);
      this.docIndex.scoreInto(tokens, s);
      const max = s.reduce((a, b) => Math.max(a, b), 0);
      if (max > 0) for (let d = 0; d < s.length; d++) docScore[d]! += (w.documentBm25 * s[d]!) / max;
    }
    if (w.learnedDocument > 0 && docVotes) {
      const max = docVotes.reduce((a, b) => Math.max(a, b), 0);
      if (max > 0) for (let d = 0; d < docScore.length; d++) docScore[d]! += (w.learnedDocument * docVotes[d]!) / max;
    }
    for (let u = 0; u < score.length; u++) if (score[u]! > 0) score[u]! += docScore[this.unitDoc[u]!]!;
  }

  private addLearnedField(tokens: string[], score: Float32Array, via: Uint8Array): void {
    const lf = this.learnedField;
    if (!lf) return;
    const s = new Float32Array(lf.units.length);
    lf.index.scoreInto(tokens, s);
    const max = s.reduce((a, b) => Math.max(a, b), 0);
    if (max <= 0) return;
    for (let i = 0; i < s.length; i++) {
      if (s[i]! <= 0) continue;
      const u = lf.units[i]!;
      score[u]! += (this.weights.learnedField * s[i]!) / max;
      via[u]! |= VIA.learned;
    }
  }

  /** Adds learned-neighbour votes; returns the per-document vote mass (for the document channel). */
  private addLearned(tokens: string[], score: Float32Array, via: Uint8Array): Float32Array | undefined {
    const li = this.learnedIndex;
    if (!li || (this.weights.learned <= 0 && this.weights.learnedDocument <= 0)) return undefined;
    const s = new Float32Array(li.size);
    li.scoreInto(tokens, s);
    const best = topK(s, this.weights.learnedNeighbours);
    const max = best.length ? s[best[0]!]! : 0;
    if (max <= 0) return undefined;
    const docVotes = new Float32Array(this.docs.length);
    for (const j of best) {
      const docsOfQ = new Set(this.idx.learned[j]!.units.map((u) => this.unitDoc[u]!));
      for (const d of docsOfQ) docVotes[d]! += s[j]! / max;
      for (const u of this.idx.learned[j]!.units) {
        score[u]! += (this.weights.learned * s[j]!) / max;
        via[u]! |= VIA.learned;
      }
    }
    return docVotes;
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
    if (!year) this.capOlderVersions(score);
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
      const twin = this.twin[u]!;
      if (twin >= 0 && score[u]! > 0 && score[twin]! > 0) score[u] = Math.min(score[u]!, score[twin]! * 0.999);
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
