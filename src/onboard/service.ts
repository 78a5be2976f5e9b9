// The onboarding course for one user: start or resume the path, present a lesson with its quiz, judge answers,
// keep scores, bring missed items back in a later review round, report progress. Transport-free: the chat
// commands, Lark cards, web page and CLI all call this and render what it returns.
import type { Viewer } from '../core/access';
import type {
  AnswerView,
  OnboardView,
  PathStep,
  QuestionView,
  QuizItem,
  ReadingPath,
  StatusView,
} from '../core/onboard';
import type { Chunk } from '../core/types';
import type { OnboardStore, OpenQuiz } from '../store/onboard-store';
import type { OnboardCorpus } from './corpus';
import { judgeAnswer } from './judge';
import { buildLesson } from './lesson';
import { declaredRoles, resolvePath, type Declaration, type DeclaredStep } from './path';

export type { AnswerView, OnboardView, QuestionView, StatusView };

/** A missed item comes back this many steps later; missed again, twice as far (spaced repetition by step). */
export const REVIEW_GAP_STEPS = 2;

export interface OnboardingDeps {
  store: OnboardStore;
  /** The current corpus (a getter: the server may reload the index). */
  corpus: () => OnboardCorpus;
  declaration?: () => Declaration | undefined;
  frontMatter?: () => DeclaredStep[];
  now?: () => Date;
  /**
   * The access filter for a viewer (issue 16): which passages this user may see. Wired by the access work;
   * the default shows every passage, as retrieval does without a filter.
   */
  visible?: (chunk: Chunk, viewer: Viewer | undefined) => boolean;
}

export interface Onboarding {
  pathFor(role: string): ReadingPath;
  /** Roles with a declared path (onboarding.yaml `roles:`). */
  roles(): string[];
  proposal(): ReadingPath;
  start(userId: string, options?: { role?: string; viewer?: Viewer }): OnboardView;
  next(userId: string, options?: { viewer?: Viewer }): OnboardView;
  /** undefined when the user has no open quiz. */
  answer(userId: string, given: string): AnswerView | undefined;
  /** True when `text` reads as an answer to the user's open question (so the chat should not search it). */
  awaitsAnswer(userId: string, text: string): boolean;
  status(userId: string): StatusView | undefined;
  setPush(userId: string, optIn: boolean, target?: string): void;
  acceptProposal(): ReadingPath;
  store: OnboardStore;
}

type StoredItem = QuizItem & { review?: boolean };

/** Id of the item `userId` must answer now, undefined when no quiz is open (or no onboarding is wired). */
export function openQuizItemId(o: Onboarding | undefined, userId: string): string | undefined {
  const quiz = o?.store.openQuiz(userId);
  return quiz?.items[quiz.position]?.id;
}

export function createOnboarding(deps: OnboardingDeps): Onboarding {
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();
  const pathFor = (role: string): ReadingPath =>
    resolvePath(deps.corpus(), {
      declaration: deps.declaration?.(),
      frontMatter: deps.frontMatter?.(),
      accepted: deps.store.acceptedPath(),
      role,
    });

  const questionOf = (quiz: OpenQuiz): QuestionView | undefined => {
    const item = quiz.items[quiz.position] as StoredItem | undefined;
    if (!item) return undefined;
    return { item, number: quiz.position + 1, of: quiz.items.length, review: item.review === true };
  };

  const present = (userId: string, viewer: Viewer | undefined): OnboardView => {
    const user = deps.store.user(userId);
    if (!user) return { kind: 'empty' };
    const open = deps.store.openQuiz(userId);
    const path = pathFor(user.role);
    if (open) {
      const q = questionOf(open);
      if (q) return { kind: 'question', step: open.step, total: path.steps.length, question: q, pending: true };
    }
    if (path.steps.length === 0) return { kind: 'empty' };
    const step: PathStep | undefined = path.steps[user.nextStep - 1];
    if (!step) return { kind: 'finished', total: path.steps.length, results: deps.store.results(userId) };
    const lesson = buildLesson(deps.corpus(), step, (c) => (deps.visible ? deps.visible(c, viewer) : true));
    const reviews = deps.store.dueReviews(userId, step.step).map((r) => ({ ...r.item, review: true }));
    const items: StoredItem[] = [...lesson.quiz, ...reviews.filter((r) => !lesson.quiz.some((i) => i.id === r.id))];
    if (items.length === 0) {
      // Nothing to ask about (a step of pure prose): reading it completes the step.
      deps.store.transaction(() => {
        deps.store.finishStep({ userId, step: step.step, score: 0, total: 0, doneAt: now() });
        deps.store.setNextStep(userId, step.step + 1, now());
      });
      return { kind: 'lesson', lesson, total: path.steps.length, reviews: 0 };
    }
    const quiz: OpenQuiz = {
      userId,
      step: step.step,
      round: reviews.length > 0 ? 'review' : 'lesson',
      items,
      position: 0,
      correct: 0,
      startedAt: now(),
    };
    deps.store.saveQuiz(quiz);
    return { kind: 'lesson', lesson, total: path.steps.length, question: questionOf(quiz), reviews: reviews.length };
  };

  return {
    store: deps.store,
    pathFor,
    roles: () => declaredRoles(deps.declaration?.()),
    proposal: () => resolvePath(deps.corpus(), {}),
    start(userId, options = {}) {
      const user = deps.store.ensureUser(userId, now(), options.role ?? '');
      if (options.role !== undefined && options.role !== user.role) deps.store.setRole(userId, options.role, now());
      return present(userId, options.viewer);
    },
    next(userId, options = {}) {
      deps.store.ensureUser(userId, now());
      return present(userId, options.viewer);
    },
    awaitsAnswer(userId, text) {
      const open = deps.store.openQuiz(userId);
      const item = open?.items[open.position];
      if (!item) return false;
      return judgeAnswer(item, text).understood;
    },
    answer(userId, given) {
      return deps.store.transaction(() => {
        const open = deps.store.openQuiz(userId);
        const item = open?.items[open.position] as StoredItem | undefined;
        if (!open || !item) return undefined;
        const verdict = judgeAnswer(item, given);
        const at = now();
        deps.store.recordAnswer({
          userId,
          step: open.step,
          round: item.review ? 'review' : 'lesson',
          itemId: item.id,
          question: item.question,
          given,
          correct: verdict.correct,
          at,
        });
        const { review: _review, ...plain } = item;
        if (!verdict.correct) {
          const misses = item.review ? 2 : 1;
          deps.store.addReview(userId, plain, open.step, open.step + REVIEW_GAP_STEPS * misses);
        } else if (item.review) deps.store.removeReview(userId, item.id);
        const quiz: OpenQuiz = {
          ...open,
          position: open.position + 1,
          correct: open.correct + (verdict.correct ? 1 : 0),
        };
        const view: AnswerView = { kind: 'answered', correct: verdict.correct, item: plain, given };
        const next = questionOf(quiz);
        if (next) {
          deps.store.saveQuiz(quiz);
          return { ...view, next };
        }
        deps.store.closeQuiz(userId);
        deps.store.finishStep({ userId, step: open.step, score: quiz.correct, total: quiz.items.length, doneAt: at });
        const user = deps.store.user(userId);
        const nextStep = Math.max(user?.nextStep ?? 1, open.step + 1);
        deps.store.setNextStep(userId, nextStep, at);
        const pathLength = pathFor(user?.role ?? '').steps.length;
        return {
          ...view,
          stepDone: { step: open.step, score: quiz.correct, total: quiz.items.length, nextStep, pathLength },
        };
      });
    },
    status(userId) {
      const user = deps.store.user(userId);
      if (!user) return undefined;
      const path = pathFor(user.role);
      const open = deps.store.openQuiz(userId);
      return {
        userId,
        role: user.role,
        step: user.nextStep,
        total: path.steps.length,
        done: deps.store.results(userId),
        ...(open ? { pending: { step: open.step, number: open.position + 1, of: open.items.length } } : {}),
        reviewsDue: deps.store.dueReviews(userId, user.nextStep).length,
        pushOptIn: user.pushOptIn,
        path: path.steps.map((s) => ({ step: s.step, title: s.title, minutes: s.minutes })),
      };
    },
    setPush(userId, optIn, target) {
      deps.store.ensureUser(userId, now());
      deps.store.setPush(userId, optIn, target, now());
    },
    acceptProposal() {
      const proposal = resolvePath(deps.corpus(), {});
      deps.store.acceptPath(proposal, now());
      return { ...proposal, origin: 'accepted' };
    },
  };
}
