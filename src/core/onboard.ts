// Onboarding (issue 17): the reading path, lessons and quiz items shared by the chat commands, the Lark cards,
// the web page and the CLI. Data only; the logic lives in src/onboard.

/** Where a quiz item or key point comes from: 《title》article, or the section path of an outline document. */
export interface OnboardCitation {
  title: string;
  /** "第十二条", '' for outline/FAQ documents. */
  article: string;
  /** Heading path below the title joined with " > " ('' for a plain article). */
  section: string;
  /** Corpus-relative file. */
  file: string;
  /** Verbatim sentence(s) from the passage that state the answer. */
  quote: string;
  /** Chunk id, for 查看原文. */
  chunkId: string;
}

/** One step of the reading path. */
export interface PathStep {
  /** 1-based position in the path. */
  step: number;
  title: string;
  /** Chunk ids of the passages to read, in reading order. */
  chunkIds: string[];
  /** Files the passages come from (for display). */
  files: string[];
  /** Reading time at 300 characters a minute, rounded up, at least 1. */
  minutes: number;
  chars: number;
}

export interface ReadingPath {
  /** Role the path is for; '' = everyone. */
  role: string;
  /** 'declared' = corpus/onboarding.yaml or front matter; 'accepted' = a proposal an admin accepted; 'proposed'. */
  origin: 'declared' | 'accepted' | 'proposed';
  steps: PathStep[];
}

export type KeyPointKind = 'heading' | 'obligation' | 'number' | 'deadline' | 'approval';

export interface KeyPoint {
  kind: KeyPointKind;
  text: string;
  citation: OnboardCitation;
}

export type QuizKind = 'cloze' | 'choice' | 'truefalse';

export interface QuizItem {
  /** Stable id: hash of the passage, sentence and kind (the same item keeps its id across restarts). */
  id: string;
  kind: QuizKind;
  question: string;
  /** choice: "A. …" labels are added by renderers; truefalse: ["对","错"]; cloze: []. */
  options: string[];
  /** choice: the correct option text; truefalse: "对" or "错"; cloze: the removed value. */
  answer: string;
  /** The fact kind taken out (deadline, amount, ratio, count, body). */
  slot: string;
  /** "答案：… 原文：「…」" */
  explanation: string;
  citation: OnboardCitation;
  /** truefalse only: the value the statement was altered to (absent when the statement is true). */
  altered?: string;
}

export interface Lesson {
  step: PathStep;
  points: KeyPoint[];
  quiz: QuizItem[];
}

/** A finished step: score out of total, and when. */
export interface StepResult {
  userId: string;
  step: number;
  score: number;
  total: number;
  doneAt: string;
}

export interface QuestionView {
  item: QuizItem;
  /** 1-based number of the item in its quiz, and the quiz length. */
  number: number;
  of: number;
  review: boolean;
}

export type OnboardView =
  | { kind: 'lesson'; lesson: Lesson; total: number; question?: QuestionView; reviews: number }
  | { kind: 'question'; step: number; total: number; question: QuestionView; pending: true }
  | { kind: 'finished'; total: number; results: StepResult[] }
  | { kind: 'empty' };

export interface AnswerView {
  kind: 'answered';
  correct: boolean;
  item: QuizItem;
  given: string;
  next?: QuestionView;
  /** Set when this answer finished the step. */
  stepDone?: { step: number; score: number; total: number; nextStep: number; pathLength: number };
}

export interface StatusView {
  userId: string;
  role: string;
  /** 1-based next lesson to take. */
  step: number;
  total: number;
  done: StepResult[];
  pending?: { step: number; number: number; of: number };
  reviewsDue: number;
  pushOptIn: boolean;
  path: { step: number; title: string; minutes: number }[];
}
