// A fake Feishu open platform on 127.0.0.1: the real SDK talks to it through its `domain` option.
// It records every request and can be told to fail the next calls of a route (429, 5xx, error codes).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown> | undefined;
  /** Date.now() when the request arrived (latency measurements). */
  at: number;
}

interface Failure {
  match: RegExp;
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  times: number;
}

export class FakeOpenPlatform {
  readonly requests: RecordedRequest[] = [];
  botOpenId = 'ou_fake_bot';
  /** Department ids by open_id, served by GET /open-apis/contact/v3/users/:id (access control tests). */
  departments: Record<string, string[]> = {};
  /** Long-connection endpoint handed out by /callback/ws/endpoint (set by the WS test). */
  wsUrl = '';
  private server = http.createServer((req, res) => this.handle(req, res));
  private failures: Failure[] = [];
  private n = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(match: RegExp, status: number, body: Record<string, unknown>, times = 1, headers?: Record<string, string>) {
    this.failures.push({ match, status, body, times, headers });
  }

  /** Forget the failures still scheduled by failNext (the platform recovered). */
  clearFailures(): void {
    this.failures = [];
  }

  /** Requests whose "METHOD path" matches. */
  find(match: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => match.test(`${r.method} ${r.path}`));
  }

  replies(): RecordedRequest[] {
    return this.find(/^POST \/open-apis\/im\/v1\/messages\/[^/]+\/reply$/);
  }

  /** Proactive messages (im.v1.message.create), e.g. the onboarding daily push. */
  created(): RecordedRequest[] {
    return this.find(/^POST \/open-apis\/im\/v1\/messages$/);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        raw,
        body,
        at: Date.now(),
      };
      this.requests.push(rec);
      const key = `${rec.method} ${path}`;
      const failure = this.failures.find((f) => f.times > 0 && f.match.test(key));
      if (failure) {
        failure.times--;
        return this.json(res, failure.status, failure.body, failure.headers);
      }
      this.json(res, 200, this.route(rec));
    });
  }

  private route(r: RecordedRequest): Record<string, unknown> {
    const id = ++this.n;
    const key = `${r.method} ${r.path}`;
    if (key === 'POST /open-apis/auth/v3/tenant_access_token/internal') {
      return { code: 0, msg: 'ok', tenant_access_token: `t-fake-token-${id}-abcdefghijklmnop`, expire: 7200 };
    }
    if (key === 'POST /callback/ws/endpoint') {
      return {
        code: 0,
        data: {
          URL: this.wsUrl,
          ClientConfig: { PingInterval: 120, ReconnectCount: 3, ReconnectInterval: 1, ReconnectNonce: 0 },
        },
      };
    }
    if (key === 'GET /open-apis/bot/v3/info') return { code: 0, msg: 'ok', bot: { open_id: this.botOpenId } };
    if (/^POST \/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(key)) {
      return { code: 0, msg: 'success', data: { message_id: `om_reply_${id}` } };
    }
    if (key === 'POST /open-apis/im/v1/messages') {
      return { code: 0, msg: 'success', data: { message_id: `om_created_${id}` } };
    }
    const user = /^GET \/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(key);
    if (user) {
      const openId = decodeURIComponent(user[1] ?? '');
      const departments = this.departments[openId];
      if (!departments) return { code: 41050, msg: 'no user authority error' };
      return { code: 0, msg: 'success', data: { user: { open_id: openId, department_ids: departments } } };
    }
    if (key === 'POST /open-apis/cardkit/v1/cards') return { code: 0, msg: 'ok', data: { card_id: `card_${id}` } };
    if (key === 'POST /open-apis/im/v1/files') return { code: 0, msg: 'ok', data: { file_key: `file_${id}` } };
    return { code: 0, msg: 'ok', data: {} };
  }

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }
}

/**
 * Poll until `cond` holds. The bound is generous (20 s) because it only limits a failing wait: a passing wait
 * returns as soon as the condition holds, and on a loaded 2-core machine the first SDK round trip of a test file
 * (token fetch + reply) took over 5 s.
 */
export async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
