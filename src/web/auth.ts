// Access control for the web server: an optional access token (required when bound beyond loopback) and
// Host/Origin checks that stop DNS-rebinding and cross-site form posts against a loopback server.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../core/access';
import type { UserDirectory } from '../access/users';

export const TOKEN_COOKIE = 'zhiyin_token';
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host);
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = part.slice(0, i).trim();
    try {
      out[key] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie value is ignored rather than failing the request.
    }
  }
  return out;
}

/** The token a request presents, from (in order) Authorization: Bearer, X-Zhiyin-Token, cookie, ?token=. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-zhiyin-token'];
  if (typeof header === 'string' && header) return header;
  const cookie = parseCookies(req.headers.cookie)[TOKEN_COOKIE];
  if (cookie) return cookie;
  return url.searchParams.get('token') ?? undefined;
}

export function tokenMatches(expected: string | undefined, presented: string | undefined): boolean {
  if (!expected) return true;
  return presented !== undefined && safeEqual(expected, presented);
}

/**
 * When bound to loopback, only accept loopback Host headers: a page on another site that rebinds its DNS name to
 * 127.0.0.1 still sends its own name as Host. Beyond loopback the access token is the guard.
 */
export function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  if (!isLoopback(boundHost)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return isLoopback(name);
}

/** Browsers send Origin on cross-site POSTs; reject any state-changing request from another origin. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Who a web request is (issue 16): identity comes from the presented token, never from the request body.
 * - no token configured at all (loopback-only single-user tool): the local operator, administrator of the
 *   console, asking as an anonymous outsider (public documents only);
 * - a token from ZHIYIN_USERS_FILE: that user, a tenant member with their roles and admin flag;
 * - ZHIYIN_ACCESS_TOKEN (one shared token): a tenant member `web:token`, administrator only when no users
 *   file defines administrators.
 */
export interface WebIdentity {
  userId: string;
  /** Undefined = anonymous outsider. */
  viewer?: Viewer;
  admin: boolean;
}

export interface WebAuthConfig {
  accessToken?: string;
  users?: UserDirectory;
}

/** True when requests must present a token (either kind configured). */
export function tokensRequired(auth: WebAuthConfig): boolean {
  return Boolean(auth.accessToken) || (auth.users?.size ?? 0) > 0;
}

/** The identity of a presented token; undefined when tokens are required and this one matches none. */
export function identify(auth: WebAuthConfig, presented: string | undefined): WebIdentity | undefined {
  if (!tokensRequired(auth)) return { userId: 'web:anonymous', admin: true };
  const user = auth.users?.byToken(presented);
  if (user)
    return { userId: user.userId, viewer: { principals: user.principals, tenantMember: true }, admin: user.admin };
  if (auth.accessToken && presented !== undefined && safeEqual(auth.accessToken, presented)) {
    return {
      userId: 'web:token',
      viewer: { principals: ['web:token'], tenantMember: true },
      admin: (auth.users?.size ?? 0) === 0,
    };
  }
  return undefined;
}
