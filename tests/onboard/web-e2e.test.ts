// Acceptance (issue 17) in the web chat: a new user takes three lessons through /api/chat (the one
// processMessage path), answers every quiz item, the server restarts, and /入职 resumes at lesson 4 with the
// scores kept. Real modules on a temp corpus with a declared path; answers are typed replies (「A」/「对」/value).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/chat';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import { tempWebConfig } from '../web/temp-config';
import { DECLARED_PATH, replyFor, tempCorpus } from './fixture';

let fx: ReturnType<typeof tempCorpus>;
let server: WebServer | undefined;
let close: (() => void) | undefined;

async function start(): Promise<string> {
  const config = tempWebConfig(fx.root, fx.dir);
  const web = await openWebDeps(config, { reportsDir: path.join(fx.root, 'reports') });
  server = await startWebServer(web, { host: '127.0.0.1', port: 0 });
  close = () => web.close();
  return server.url;
}
async function stop(): Promise<void> {
  await server?.stop();
  close?.();
  server = undefined;
}

async function say(url: string, text: string): Promise<Reply> {
  const res = await fetch(new URL('/api/chat?stream=0', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.replace(/\/$/, '') },
    body: JSON.stringify({ conversationId: 'c1', userId: 'xiaoli', text }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { reply: Reply }).reply;
}

beforeAll(async () => {
  fx = tempCorpus({ 'onboarding.yaml': DECLARED_PATH });
  const config = tempWebConfig(fx.root, fx.dir);
  await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
});
afterAll(async () => {
  await stop();
  fx?.cleanup();
});

describe('onboarding in the web chat', () => {
  it('three lessons, a restart, and the user resumes at lesson 4 with scores kept', async () => {
    let url = await start();
    const scores: number[] = [];
    for (let lesson = 1; lesson <= 3; lesson++) {
      const shown = await say(url, lesson === 1 ? '/入职' : '/下一课');
      expect(shown.text).toContain(`第 ${lesson}/5 课`);
      let q = shown.onboard?.view?.kind === 'lesson' ? shown.onboard.view.question : undefined;
      expect(q).toBeDefined();
      let correct = 0;
      let n = 0;
      while (q) {
        // One wrong answer in lesson 2, so the score shows and the item comes back for review.
        const wrong = lesson === 2 && n === 0;
        const r = await say(url, replyFor(q.item, wrong));
        expect(r.text).toMatch(wrong ? /回答错误/ : /回答正确/);
        expect(r.text).toContain(q.item.citation.quote);
        if (!wrong) correct++;
        n++;
        q = r.onboard?.answer?.next;
        if (!q) expect(r.onboard?.answer?.stepDone).toMatchObject({ step: lesson, score: correct });
      }
      scores.push(correct);
    }
    // A question typed while no quiz is open still goes to the question path (not taken as an answer).
    const progress = await say(url, '/进度');
    expect(progress.text).toContain('第 4/5 课');

    await stop();
    url = await start();
    const after = await say(url, '/进度');
    expect(after.text).toContain('下一课是第 4/5 课');
    for (const [i, s] of scores.entries()) expect(after.text).toMatch(new RegExp(`第 ${i + 1} 课 [^：]+：${s}/`));
    const resumed = await say(url, '/入职');
    expect(resumed.text).toContain('第 4/5 课：保密');
    // The missed item from lesson 2 is due two steps later: it comes back in lesson 4's quiz.
    expect(resumed.text).toContain('复习题');
    const page = await fetch(new URL('/onboard', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('入职学习');
    const consoleRes = await fetch(new URL('/api/onboard/console', url));
    const data = (await consoleRes.json()) as { users: { userId: string; step: number }[]; mostMissed: unknown[] };
    expect(data.users).toEqual([
      // Identity comes from the token (none on loopback: the anonymous web user), never from the body's userId.
      expect.objectContaining({ userId: 'web:anonymous', step: 4 }),
    ]);
    expect(data.mostMissed).toHaveLength(1);
    expect(fs.existsSync(path.join(fx.root, 'state', 'state.db'))).toBe(true);
  });
});
