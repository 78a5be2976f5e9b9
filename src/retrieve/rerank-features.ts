// What the re-ranker sees of a candidate: each fusion channel's contribution, recovered from snapshots of the
// running score taken after every channel (cheaper and less error-prone than keeping one array per channel
// through steps that only touch already-matched units).
import type { NeighbourVotes } from './learned-channels';
import { BASE_DIM } from './reranker';

/** Snapshot points, in the order the engine reaches them. */
export const TRACE_POINTS = [
  'bm25',
  'bigram',
  'vector',
  'learnedField',
  'learned',
  'document',
  'priors',
  'answerType',
] as const;

export class ChannelTrace {
  private readonly snaps: Float32Array[] = [];

  mark(score: Float32Array): void {
    this.snaps.push(score.slice());
  }

  /** Every channel was marked: features read the differences between consecutive points. */
  get complete(): boolean {
    return this.snaps.length === TRACE_POINTS.length;
  }

  /** Score after a point, for unit u. */
  at(point: number, u: number): number {
    return this.snaps[point]![u]!;
  }
}

export interface CandidateContext {
  trace: ChannelTrace;
  /** Raw word-BM25 per unit and the question's IDF mass (their ratio is the hit confidence). */
  raw: Float32Array;
  idfSum: number;
  unitPrior: Float32Array;
  /** Document prior of the unit's document, already scaled to [0, 1]. */
  documentPrior: (u: number) => number;
  /** log(1 + characters of the unit). */
  logLength: Float32Array;
  /** Best similarity of a learned neighbour that voted for the unit, and how many voted. */
  votes: NeighbourVotes;
}

/** Base features of candidate u at fused rank `rank` (0-based), written to out[offset …]. */
export function candidateFeatures(ctx: CandidateContext, u: number, rank: number, out: Float32Array, offset = 0): void {
  const t = ctx.trace;
  const f = out.subarray(offset, offset + BASE_DIM);
  // Contribution of trace point i = score after it − score before it.
  const gain = (i: number) => t.at(i, u) - (i > 0 ? t.at(i - 1, u) : 0);
  f[0] = gain(0);
  f[1] = gain(1);
  f[2] = gain(2);
  f[3] = gain(4);
  f[4] = gain(5);
  f[5] = gain(6);
  f[6] = Math.log1p(ctx.unitPrior[u]!);
  f[7] = ctx.documentPrior(u);
  f[8] = gain(7) > 0 ? 1 : 0;
  f[9] = ctx.idfSum > 0 ? ctx.raw[u]! / ctx.idfSum : 0;
  f[10] = t.at(7, u);
  f[11] = ctx.logLength[u]!;
  f[12] = Math.log1p(rank);
  f[13] = gain(3);
  f[14] = ctx.votes.best[u]!;
  f[15] = ctx.votes.count[u]!;
}
