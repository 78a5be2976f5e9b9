// The OpenAI-compatible embedding path against a real HTTP server on 127.0.0.1 driven by the real SDK.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/index/build';
import { OpenAIEmbedder } from '../../src/index/openai-embedder';
import { loadConfig } from '../../src/config';
import { openRetriever } from '../../src/retrieve/open';
import { tinyChunks } from '../retrieve/tiny-corpus';

interface FakeState {
  inputs: string[];
  requests: number;
  failNext: number;
  dim: number;
}

/** Deterministic 16-dim "embedding": character-bucket counts, so similar texts get similar vectors. */
function fakeVector(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const ch of text) v[ch.charCodeAt(0) % dim]! += 1;
  return v;
}

let server: http.Server;
let baseURL: string;
const state: FakeState = { inputs: [], requests: 0, failNext: 0, dim: 16 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.requests++;
      if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      if (state.failNext > 0) {
        state.failNext--;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
        return;
      }
      const { input } = JSON.parse(body) as { input: string[] };
      state.inputs.push(...input);
      const data = input.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t, state.dim) }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: 'fake', usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OpenAI-compatible embedder', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('embeds at build, re-embeds only changed chunks on the next build, and serves vector search', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-emb-'));
    const embedding = { baseURL, model: 'fake-embed', apiKey: 'k' };
    const chunks = tinyChunks();
    state.inputs = [];
    await buildSearchIndex(dir, chunks, { embedding });
    expect(state.inputs.length).toBe(chunks.length);

    state.inputs = [];
    await buildSearchIndex(dir, chunks, { embedding });
    expect(state.inputs.length).toBe(0);

    const changed = tinyChunks({
      '劳动合同法(2012-12-28).md': `# 中华人民共和国劳动合同法\n<!-- INFO END -->\n## 第二章 劳动合同的订立\n第十九条 试用期不得超过两个月。\n第四十七条 经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。\n`,
    });
    state.inputs = [];
    await buildSearchIndex(dir, changed, { embedding });
    expect(state.inputs).toEqual([expect.stringContaining('试用期不得超过两个月')]);

    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'retrieval-meta.json'), 'utf8'));
    expect(meta).toMatchObject({ embedder: 'openai:fake-embed', dim: 16 });
    const config = { ...loadConfig({}, os.tmpdir()), embedding };
    const engine = await openRetriever(config, dir);
    state.inputs = [];
    const hits = await engine.search('屋面防水工程的保修期限', { k: 3 });
    expect(state.inputs).toEqual(['屋面防水工程的保修期限']);
    expect(hits[0]!.chunk.article).toBe('第四十条');
    expect(hits.some((h) => h.via?.includes('vector'))).toBe(true);
  });

  it('retries a 503 and batches requests', async () => {
    const e = new OpenAIEmbedder({ baseURL, model: 'fake', batchSize: 2, maxRetries: 2 });
    state.failNext = 1;
    state.requests = 0;
    const v = await e.embed(['甲', '乙', '丙']);
    expect(v).toHaveLength(3);
    expect(state.requests).toBe(3); // one failure + two batches
    expect(e.dimension).toBe(16);
  });

  it('rejects a dimension change with E_EMBEDDING_DIMENSION', async () => {
    const e = new OpenAIEmbedder({ baseURL, model: 'fake', dimension: 8, maxRetries: 0 });
    await expect(e.embed(['甲'])).rejects.toMatchObject({ code: 'E_EMBEDDING_DIMENSION' });
  });

  it('reports an unreachable endpoint as retryable E_EMBEDDING_UNAVAILABLE', async () => {
    const e = new OpenAIEmbedder({ baseURL: 'http://127.0.0.1:9/v1', model: 'fake', maxRetries: 0 });
    await expect(e.embed(['甲'])).rejects.toMatchObject({ code: 'E_EMBEDDING_UNAVAILABLE', retryable: true });
  });
});
