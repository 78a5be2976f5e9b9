// Fusion weights. Every channel is normalised to [0, 1] per query (divided by its best score) and added;
// priors are log-counts from learned questions. Chosen on a 2-fold split of STARD dev (learn on one half,
// evaluate on the other) and checked on gov-works dev; the numbers are in docs/retrieval.md.
export interface FusionWeights {
  /** BM25 over title + headings + text (the anchor channel). */
  bm25: number;
  /** BM25 over title + 编/章/节 headings, added to the text BM25 before normalisation. */
  heading: number;
  /** Character-bigram BM25 over the article text, normalised like the word channel. */
  bigram: number;
  /** Dense vectors (local LSA: weak on statutes, kept small; a remote embedder deserves more). */
  vector: number;
  /** Remote-embedder vector weight (used instead of `vector` when EMBEDDING_* is configured). */
  remoteVector: number;
  /** Learned-question nearest neighbours voting for their confirmed articles. */
  learned: number;
  /** 1: learned questions are matched on words + character bigrams; 0: words only. */
  learnedBigrams: number;
  /** Number of learned questions that vote. */
  learnedNeighbours: number;
  /** BM25 over each article's learned questions concatenated (doc2query-style field). */
  learnedField: number;
  /** Learned neighbours also vote for every article of their documents (topic-level evidence). */
  learnedDocument: number;
  /** BM25 of the whole document (all its articles as one text), scaled to [0, 1]. */
  documentBm25: number;
  /** log(1 + times an article was confirmed). */
  articlePrior: number;
  /** log(1 + times a document was confirmed), scaled to [0, 1]. */
  documentPrior: number;
  /** Bonus when the question asks for a time/amount/count and the article states one (see answer-type.ts). */
  answerType: number;
  /** Weight of colloquial → statutory expansion terms (synonyms.ts), relative to the question's own terms. */
  synonyms: number;
  /** Pseudo-relevance feedback: weight of the second BM25 pass over terms of the top articles (feedback.ts). */
  feedback: number;
  /** Articles and terms taken for feedback. */
  feedbackDocs: number;
  feedbackTerms: number;
  /** A document named in the question. */
  named: number;
  /** Files of the previous answer, for short follow-ups. */
  context: number;
  /** 1: re-rank the fused top N with the learned model when the index has one (reranker.ts); 0: fused order. */
  rerank: number;
  /** Penalty for an older version of a law when no year is named. */
  olderVersion: number;
}

export const DEFAULT_WEIGHTS: FusionWeights = {
  bm25: 1,
  heading: 0,
  bigram: 0.4,
  vector: 0.05,
  remoteVector: 0.6,
  learned: 0.15,
  learnedNeighbours: 10,
  learnedBigrams: 1,
  learnedDocument: 0.3,
  learnedField: 0.1,
  documentBm25: 0.25,
  articlePrior: 0.1,
  documentPrior: 0.6,
  answerType: 0.4,
  synonyms: 0.5,
  feedback: 0,
  feedbackDocs: 10,
  feedbackTerms: 10,
  named: 1,
  context: 0.3,
  olderVersion: 0.05,
  rerank: 1,
};

/** How a unit was found. `ambiguous`: an article reference whose document name fits several documents. */
export const VIA = { bm25: 1, vector: 2, learned: 4, ref: 8, named: 16, context: 32, ambiguous: 64 } as const;

export function viaNames(mask: number): string[] {
  return (Object.entries(VIA) as [string, number][]).filter(([, bit]) => mask & bit).map(([n]) => n);
}
