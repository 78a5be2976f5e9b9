// GET /api/audit?since=&user=&limit= — the audit trail for administrators only (issue 16).
import type { ServerResponse } from 'node:http';
import type { WebIdentity } from './auth';
import type { WebDeps } from './deps';
import { errorBody, sendJson } from './http-util';

export function handleAudit(res: ServerResponse, url: URL, deps: WebDeps, who: WebIdentity): void {
  if (!who.admin) {
    sendJson(res, 403, errorBody('E_FORBIDDEN', '审计记录仅管理员可以查看。'));
    return;
  }
  if (!deps.audit) {
    sendJson(res, 200, { rows: [] });
    return;
  }
  const since = url.searchParams.get('since') ?? undefined;
  if (since && Number.isNaN(new Date(since).getTime())) {
    sendJson(res, 400, errorBody('E_BAD_REQUEST', 'since 应为日期，例如 2026-01-31。'));
    return;
  }
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? '200') || 200));
  const user = url.searchParams.get('user') ?? undefined;
  sendJson(res, 200, { rows: deps.audit({ since, userId: user, limit }) });
}
