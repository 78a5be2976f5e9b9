// The default receiver end to end: the real WSClient fetches its endpoint from the fake platform, connects to a
// fake long-connection server on 127.0.0.1, receives a real payload as a protobuf frame, acknowledges it, and
// the bot replies through the open API. `ws` and `protobufjs` are the SDK's own dependencies.
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
// @ts-expect-error -- `ws` ships no types and @types/ws is not a project dependency; used in this test only.
import { WebSocketServer } from 'ws';
import { waitFor } from './fake-open-platform';
import { P2P, P2P_ID, payloadRaw, startHarness, type Harness } from './harness';

// The SDK's frame schema (pbbp2.Frame in @larksuiteoapi/node-sdk).
const root = protobuf.parse(`
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
  repeated Header headers = 5; optional string payloadEncoding = 6; optional string payloadType = 7;
  optional bytes payload = 8; optional string LogIDNew = 9;
}`).root;
const Frame = root.lookupType('pbbp2.Frame');

interface DecodedFrame {
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

const open: Harness[] = [];
const servers: Array<{ close(cb?: () => void): void; clients: Set<{ terminate(): void }> }> = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('Lark long connection (WSClient)', () => {
  it('receives an event frame, acknowledges it and replies', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    servers.push(wss);
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const received: DecodedFrame[] = [];
    const connected = new Promise<{ send(b: Uint8Array): void }>((resolve) => {
      wss.on('connection', (socket: { on(ev: string, cb: (b: Buffer) => void): void; send(b: Uint8Array): void }) => {
        socket.on('message', (buf: Buffer) => received.push(Frame.toObject(Frame.decode(buf)) as DecodedFrame));
        resolve(socket);
      });
    });

    const { FakeOpenPlatform } = await import('./fake-open-platform');
    const fake = await new FakeOpenPlatform().start();
    fake.wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws?device_id=dev1&service_id=7`;
    const h = await startHarness({ fake, env: { LARK_MODE: 'ws' } });
    open.push(h);
    const socket = await connected;
    // The SDK attaches its frame listener after the handshake: wait until it reports ready.
    await waitFor(() => h.logs.some((l) => l.event === 'lark.ws_ready'));
    expect(fake.find(/^POST \/callback\/ws\/endpoint$/)[0]?.body).toMatchObject({
      AppID: 'cli_a1b2c3d4e5f60718',
    });

    const event = payloadRaw(P2P);
    const frame = Frame.create({
      SeqID: 1,
      LogID: 1,
      service: 7,
      method: 1,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: 'ws-msg-1' },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: 'trace-1' },
      ],
      payload: Buffer.from(event, 'utf8'),
    });
    socket.send(Frame.encode(frame).finish());

    await waitFor(() => fake.replies().length === 1);
    expect(fake.replies()[0]?.path).toBe(`/open-apis/im/v1/messages/${P2P_ID}/reply`);
    expect(h.answerer.calls[0]?.question).toBe('你好');
    // The SDK acknowledged the data frame with code 200 (our handler returned at once).
    await waitFor(() => received.some((f) => f.method === 1));
    const ack = received.find((f) => f.method === 1)!;
    expect(JSON.parse(Buffer.from(ack.payload ?? []).toString('utf8'))).toEqual({ code: 200 });
    await h.close();
    await fake.close();
  });
});
