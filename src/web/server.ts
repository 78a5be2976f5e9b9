// The local web chat and console: node:http, no framework. Binds 127.0.0.1 by default; any other address
// needs an access token, which every request must then present (header, cookie or ?token=).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZhiyinError } from '../core/errors';
import type { UserDirectory } from '../access/users';
import { hostAllowed, identify, isLoopback, originAllowed, presentedToken, TOKEN_COOKIE, tokensRequired } from './auth';
import { handleAudit } from './audit-api';
import { handleChat } from './chat-api';
import type { WebDeps } from './deps';
import { errorBody, sendError, sendJson, setSecurityHeaders } from './http-util';
import {
  handleChunk,
  handleDeleteDocument,
  handleFeedbackGet,
  handleFeedbackPost,
  handleStatus,
  handleUpload,
} from './routes';
import { serveReport, serveStatic } from './static-files';
import { handleOnboardApi } from './onboard-routes';
import { DEFAULT_MAX_UPLOAD_BYTES } from './upload-check';

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  accessToken?: string;
  /** Per-user web tokens, roles and administrators (ZHIYIN_USERS_FILE, src/access/users.ts). */
  users?: UserDirectory;
  /** Upload size limit in bytes (default 20 MB). */
  maxUploadBytes?: number;
}

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

const PAGES: Record<string, string> = { '/': 'index.html', '/console': 'console.html', '/onboard': 'onboard.html' };

export async function startWebServer(deps: WebDeps, options: WebServerOptions): Promise<WebServer> {
  if (!isLoopback(options.host) && !tokensRequired(options)) {
    throw new ZhiyinError('E_CONFIG', `refusing to bind ${options.host} without an access token`, {
      userMessage: '绑定非本机地址时必须设置 ZHIYIN_ACCESS_TOKEN。',
    });
  }
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    route(req, res, deps, options, maxUpload).catch((e: unknown) => sendError(res, e));
  });
  // Requests in flight (an upload being indexed) may take a while; keep-alive sockets should not hold stop().
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new ZhiyinError('E_CONFIG', `port ${options.port} on ${options.host} is already in use: set PORT`, {
              cause: e,
              userMessage: `端口 ${options.port} 已被占用，请设置 PORT 换一个端口。`,
            })
          : e,
      ),
    );
    server.listen(options.port, options.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${hostForUrl}:${addr.port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  deps: WebDeps,
  options: WebServerOptions,
  maxUpload: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const p = url.pathname;
  const method = req.method ?? 'GET';

  if (!hostAllowed(req, options.host)) {
    sendJson(res, 403, errorBody('E_FORBIDDEN', '不允许的访问地址（Host）。'));
    return;
  }
  if (p === '/api/health') {
    sendJson(res, 200, { ok: true });
    return;
  }
  // Page assets are public code; everything else (pages, API, report) needs a token when any is configured.
  // The identity of every request comes from its token (src/web/auth.ts identify), never from the body.
  const token = presentedToken(req, url);
  const who = identify(options, token);
  if (tokensRequired(options) && !p.startsWith('/static/')) {
    if (!who) {
      if (p.startsWith('/api/')) sendJson(res, 401, errorBody('E_FORBIDDEN'));
      else if (!serveStatic(res, 'login.html', 401)) sendJson(res, 401, errorBody('E_FORBIDDEN'));
      return;
    }
    if (method === 'GET' && url.searchParams.has('token')) {
      // Move the token from the URL into an HttpOnly cookie so it does not linger in history or logs.
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token ?? '')}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      res.end();
      return;
    }
  }
  const identity = who ?? { userId: 'web:anonymous', admin: false };
  if (method !== 'GET' && method !== 'HEAD' && !originAllowed(req)) {
    sendJson(res, 403, errorBody('E_FORBIDDEN', '拒绝来自其他网站的请求。'));
    return;
  }

  if (p.startsWith('/api/onboard/')) {
    // The supervisor's aggregate view of everyone's progress: administrators only (issue 17 item 6).
    if (!identity.admin) return sendJson(res, 403, errorBody('E_FORBIDDEN', '入职学习的导师视图仅管理员可以查看。'));
    return handleOnboardApi(req, res, p, method, deps);
  }
  if (method === 'GET') {
    const page = PAGES[p];
    if (page && serveStatic(res, page)) return;
    if (p.startsWith('/static/') && serveStatic(res, p.slice('/static/'.length))) return;
    if (p === '/report' || p.startsWith('/report/')) {
      if (serveReport(res, deps.latestReportPath(), p.slice('/report/'.length))) return;
      sendJson(res, 404, errorBody('E_BAD_REQUEST', '还没有评测报告：运行 npm run eval 生成。'));
      return;
    }
    if (p === '/api/status') return handleStatus(res, deps, maxUpload, identity);
    if (p === '/api/examples') return sendJson(res, 200, deps.examples?.() ?? []);
    if (p === '/api/feedback') return handleFeedbackGet(res, url, deps, identity);
    if (p.startsWith('/api/chunk/')) return handleChunk(res, p.slice('/api/chunk/'.length), deps, identity);
    if (p === '/api/audit') return handleAudit(res, url, deps, identity);
  }
  if (method === 'POST') {
    if (p === '/api/chat') return handleChat(req, res, url, deps, identity);
    if (p === '/api/feedback') return handleFeedbackPost(req, res, deps, identity);
    if (p === '/api/upload') return handleUpload(req, res, url, deps, maxUpload, identity);
  }
  if (method === 'DELETE' && p === '/api/documents') return handleDeleteDocument(req, res, url, deps);
  sendJson(res, 404, errorBody('E_BAD_REQUEST', '找不到该页面或接口。'));
}
