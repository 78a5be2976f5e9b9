// Access control for the web server: an optional access token (required when bound beyond loopback) and
// Host/Origin checks that stop DNS-rebinding and cross-site form posts against a loopback server.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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
