// Channels fed by learned (confirmed) questions: nearest learned questions vote for their articles and
// documents; optionally each article's learned questions form a BM25 field of their own (doc2query-style).
import { Bm25Index } from '../index/bm25';
import type { LearnedQuestion } from '../index/learned';
import { tokenize } from '../index/tokenizer';
import { charBigrams } from '../index/bigrams';
import { VIA, type FusionWeights } from './fusion';
import { topK } from './top-k';

/** Per-unit neighbour statistics for the re-ranker. */
export interface NeighbourVotes {
  best: Float32Array;
  count: Uint8Array;
}

export class LearnedChannels {
  private readonly questions?: Bm25Index;
  private readonly field?: { units: number[]; index: Bm25Index };

  constructor(
    private readonly learned: LearnedQuestion[],
    private readonly unitDoc: Int32Array,
    private readonly docCount: number,
    private readonly weights: FusionWeights,
  ) {
    if (!learned.length) return;
    this.questions = Bm25Index.build(
      learned.map((q) => this.questionTerms(tokenize(q.question), charBigrams(q.question))),
    );
    if (weights.learnedField > 0) {
      const perUnit = new Map<number, string[]>();
      for (const q of learned) for (const u of q.units) (perUnit.get(u) ?? perUnit.set(u, []).get(u)!).push(q.question);
      const units = [...perUnit.keys()];
      this.field = { units, index: Bm25Index.build(units.map((u) => tokenize(perUnit.get(u)!.join('\n')))) };
    }
  }

  /**
   * Adds the nearest learned questions' votes; returns per-document vote mass (for the document channel).
   * `votes` (optional) receives, per unit, the best normalised similarity of a voter and the number of voters.
   */
  applyNeighbours(
    tokens: string[],
    bigrams: string[],
    score: Float32Array,
    via: Uint8Array,
    votes?: NeighbourVotes,
  ): Float32Array | undefined {
    const li = this.questions;
    const w = this.weights;
    if (!li || (w.learned <= 0 && w.learnedDocument <= 0)) return undefined;
    const s = new Float32Array(li.size);
    li.scoreInto(this.questionTerms(tokens, bigrams), s);
    const best = topK(s, w.learnedNeighbours);
    const max = best.length ? s[best[0]!]! : 0;
    if (max <= 0) return undefined;
    const docVotes = new Float32Array(this.docCount);
    for (const j of best) {
      const units = this.learned[j]!.units;
      for (const d of new Set(units.map((u) => this.unitDoc[u]!))) docVotes[d]! += s[j]! / max;
      for (const u of units) {
        score[u]! += (w.learned * s[j]!) / max;
        via[u]! |= VIA.learned;
        if (votes) {
          votes.best[u] = Math.max(votes.best[u]!, s[j]! / max);
          votes.count[u]! += 1;
        }
      }
    }
    return docVotes;
  }

  /**
   * Question-to-question similarity: short lay questions phrase the same thing with different cuts
   * (租的房子 / 租房), so character bigrams join the words when `learnedBigrams` is on.
   */
  private questionTerms(tokens: string[], bigrams: string[]): string[] {
    return this.weights.learnedBigrams > 0 ? [...tokens, ...bigrams] : tokens;
  }

  /** The doc2query-style field: each confirmed article's learned questions as one BM25 document. */
  applyField(tokens: string[], score: Float32Array, via: Uint8Array): void {
    const lf = this.field;
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
}
