import type { RiskCurve } from './risk-coverage';

// Data shapes of the evaluation suite: eval items (the JSONL format of ../shared/README.md), per-question
// results (one JSONL line each) and the aggregate report.

/** One gold article of an eval item. `files` are relative to the shared corpus root (e.g. "gov-works/x.md"). */
export interface GoldRef {
  law: string;
  article: string;
  files: string[];
  /**
   * Extension for documents without 第N条 articles (guides, FAQs written in 一、（一）outline): a heading of the
   * gold section, e.g. "四、工作时间与考勤". A passage matches when it comes from the gold document and one of its
   * heading-path entries contains this text. Not part of the shared format; only the project's own sets use it.
   */
  section?: string;
}

/**
 * Kind of eval set. Only 'qa' is scored today; the drafting issue adds 'draft' items with structure scores by
 * registering a scorer in src/eval/scorers.ts (the extension point) — no metrics are faked until then.
 */
export type EvalKind = 'qa' | 'draft';

export interface EvalItem {
  id: string;
  question: string;
  answerable: boolean;
  gold: GoldRef[];
  facts: string[];
  kind: EvalKind;
  /** Question kind of a QA item (the set's `kind` field: situational, yes-no, out-of-scope, …); absent = none. */
  category?: string;
  /** Any extra fields of the line (draft sets carry their own). */
  extra: Record<string, unknown>;
}

/** An article as seen by the eval: enough to match against gold and to read in a report. */
export interface ArticleRef {
  title: string;
  article: string;
  file: string;
  /** Heading path of the chunk (only needed to match `section` gold entries). */
  headingPath?: string[];
  /** Chunk id, the identity of a non-article passage. */
  chunkId?: string;
  /**
   * Passage text, only while matching `section` gold (an FAQ question line stands in the text, not in a
   * heading); dropped before results are stored so reports stay small.
   */
  text?: string;
}

/** Per-question retrieval outcome. */
export interface RetrievalResult {
  /** Distinct articles in rank order (parts of a split article merged), at most the eval depth. */
  retrieved: ArticleRef[];
  /** 1-based rank of each gold entry's first match, null when not retrieved within the depth. */
  goldRanks: (number | null)[];
  recall: Record<RecallK, number>;
  mrr10: number;
  ndcg10: number;
  ms: number;
}

export const RECALL_KS = [1, 5, 10, 100] as const;
export type RecallK = (typeof RECALL_KS)[number];

/** Per-question answer outcome. */
export interface AnswerResult {
  answer: string;
  refused: boolean;
  /** The answerer's refusal decision (P(answerable), threshold, features), when it ran. */
  refusal?: { p: number; threshold: number; features: Record<string, number> };
  cited: ArticleRef[];
  /** Which `facts` the answer contains. */
  factsFound: string[];
  factsMissing: string[];
  /** Cited articles matching a gold entry. */
  citedCorrect: number;
  /** Gold entries covered by at least one citation. */
  goldCited: number;
  ms: number;
  mode?: string;
  note?: string;
  error?: string;
}

/** Pass/fail per metric for one question; a metric that does not apply to the question is absent. */
export interface QuestionChecks {
  /** Some gold article is among the top 5 retrieved articles. */
  hit5?: boolean;
  facts?: boolean;
  citationPrecision?: boolean;
  citationRecall?: boolean;
  refusal?: boolean;
  answered?: boolean;
}

export interface QuestionResult {
  id: string;
  question: string;
  answerable: boolean;
  gold: GoldRef[];
  facts: string[];
  /** Question kind (EvalItem.category), for the per-kind breakdown. */
  category?: string;
  retrieval: RetrievalResult;
  answer?: AnswerResult;
  checks: QuestionChecks;
}

/** Aggregate metrics of one system over one set. Every value is in [0,1] except latencies and counts. */
export interface Metrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  recall1: number;
  recall5: number;
  recall10: number;
  recall100: number;
  mrr10: number;
  ndcg10: number;
  /** Fraction of answerable questions with facts whose answer contains every fact (absent: answers not run). */
  factAccuracy?: number;
  /** Micro-averaged over answered answerable questions: correct citations / all citations. */
  citationPrecision?: number;
  /** Micro-averaged: gold entries cited / gold entries, over answerable questions. */
  citationRecall?: number;
  /** Refused questions that were unanswerable / all refused (1 when nothing was refused; absent without unanswerable questions). */
  refusalPrecision?: number;
  /** Refused unanswerable questions / all unanswerable (absent when the set has none). */
  refusalRecall?: number;
  /** Answered answerable questions / all answerable. */
  answeredRate?: number;
  latency: {
    retrieveP50: number;
    retrieveP95: number;
    answerP50?: number;
    answerP95?: number;
  };
}

/** Names of the metrics that are quality scores (higher is better) — the ones charts and the gate use. */
export const QUALITY_METRICS = [
  'recall1',
  'recall5',
  'recall10',
  'recall100',
  'mrr10',
  'ndcg10',
  'factAccuracy',
  'citationPrecision',
  'citationRecall',
  'refusalPrecision',
  'refusalRecall',
  'answeredRate',
] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export const METRIC_LABELS: Record<QualityMetric, string> = {
  recall1: 'Recall@1',
  recall5: 'Recall@5',
  recall10: 'Recall@10',
  recall100: 'Recall@100',
  mrr10: 'MRR@10',
  ndcg10: 'nDCG@10',
  factAccuracy: '事实准确率',
  citationPrecision: '引用精确率',
  citationRecall: '引用召回率',
  refusalPrecision: '拒答精确率',
  refusalRecall: '拒答召回率',
  answeredRate: '可答题作答率',
};

export interface SystemRun {
  name: string;
  metrics: Metrics;
  results: QuestionResult[];
  /** LLM-as-judge score (optional, --judge with an LLM configured); never gated. */
  judge?: { judged: number; score: number; counts: Record<string, number>; model: string };
  /** Metrics of non-QA items by kind, from the scorers registered in src/eval/scorers.ts. */
  kindMetrics?: Record<string, Record<string, number>>;
}

/** Per-document breakdown row: answerable questions grouped by the document of their first gold entry. */
export interface DocBreakdown {
  document: string;
  questions: number;
  ours: { recall5: number; factAccuracy?: number };
  baseline?: { recall5: number; factAccuracy?: number };
}

export interface SetReport {
  name: string;
  setFile: string;
  corpusDirs: string[];
  ours: SystemRun;
  baseline?: SystemRun;
  /** ours / baseline per quality metric (null when the baseline is 0 or absent). */
  ratio: Partial<Record<QualityMetric, number | null>>;
  perDocument: DocBreakdown[];
  /** Ids of our worst questions, worst first. */
  worst: string[];
  ingestMs?: number;
  /** Risk–coverage curve of our system's refusal decision (out-of-fold in an `eval --cv` run). */
  riskCoverage?: RiskCurve;
}

export interface EvalReport {
  generatedAt: string;
  sets: SetReport[];
  /**
   * Set when the run was cross-validated (`eval --cv K`): refusals are decided per fold by a model fitted on the
   * other folds, so answer metrics are out-of-fold. `thresholds`: operating point chosen per fold.
   */
  cv?: { k: number; thresholds: number[]; target: number };
  /** Gate verdict when the run was compared with evals/baseline.json. */
  gate?: GateResult;
}

export interface GateFailure {
  set: string;
  metric: QualityMetric;
  baseline: number;
  current: number | undefined;
  drop: number;
}

export interface GateResult {
  ok: boolean;
  tolerance: number;
  failures: GateFailure[];
  /** Sets recorded in the baseline but not evaluated in this run (e.g. ../shared missing). */
  skipped: string[];
}
