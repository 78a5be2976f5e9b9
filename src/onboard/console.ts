// The supervisor's (导师) view: who is on which step, scores per step, the questions most often missed.
// Aggregate data for administrators only — the web route is served with the console's protection.
import type { Onboarding } from './service';
import type { MissedQuestion } from '../store/onboard-store';

export interface OnboardConsole {
  path: { origin: string; steps: { step: number; title: string; minutes: number; files: string[] }[] };
  /** The proposal from the corpus, shown for acceptance while the path is not declared. */
  proposal?: { steps: { step: number; title: string; minutes: number }[] };
  users: {
    userId: string;
    role: string;
    /** 1-based next lesson. */
    step: number;
    total: number;
    scores: { step: number; score: number; total: number; doneAt: string }[];
    pushOptIn: boolean;
    updatedAt: string;
  }[];
  steps: { step: number; title: string; takers: number; score: number; total: number; rate: number }[];
  mostMissed: MissedQuestion[];
}

/** Build the console data; `missed` = how many most-missed questions to list. */
export function onboardConsole(o: Onboarding, missed = 10): OnboardConsole {
  const path = o.pathFor('');
  const results = o.store.results();
  const users = o.store.users().map((u) => ({
    userId: u.userId,
    role: u.role,
    step: u.nextStep,
    total: o.pathFor(u.role).steps.length,
    scores: results
      .filter((r) => r.userId === u.userId)
      .map((r) => ({ step: r.step, score: r.score, total: r.total, doneAt: r.doneAt })),
    pushOptIn: u.pushOptIn,
    updatedAt: u.updatedAt,
  }));
  const steps = path.steps.map((s) => {
    const done = results.filter((r) => r.step === s.step);
    const score = done.reduce((n, r) => n + r.score, 0);
    const total = done.reduce((n, r) => n + r.total, 0);
    return { step: s.step, title: s.title, takers: done.length, score, total, rate: total ? score / total : 0 };
  });
  return {
    path: {
      origin: path.origin,
      steps: path.steps.map((s) => ({ step: s.step, title: s.title, minutes: s.minutes, files: s.files })),
    },
    ...(path.origin === 'proposed'
      ? { proposal: { steps: path.steps.map((s) => ({ step: s.step, title: s.title, minutes: s.minutes })) } }
      : {}),
    users,
    steps,
    mostMissed: o.store.mostMissed(missed),
  };
}
