// Onboarding console API: GET /api/onboard/console (who is on which step, scores, most-missed questions) and
// POST /api/onboard/accept (accept the path proposed from the corpus). The 入职学习 page itself talks to
// /api/chat with the /入职 commands, so lessons and answers take the one processMessage path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { onboardConsole, type OnboardConsole } from '../onboard/console';
import type { Onboarding } from '../onboard/service';
import type { WebDeps } from './deps';
import { errorBody, sendJson } from './http-util';

export interface OnboardWebDeps {
  console(): OnboardConsole | undefined;
  accept(): { steps: number } | undefined;
}

export function onboardWebDeps(get: () => Onboarding | undefined): OnboardWebDeps {
  return {
    console: () => {
      const o = get();
      return o ? onboardConsole(o) : undefined;
    },
    accept: () => {
      const o = get();
      return o ? { steps: o.acceptProposal().steps.length } : undefined;
    },
  };
}

/**
 * Aggregate data for administrators: these routes sit behind the same protection as /console (loopback, or the
 * access token when bound beyond it); per-user admin roles come with the access-control work (issue 16).
 */
export async function handleOnboardApi(
  _req: IncomingMessage,
  res: ServerResponse,
  p: string,
  method: string,
  deps: WebDeps,
): Promise<void> {
  const onboard = deps.onboard;
  if (p === '/api/onboard/console' && method === 'GET') {
    const data = onboard?.console();
    if (data) return sendJson(res, 200, data);
  } else if (p === '/api/onboard/accept' && method === 'POST') {
    const accepted = onboard?.accept();
    if (accepted) return sendJson(res, 200, { ok: true, ...accepted });
  }
  sendJson(res, 404, errorBody('E_BAD_REQUEST', '找不到该页面或接口（入职学习未启用）。'));
}
