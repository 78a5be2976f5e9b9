// POST /api/chat: one question (or command) into the shared processMessage. Streams Server-Sent Events so LLM
// tokens (hooks.onToken) reach the page as they arrive; ?stream=0 returns one JSON reply instead.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from '../core/chat';
import { isZhiyinError, ZhiyinError } from '../core/errors';
import type { WebDeps } from './deps';
import { readJson, sendJson } from './http-util';
import { userMessageFor } from './messages';
import type { WebIdentity } from './auth';

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

export interface ChatRequest {
  conversationId: string;
  userId: string;
  text: string;
}

export function parseChatRequest(body: unknown): ChatRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const bad = (what: string) =>
    new ZhiyinError('E_BAD_REQUEST', `chat request: ${what}`, { userMessage: '请求格式不正确，请刷新页面后重试。' });
  if (typeof b.conversationId !== 'string' || !ID_RE.test(b.conversationId)) throw bad('conversationId');
  if (b.userId !== undefined && (typeof b.userId !== 'string' || !ID_RE.test(b.userId))) throw bad('userId');
  if (typeof b.text !== 'string') throw bad('text');
  return { conversationId: b.conversationId, userId: `web:${b.userId ?? 'anonymous'}`, text: b.text };
}

/** A reply as the page receives it: files (a drafted .docx) become download links (data: URLs, small files). */
export type PageReply = Omit<Reply, 'files'> & { downloads?: { name: string; url: string }[] };

/** The page never needs the retrieval hits (whole chunks, large); citations carry the quotes. */
export function replyForPage(reply: Reply): PageReply {
  const { files, ...plain } = reply;
  const downloads = files?.map((f) => ({
    name: f.name,
    url: `data:${f.mimeType ?? 'application/octet-stream'};base64,${Buffer.from(f.content).toString('base64')}`,
  }));
  const withFiles: PageReply = downloads && downloads.length > 0 ? { ...plain, downloads } : plain;
  if (!reply.answer) return withFiles;
  const { hits: _hits, ...rest } = reply.answer;
  return { ...withFiles, answer: { ...rest, hits: [] } };
}

export async function handleChat(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: WebDeps,
  who: WebIdentity,
): Promise<void> {
  const chat = parseChatRequest(await readJson(req));
  const messageId = `web-${crypto.randomUUID()}`;
  // Identity from the token (issue 16): the body's userId is validated for old pages but never trusted.
  const message = {
    transport: 'web' as const,
    ...chat,
    userId: who.userId,
    messageId,
    chatType: 'p2p' as const,
    ...(who.viewer ? { viewer: who.viewer } : {}),
  };
  const abort = new AbortController();
  // 'close' on the response fires after a normal end too; only a disconnect before the end aborts.
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });

  if (url.searchParams.get('stream') === '0') {
    const reply = await deps.processMessage(message, { signal: abort.signal });
    sendJson(res, 200, { messageId, reply: replyForPage(reply) });
    return;
  }

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  // After the page went away the socket is gone: writing then would only raise errors nobody can see.
  const writable = () => !res.writableEnded && !res.destroyed;
  const send = (event: string, data: unknown) => {
    if (writable()) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  send('start', { messageId });
  const keepAlive = setInterval(() => {
    if (writable()) res.write(': keep-alive\n\n');
  }, 15_000);
  try {
    const reply = await deps.processMessage(message, {
      signal: abort.signal,
      onToken: (delta) => send('token', { delta }),
    });
    send('reply', { messageId, reply: replyForPage(reply) });
  } catch (e) {
    const code = isZhiyinError(e) ? e.code : 'E_INTERNAL';
    if (code === 'E_INTERNAL')
      console.error(JSON.stringify({ level: 'error', msg: 'web chat failed', err: String(e) }));
    const message = isZhiyinError(e) && e.userMessage ? e.userMessage : userMessageFor(code);
    send('error', { code, message });
  } finally {
    clearInterval(keepAlive);
    res.end();
  }
}
