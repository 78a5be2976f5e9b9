// Every path of issue 16 point 1, each asked by an outsider, by an allowed user and in a group without access:
// retrieval, answers (citations, quotes, refusal hints), /sources, 查看原文 (web and Lark), the web console
// (document list, feedback log, audit page) — over a real ingest of a corpus with a restricted document.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open';
import type { Viewer } from '../../src/core/access';
import type { IncomingMessage } from '../../src/core/chat';
import { articleLookup } from '../../src/lark/article';
import { UserDirectory } from '../../src/access/users';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import { request } from '../web/http-client';
import {
  accessFixture,
  ALICE,
  BOB,
  BROKEN_WORDS,
  found,
  HR_GROUP,
  OTHER_GROUP,
  RESTRICTED_TITLE,
  RESTRICTED_WORDS,
  SIDECAR_WORDS,
  type AccessFixture,
} from './fixture';

const QUESTION = '廉政谈话记录由谁保管？';
const USERS = [
  'users:',
  '  - id: alice',
  '    token: alice-token-0123456789',
  '    lark: [ou_alice]',
  '  - id: bob',
  '    token: bob-token-0123456789abc',
  '  - id: boss',
  '    token: boss-token-0123456789ab',
  '    admin: true',
  '',
].join('\n');

let fx: AccessFixture;
let web: OpenedWeb;
let server: WebServer;
let engine: Awaited<ReturnType<typeof openAnswerer>>['engine'];
let answerer: Awaited<ReturnType<typeof openAnswerer>>['answerer'];

beforeAll(async () => {
  fx = await accessFixture();
  const usersFile = path.join(fx.tmp, 'users.yaml');
  fs.writeFileSync(usersFile, USERS);
  ({ engine, answerer } = await openAnswerer(fx.config));
  web = await openWebDeps(fx.config, { reportsDir: path.join(fx.tmp, 'reports') });
  server = await startWebServer(web, { host: '127.0.0.1', port: 0, users: UserDirectory.load(usersFile) });
});
afterAll(async () => {
  await server?.stop();
  web?.close();
  engine?.close();
  fx?.cleanup();
});

const inGroup = (v: Viewer, chatId: string): Viewer => ({ ...v, group: { chatId } });
const OUTSIDER = undefined;
let n = 0;
const ask = (text: string, viewer?: Viewer, chatType: 'p2p' | 'group' = 'p2p') => {
  const msg: IncomingMessage = {
    transport: 'lark',
    conversationId: `c${++n}`,
    userId: viewer?.principals[0] ?? 'anonymous',
    messageId: `m${n}`,
    text,
    chatType,
    ...(viewer ? { viewer } : {}),
  };
  return web.processMessage(msg);
};

describe('retrieval', () => {
  it('drops the restricted document for an outsider, a non-listed member and a group without access', async () => {
    for (const viewer of [OUTSIDER, BOB, inGroup(ALICE, OTHER_GROUP)]) {
      const hits = await engine.search(QUESTION, { k: 10, viewer });
      expect(found(hits, RESTRICTED_WORDS), JSON.stringify(viewer)).toEqual([]);
    }
    const allowed = await engine.search(QUESTION, { k: 3, viewer: ALICE });
    expect(allowed[0]?.chunk.title).toBe(RESTRICTED_TITLE);
    // The allowed group: any member asking there gets it.
    const group = await engine.search(QUESTION, { k: 3, viewer: inGroup(BOB, HR_GROUP) });
    expect(group[0]?.chunk.title).toBe(RESTRICTED_TITLE);
  });

  it('an explicit reference to the restricted document finds nothing for an outsider', async () => {
    const hits = await engine.search(`《${RESTRICTED_TITLE}》第一条`, { k: 5 });
    expect(found(hits, RESTRICTED_WORDS.slice(1))).toEqual([]);
    expect(hits.every((h) => h.chunk.title !== RESTRICTED_TITLE)).toBe(true);
  });

  it('internal needs a tenant member; a sidecar restricts by department; broken metadata hides from everyone', async () => {
    const q = '迟到几次计旷工？';
    expect((await engine.search(q, { k: 3 })).some((h) => h.chunk.title === '内部考勤规定')).toBe(false);
    expect((await engine.search(q, { k: 3, viewer: BOB }))[0]?.chunk.title).toBe('内部考勤规定');
    const budget = '预算草案安排道路维修资金多少？';
    expect(found(await engine.search(budget, { k: 5, viewer: BOB }), SIDECAR_WORDS)).toEqual([]);
    const finance = { principals: ['ou_carol', 'od_finance'], tenantMember: true };
    expect(found(await engine.search(budget, { k: 3, viewer: finance }), SIDECAR_WORDS).length).toBeGreaterThan(0);
    const boss = { principals: ['ou_alice', 'od_finance', 'role:hr'], tenantMember: true };
    expect(found(await engine.search('破损元数据文件的内容', { k: 10, viewer: boss }), BROKEN_WORDS)).toEqual([]);
    expect(engine.access.hidden().map((h) => h.file)).toEqual(['破损元数据说明.md']);
  });

  it('reports how many matching documents the filter removed', async () => {
    let filtered = -1;
    await engine.search(QUESTION, { k: 5, onFiltered: (x) => (filtered = x) });
    expect(filtered).toBeGreaterThanOrEqual(1);
    await engine.search(QUESTION, { k: 5, viewer: ALICE, onFiltered: (x) => (filtered = x) });
    expect(filtered).toBe(0);
  });
});

describe('answers, citations and refusal hints', () => {
  it('an outsider, a non-listed member and a group without access get no trace of the restricted document', async () => {
    for (const [viewer, type] of [
      [OUTSIDER, 'p2p'],
      [BOB, 'p2p'],
      [inGroup(ALICE, OTHER_GROUP), 'group'],
    ] as const) {
      const reply = await ask(QUESTION, viewer, type);
      expect(reply.kind).toBe('answer');
      // Words, title and quote: absent from the text, the citations, the nearby hints and the hits.
      expect(found(reply, RESTRICTED_WORDS), JSON.stringify(viewer)).toEqual([]);
    }
  });

  it('a member of the allow list gets the answer with the citation', async () => {
    const reply = await ask(QUESTION, ALICE);
    expect(reply.answer?.refused).toBe(false);
    expect(reply.answer?.citations[0]?.title).toBe(RESTRICTED_TITLE);
    expect(reply.text).toContain('纪检组长');
    const direct = await answerer.answer(QUESTION, { viewer: inGroup(ALICE, HR_GROUP) });
    expect(direct.citations[0]?.title).toBe(RESTRICTED_TITLE);
  });
});

describe('/sources', () => {
  it('lists only the documents the asker (and the group) may see', async () => {
    const outsider = await ask('/sources');
    expect(found(outsider, [RESTRICTED_TITLE, '内部考勤规定', '预算草案', '破损元数据'])).toEqual([]);
    expect(outsider.text).toContain('政府采购公开办法');
    const group = await ask('/sources', inGroup(ALICE, OTHER_GROUP), 'group');
    expect(found(group, [RESTRICTED_TITLE])).toEqual([]);
    expect(group.text).toContain('内部考勤规定');
    expect((await ask('/sources', ALICE)).text).toContain(RESTRICTED_TITLE);
  });
});

describe('查看原文', () => {
  const restrictedChunk = async () => (await engine.search(QUESTION, { k: 1, viewer: ALICE }))[0]!.chunk;

  it('web: unknown to anyone not allowed, the whole article for the allowed', async () => {
    const id = (await restrictedChunk()).id;
    expect(await web.lookupChunk(id)).toBeUndefined();
    expect(await web.lookupChunk(id, BOB)).toBeUndefined();
    expect(await web.lookupChunk(id, inGroup(ALICE, OTHER_GROUP))).toBeUndefined();
    expect((await web.lookupChunk(id, ALICE))?.text).toContain('纪检组长');
    // Over HTTP with tokens: identity from the token.
    const path = `/api/chunk/${encodeURIComponent(id)}`;
    const bob = await request(server.url, 'GET', path, {
      headers: { authorization: 'Bearer bob-token-0123456789abc' },
    });
    expect(bob.status).toBe(404);
    expect(found(bob.body, RESTRICTED_WORDS)).toEqual([]);
    const alice = await request(server.url, 'GET', path, {
      headers: { authorization: 'Bearer alice-token-0123456789' },
    });
    expect(alice.status).toBe(200);
    expect(alice.body).toContain('纪检组长');
  });

  it('Lark: the person clicking must be allowed', async () => {
    const id = (await restrictedChunk()).id;
    const lookup = articleLookup(engine);
    expect(lookup.mayOpen(id, BOB)).toBe(false);
    expect(lookup.mayOpen(id, { principals: [], tenantMember: false })).toBe(false);
    expect(lookup.mayOpen(id, ALICE)).toBe(true);
  });
});

describe('web console', () => {
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('document list: members see what they may see, administrators everything with visibility and hidden reasons', async () => {
    const bob = await request(server.url, 'GET', '/api/status', as('bob-token-0123456789abc'));
    expect(bob.status).toBe(200);
    expect(found(bob.body, [RESTRICTED_TITLE, '预算草案', '破损元数据'])).toEqual([]);
    expect(bob.body).toContain('内部考勤规定');
    const alice = await request(server.url, 'GET', '/api/status', as('alice-token-0123456789'));
    expect(alice.body).toContain(RESTRICTED_TITLE);
    const boss = await request(server.url, 'GET', '/api/status', as('boss-token-0123456789ab'));
    const status = boss.json<{
      documentList: { file: string; visibility?: string }[];
      errors: { code: string; file: string }[];
    }>();
    expect(status.documentList.find((d) => d.file === '干部廉政谈话记录办法.md')?.visibility).toBe('restricted');
    expect(status.errors).toContainEqual(
      expect.objectContaining({ code: 'E_ACCESS_METADATA', file: '破损元数据说明.md' }),
    );
  });

  it('requests without a valid token are refused when tokens are configured', async () => {
    expect((await request(server.url, 'GET', '/api/status')).status).toBe(401);
    expect((await request(server.url, 'GET', '/api/status', as('wrong-token-0123456789'))).status).toBe(401);
  });

  it('chat identity comes from the token, not the body; feedback shows users only their own', async () => {
    const post = (token: string, conversationId: string, body: Record<string, unknown> = {}) =>
      request(server.url, 'POST', '/api/chat?stream=0', {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, text: QUESTION, ...body }),
      });
    const bob = await post('bob-token-0123456789abc', 'bobtab', { userId: 'alice' });
    expect(found(bob.body, RESTRICTED_WORDS)).toEqual([]);
    const alice = await post('alice-token-0123456789', 'alicetab');
    expect(alice.body).toContain('纪检组长');
    const rate = (token: string, conversationId: string, messageId: string) =>
      request(server.url, 'POST', '/api/feedback', {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, messageId, rating: 'up', userId: 'director_wang' }),
      });
    expect((await rate('bob-token-0123456789abc', 'bobtab', bob.json<{ messageId: string }>().messageId)).status).toBe(
      200,
    );
    expect(
      (await rate('alice-token-0123456789', 'alicetab', alice.json<{ messageId: string }>().messageId)).status,
    ).toBe(200);
    const list = async (token: string) =>
      (await request(server.url, 'GET', '/api/feedback', as(token))).json<{ entries: { userId: string }[] }>().entries;
    expect((await list('bob-token-0123456789abc')).map((e) => e.userId)).toEqual(['web:bob']);
    expect((await list('alice-token-0123456789')).map((e) => e.userId)).toEqual(['web:alice']);
    expect((await list('boss-token-0123456789ab')).map((e) => e.userId).sort()).toEqual(['web:alice', 'web:bob']);
    // Bob cannot rate Alice's answer (that would copy her question and answer into his log).
    const stolen = await rate('bob-token-0123456789abc', 'alicetab', alice.json<{ messageId: string }>().messageId);
    expect(stolen.status).toBe(400);
    expect(found(stolen.body, RESTRICTED_WORDS)).toEqual([]);
    // Bob's view of the log holds nothing of Alice's answer.
    expect(found(await list('bob-token-0123456789abc'), RESTRICTED_WORDS)).toEqual([]);
  });

  it('the audit page is for administrators only and holds no secrets', async () => {
    expect((await request(server.url, 'GET', '/api/audit', as('bob-token-0123456789abc'))).status).toBe(403);
    const res = await request(server.url, 'GET', '/api/audit?user=web:alice', as('boss-token-0123456789ab'));
    expect(res.status).toBe(200);
    const rows = res.json<{ rows: { userId: string; cited: string[]; filtered: number }[] }>().rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.cited[0]).toContain('干部廉政谈话记录办法.md');
    expect(res.body).not.toMatch(/token-0123/);
  });
});
