/** Indices of the k largest positive scores, best first (ties by index, so results are deterministic). */
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
