// Onboarding progress per user in the state database (state.db): the next step, the open quiz, every answer,
// the score of each finished step and when, the review queue of missed items, daily-push slots, and the path an
// admin accepted. Additive tables beside the chat's own; every change is one statement or one transaction, so
// a restart (or a second replica on the same file) sees exactly what was committed.
import type { QuizItem, ReadingPath, StepResult } from '../core/onboard';

export type { StepResult };
import type { StateDb } from './state-db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS onboard_users (
  user_id TEXT PRIMARY KEY,
  role TEXT NOT NULL DEFAULT '',
  next_step INTEGER NOT NULL DEFAULT 1,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  push_opt_in INTEGER NOT NULL DEFAULT 0,
  push_target TEXT
);
CREATE TABLE IF NOT EXISTS onboard_quiz (
  user_id TEXT PRIMARY KEY,
  step INTEGER NOT NULL,
  round TEXT NOT NULL,
  items TEXT NOT NULL,
  position INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  started_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS onboard_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  round TEXT NOT NULL,
  item_id TEXT NOT NULL,
  question TEXT NOT NULL,
  given TEXT NOT NULL,
  correct INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS onboard_answers_by_item ON onboard_answers(item_id);
CREATE TABLE IF NOT EXISTS onboard_steps (
  user_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  score INTEGER NOT NULL,
  total INTEGER NOT NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (user_id, step)
);
CREATE TABLE IF NOT EXISTS onboard_review (
  user_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  item TEXT NOT NULL,
  missed_step INTEGER NOT NULL,
  due_step INTEGER NOT NULL,
  misses INTEGER NOT NULL,
  PRIMARY KEY (user_id, item_id)
);
CREATE TABLE IF NOT EXISTS onboard_push (
  user_id TEXT NOT NULL,
  day TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (user_id, day)
);
CREATE TABLE IF NOT EXISTS onboard_accepted_path (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  path TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

export interface OnboardUser {
  userId: string;
  role: string;
  /** 1-based: the next lesson to take. */
  nextStep: number;
  startedAt: string;
  updatedAt: string;
  pushOptIn: boolean;
  /** Where the daily push goes (a Lark open_id); undefined = not pushable. */
  pushTarget?: string;
}

export interface OpenQuiz {
  userId: string;
  step: number;
  /** 'lesson' = the step's own items; 'review' = missed items coming back. */
  round: 'lesson' | 'review';
  items: QuizItem[];
  /** 0-based index of the item waiting for an answer. */
  position: number;
  correct: number;
  startedAt: string;
}

export interface MissedQuestion {
  itemId: string;
  question: string;
  asked: number;
  missed: number;
}

export interface OnboardStore {
  user(userId: string): OnboardUser | undefined;
  /** Create the user at step 1 when absent; returns the stored user. */
  ensureUser(userId: string, at: string, role?: string): OnboardUser;
  setRole(userId: string, role: string, at: string): void;
  setNextStep(userId: string, step: number, at: string): void;
  setPush(userId: string, optIn: boolean, target: string | undefined, at: string): void;
  users(): OnboardUser[];
  openQuiz(userId: string): OpenQuiz | undefined;
  saveQuiz(quiz: OpenQuiz): void;
  closeQuiz(userId: string): void;
  recordAnswer(a: {
    userId: string;
    step: number;
    round: string;
    itemId: string;
    question: string;
    given: string;
    correct: boolean;
    at: string;
  }): void;
  finishStep(r: StepResult): void;
  results(userId?: string): StepResult[];
  /** Queue a missed item to come back when the user reaches `dueStep`. */
  addReview(userId: string, item: QuizItem, missedStep: number, dueStep: number): void;
  dueReviews(userId: string, step: number): { item: QuizItem; misses: number }[];
  removeReview(userId: string, itemId: string): void;
  /** Claim the (user, day) push slot; true for exactly one caller, across restarts and processes. */
  claimPush(userId: string, day: string, at: string): boolean;
  markPushSent(userId: string, day: string, at: string): void;
  /** Release a claim whose send failed, so a later tick may retry it. */
  releasePush(userId: string, day: string): void;
  pushes(userId?: string): { userId: string; day: string; sentAt?: string }[];
  mostMissed(limit: number): MissedQuestion[];
  acceptedPath(): ReadingPath | undefined;
  acceptPath(path: ReadingPath, at: string): void;
  /** Every transaction helper the service needs: all-or-nothing. */
  transaction<T>(fn: () => T): T;
}

interface UserRow {
  user_id: string;
  role: string;
  next_step: number;
  started_at: string;
  updated_at: string;
  push_opt_in: number;
  push_target: string | null;
}

function toUser(r: UserRow): OnboardUser {
  return {
    userId: r.user_id,
    role: r.role,
    nextStep: r.next_step,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    pushOptIn: r.push_opt_in === 1,
    ...(r.push_target ? { pushTarget: r.push_target } : {}),
  };
}

/** Create the onboarding tables (idempotent) and return the store over them. */
export function createOnboardStore(db: StateDb): OnboardStore {
  db.exec(SCHEMA);
  const q = {
    user: db.prepare<[string], UserRow>('SELECT * FROM onboard_users WHERE user_id = ?'),
    users: db.prepare<[], UserRow>('SELECT * FROM onboard_users ORDER BY started_at, user_id'),
    insUser: db.prepare(
      `INSERT OR IGNORE INTO onboard_users(user_id, role, next_step, started_at, updated_at) VALUES (?, ?, 1, ?, ?)`,
    ),
    setRole: db.prepare('UPDATE onboard_users SET role = ?, updated_at = ? WHERE user_id = ?'),
    setStep: db.prepare('UPDATE onboard_users SET next_step = ?, updated_at = ? WHERE user_id = ?'),
    setPush: db.prepare(
      'UPDATE onboard_users SET push_opt_in = ?, push_target = COALESCE(?, push_target), updated_at = ? WHERE user_id = ?',
    ),
    quiz: db.prepare<
      [string],
      {
        user_id: string;
        step: number;
        round: string;
        items: string;
        position: number;
        correct: number;
        started_at: string;
      }
    >('SELECT * FROM onboard_quiz WHERE user_id = ?'),
    saveQuiz:
      db.prepare(`INSERT OR REPLACE INTO onboard_quiz(user_id, step, round, items, position, correct, started_at)
      VALUES (@userId, @step, @round, @items, @position, @correct, @startedAt)`),
    closeQuiz: db.prepare('DELETE FROM onboard_quiz WHERE user_id = ?'),
    answer: db.prepare(`INSERT INTO onboard_answers(user_id, step, round, item_id, question, given, correct, at)
      VALUES (@userId, @step, @round, @itemId, @question, @given, @correct, @at)`),
    finish: db.prepare(`INSERT OR REPLACE INTO onboard_steps(user_id, step, score, total, done_at)
      VALUES (@userId, @step, @score, @total, @doneAt)`),
    results: db.prepare<[], { user_id: string; step: number; score: number; total: number; done_at: string }>(
      'SELECT * FROM onboard_steps ORDER BY user_id, step',
    ),
    addReview: db.prepare(`INSERT INTO onboard_review(user_id, item_id, item, missed_step, due_step, misses)
      VALUES (?, ?, ?, ?, ?, 1)
      ON CONFLICT(user_id, item_id) DO UPDATE SET due_step = excluded.due_step, misses = misses + 1`),
    due: db.prepare<[string, number], { item: string; misses: number }>(
      'SELECT item, misses FROM onboard_review WHERE user_id = ? AND due_step <= ? ORDER BY due_step, item_id',
    ),
    delReview: db.prepare('DELETE FROM onboard_review WHERE user_id = ? AND item_id = ?'),
    claim: db.prepare('INSERT OR IGNORE INTO onboard_push(user_id, day, claimed_at) VALUES (?, ?, ?)'),
    sent: db.prepare('UPDATE onboard_push SET sent_at = ? WHERE user_id = ? AND day = ?'),
    release: db.prepare('DELETE FROM onboard_push WHERE user_id = ? AND day = ? AND sent_at IS NULL'),
    pushes: db.prepare<[], { user_id: string; day: string; sent_at: string | null }>(
      'SELECT user_id, day, sent_at FROM onboard_push ORDER BY day, user_id',
    ),
    missed: db.prepare<[number], { item_id: string; question: string; asked: number; missed: number }>(
      `SELECT item_id, MAX(question) AS question, COUNT(*) AS asked, SUM(1 - correct) AS missed
       FROM onboard_answers GROUP BY item_id HAVING missed > 0 ORDER BY missed DESC, asked DESC, item_id LIMIT ?`,
    ),
    accepted: db.prepare<[], { path: string }>('SELECT path FROM onboard_accepted_path WHERE id = 1'),
    accept: db.prepare('INSERT OR REPLACE INTO onboard_accepted_path(id, path, at) VALUES (1, ?, ?)'),
  };
  return {
    user: (id) => {
      const r = q.user.get(id);
      return r ? toUser(r) : undefined;
    },
    ensureUser(id, at, role = '') {
      q.insUser.run(id, role, at, at);
      return toUser(q.user.get(id) as UserRow);
    },
    setRole: (id, role, at) => void q.setRole.run(role, at, id),
    setNextStep: (id, step, at) => void q.setStep.run(step, at, id),
    setPush: (id, optIn, target, at) => void q.setPush.run(optIn ? 1 : 0, target ?? null, at, id),
    users: () => q.users.all().map(toUser),
    openQuiz(id) {
      const r = q.quiz.get(id);
      if (!r) return undefined;
      return {
        userId: r.user_id,
        step: r.step,
        round: r.round === 'review' ? 'review' : 'lesson',
        items: JSON.parse(r.items) as QuizItem[],
        position: r.position,
        correct: r.correct,
        startedAt: r.started_at,
      };
    },
    saveQuiz: (quiz) => void q.saveQuiz.run({ ...quiz, items: JSON.stringify(quiz.items) }),
    closeQuiz: (id) => void q.closeQuiz.run(id),
    recordAnswer: (a) => void q.answer.run({ ...a, correct: a.correct ? 1 : 0 }),
    finishStep: (r) => void q.finish.run(r),
    results: (id) =>
      q.results
        .all()
        .filter((r) => id === undefined || r.user_id === id)
        .map((r) => ({ userId: r.user_id, step: r.step, score: r.score, total: r.total, doneAt: r.done_at })),
    addReview: (id, item, missed, due) => void q.addReview.run(id, item.id, JSON.stringify(item), missed, due),
    dueReviews: (id, step) =>
      q.due.all(id, step).map((r) => ({ item: JSON.parse(r.item) as QuizItem, misses: r.misses })),
    removeReview: (id, itemId) => void q.delReview.run(id, itemId),
    claimPush: (id, day, at) => q.claim.run(id, day, at).changes === 1,
    markPushSent: (id, day, at) => void q.sent.run(at, id, day),
    releasePush: (id, day) => void q.release.run(id, day),
    pushes: (id) =>
      q.pushes
        .all()
        .filter((r) => id === undefined || r.user_id === id)
        .map((r) => ({ userId: r.user_id, day: r.day, ...(r.sent_at ? { sentAt: r.sent_at } : {}) })),
    mostMissed: (limit) =>
      q.missed.all(limit).map((r) => ({ itemId: r.item_id, question: r.question, asked: r.asked, missed: r.missed })),
    acceptedPath() {
      const r = q.accepted.get();
      return r ? (JSON.parse(r.path) as ReadingPath) : undefined;
    },
    acceptPath: (p, at) => void q.accept.run(JSON.stringify({ ...p, origin: 'accepted' }), at),
    transaction: (fn) => db.transaction(fn)(),
  };
}
