// A real OpenAI-compatible HTTP server on 127.0.0.1 for tests: each request takes the next scripted behaviour
// and is recorded (method, path, headers, JSON body) so tests can assert on what the SDK actually sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { kind: 'complete'; content: string }
  | { kind: 'stream'; deltas: string[] }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'raw'; body: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  script: Behaviour[];
  close(): Promise<void>;
}

function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

export async function startFakeOpenAI(script: Behaviour[]): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: data ? (JSON.parse(data) as RecordedRequest['body']) : {},
      });
      const b = fake.script.shift() ?? { kind: 'status', status: 500 };
      switch (b.kind) {
        case 'complete':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(b.content)));
          return;
        case 'stream': {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          for (const d of b.deltas) {
            const chunk = {
              id: 'c',
              object: 'chat.completion.chunk',
              created: 0,
              model: 'fake',
              choices: [{ index: 0, delta: { content: d }, finish_reason: null }],
            };
            res.write(`data: ${JSON.stringify(chunk)}\n\n`);
          }
          res.end('data: [DONE]\n\n');
          return;
        }
        case 'status': {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (b.retryAfter) headers['retry-after'] = b.retryAfter;
          res
            .writeHead(b.status, headers)
            .end(JSON.stringify({ error: { message: `status ${b.status}`, type: 'test' } }));
          return;
        }
        case 'hang':
          hanging.add(res);
          return;
        case 'raw':
          res.writeHead(200, { 'content-type': 'application/json' }).end(b.body);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fake: FakeOpenAI = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
