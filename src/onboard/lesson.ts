// A lesson is one step of the path: its passages, their key points and 2–4 quiz items.
import type { Lesson, PathStep } from '../core/onboard';
import type { Chunk } from '../core/types';
import type { OnboardCorpus } from './corpus';
import { keyPoints } from './points';
import { generateQuiz } from './quiz';

/** Quiz items per lesson (issue 17: 2–4). */
export const QUIZ_PER_LESSON = 3;

/** The passages of a step that still exist in the corpus (an edited document may have dropped some). */
export function stepChunks(corpus: OnboardCorpus, step: PathStep, visible: (c: Chunk) => boolean): Chunk[] {
  return step.chunkIds.flatMap((id) => {
    const c = corpus.byId(id);
    return c && visible(c) ? [c] : [];
  });
}

/** Build the lesson of `step`; `visible` is the access filter for the asking user (default: everything). */
export function buildLesson(
  corpus: OnboardCorpus,
  step: PathStep,
  visible: (c: Chunk) => boolean = () => true,
  quizSize = QUIZ_PER_LESSON,
): Lesson {
  const chunks = stepChunks(corpus, step, visible);
  return { step, points: keyPoints(corpus, chunks), quiz: generateQuiz(corpus, chunks, quizSize) };
}
