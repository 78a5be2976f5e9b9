// JSON API handlers of the console and the answer card actions (feedback, 查看原文, status, upload).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZhiyinError } from '../core/errors';
import type { WebDeps } from './deps';
import type { WebIdentity } from './auth';
import { errorBody, readBody, readJson, sendJson } from './http-util';
import { checkUploadExtension, checkUploadType, sanitizeFileName } from './upload-check';

const ID_RE = /^[A-Za-z0-9_:.-]{1,120}$/;

export async function handleStatus(
  res: ServerResponse,
  deps: WebDeps,
  maxUploadBytes: number,
  who: WebIdentity,
): Promise<void> {
  const status = await deps.status(who);
  sendJson(res, 200, {
    ...status,
    hasReport: Boolean(deps.latestReportPath()),
    maxUploadBytes,
    me: { userId: who.userId, admin: who.admin },
  });
}

/** Feedback rows: an administrator sees everyone's, anyone else only their own (issue 16). */
export async function handleFeedbackGet(res: ServerResponse, url: URL, deps: WebDeps, who: WebIdentity): Promise<void> {
  const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? '100') || 100));
  const all = await deps.listFeedback(who.admin ? limit : 500);
  sendJson(res, 200, { entries: who.admin ? all : all.filter((e) => e.userId === who.userId).slice(0, limit) });
}

export async function handleFeedbackPost(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebDeps,
  who: WebIdentity,
): Promise<void> {
  const b = ((await readJson(req)) ?? {}) as Record<string, unknown>;
  const ok =
    typeof b.conversationId === 'string' &&
    ID_RE.test(b.conversationId) &&
    typeof b.messageId === 'string' &&
    ID_RE.test(b.messageId) &&
    (b.rating === 'up' || b.rating === 'down') &&
    (b.userId === undefined || (typeof b.userId === 'string' && ID_RE.test(b.userId))) &&
    (b.comment === undefined || (typeof b.comment === 'string' && b.comment.length <= 2000));
  if (!ok) throw new ZhiyinError('E_BAD_REQUEST', 'bad feedback request', { userMessage: '反馈格式不正确。' });
  const entry = await deps.recordFeedback({
    // Who rates comes from the token; a userId in the body is ignored (it used to be trusted).
    userId: who.userId,
    conversationId: b.conversationId as string,
    messageId: b.messageId as string,
    rating: b.rating as 'up' | 'down',
    comment: b.comment as string | undefined,
  });
  if (!entry) {
    sendJson(res, 404, errorBody('E_BAD_REQUEST', '找不到要评价的回答（可能已被 /new 清除）。'));
    return;
  }
  sendJson(res, 200, { entry });
}

export async function handleChunk(res: ServerResponse, rawId: string, deps: WebDeps, who: WebIdentity): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = '';
  }
  // A chunk of a document the viewer may not see answers exactly like an unknown id: no trace of it.
  const article = id && id.length <= 200 ? await deps.lookupChunk(id, who.viewer) : undefined;
  if (!article) {
    sendJson(res, 404, errorBody('E_BAD_REQUEST', '找不到该条文原文（知识库可能已更新，请重新提问）。'));
    return;
  }
  sendJson(res, 200, { article });
}

/** POST /api/upload?name=<file name>, body = the raw file bytes (lets the page report upload progress). */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: WebDeps,
  maxBytes: number,
  who: WebIdentity,
): Promise<void> {
  const raw = url.searchParams.get('name') ?? '';
  const name = sanitizeFileName(raw);
  // Reject by extension before reading a large body.
  checkUploadExtension(name);
  const bytes = await readBody(req, maxBytes);
  checkUploadType(name, bytes, maxBytes);
  const result = await deps.upload(name, bytes, who);
  sendJson(res, result.ok ? 200 : 422, result.ok ? result : { ...result, error: firstError(result.errors) });
}

/** DELETE /api/documents?file=<corpus-relative file>: move it to the trash and drop it from the index. */
export async function handleDeleteDocument(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: WebDeps,
): Promise<void> {
  const file = url.searchParams.get('file') ?? '';
  if (!deps.deleteDocument) throw new ZhiyinError('E_BAD_REQUEST', 'delete not available');
  if (!file || file.length > 500) {
    throw new ZhiyinError('E_BAD_REQUEST', 'missing file', { userMessage: '请指定要删除的文件。' });
  }
  // Who deleted it, for the trash record: the access engineer's identity when present, else the console.
  const by = String(req.headers['x-zhiyin-user'] ?? 'console').slice(0, 100);
  const result = await deps.deleteDocument(file, by);
  sendJson(res, result.ok ? 200 : 500, result.ok ? result : { ...result, error: firstError(result.errors) });
}

function firstError(errors: { code: string; message: string }[]): { code: string; message: string } {
  return errors[0] ?? { code: 'E_INTERNAL', message: '文件导入失败。' };
}
