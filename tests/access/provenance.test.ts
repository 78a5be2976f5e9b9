// Upload under an existing name keeps the previous version (<state>/versions) and records who replaced it;
// provenance (shipped corpus / admin upload / user upload) is shown in citations and in the console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { tempWebConfig } from '../web/temp-config';

const V1 = '# 井盖管理规定\n\n<!-- INFO END -->\n\n第一条 破损井盖应当在二十四小时内更换。\n';
const V2 = '# 井盖管理规定\n\n<!-- INFO END -->\n\n第一条 破损井盖应当在十二小时内更换。\n';

let tmp: string;
let web: OpenedWeb;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-prov-'));
  const corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, '井盖管理规定.md'), V1);
  const config = tempWebConfig(tmp, corpus);
  await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
  web = await openWebDeps(config, { reportsDir: path.join(tmp, 'reports') });
});
afterAll(() => {
  web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ask = async (text: string) =>
  web.processMessage({ transport: 'web', conversationId: 'c', userId: 'web:x', messageId: `m${Math.random()}`, text });

describe('provenance and kept versions', () => {
  it('a shipped document is cited as such', async () => {
    const reply = await ask('破损井盖多久内要更换？');
    expect(reply.answer?.citations[0]?.provenance).toBe('正式文件库');
  });

  it('replacing a document keeps the previous bytes and records who replaced it', async () => {
    const result = await web.upload('井盖管理规定.md', Buffer.from(V2), { userId: 'web:bob', admin: false });
    expect(result.ok).toBe(true);
    const versions = path.join(tmp, 'state', 'versions', '井盖管理规定.md');
    const kept = fs.readdirSync(versions);
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(versions, kept[0]!), 'utf8')).toBe(V1);
    const ledger = JSON.parse(fs.readFileSync(path.join(tmp, 'state', 'provenance.json'), 'utf8'));
    expect(ledger.files['井盖管理规定.md']).toMatchObject({
      kind: 'user-upload',
      by: 'web:bob',
      versions: [{ replacedBy: 'web:bob', previousKind: 'corpus' }],
    });
    const reply = await ask('破损井盖多久内要更换？');
    expect(reply.answer?.citations[0]?.provenance).toMatch(/^用户上传，web:bob，\d{4}-\d\d-\d\d$/);
    // The console (administrator view) shows the provenance per document.
    const status = await web.status({ userId: 'web:boss', admin: true });
    expect(status.documentList?.[0]?.provenance).toMatchObject({ kind: 'user-upload', by: 'web:bob' });
  });

  it('an administrator upload is recorded as such, and a second replacement keeps both old versions', async () => {
    await web.upload('井盖管理规定.md', Buffer.from(V1), { userId: 'web:boss', admin: true });
    const ledger = JSON.parse(fs.readFileSync(path.join(tmp, 'state', 'provenance.json'), 'utf8'));
    expect(ledger.files['井盖管理规定.md'].kind).toBe('admin-upload');
    expect(ledger.files['井盖管理规定.md'].versions).toHaveLength(2);
    expect(fs.readdirSync(path.join(tmp, 'state', 'versions', '井盖管理规定.md'))).toHaveLength(2);
  });
});

describe('provenance in the Lark card', () => {
  it('an uploaded document is labelled with who uploaded it; the shipped corpus is not', async () => {
    const { answerCard } = await import('../../src/lark/cards');
    const cite = { title: '井盖管理规定', article: '第一条', file: 'a.md', quote: '破损井盖', chunkId: 'a#1' };
    const uploaded = JSON.stringify(
      answerCard({
        questionMessageId: 'om_1',
        answer: '破损井盖',
        citations: [{ ...cite, provenance: '用户上传，web:bob，2026-03-01' }],
        refused: false,
      }),
    );
    expect(uploaded).toContain('来源：用户上传，web:bob，2026-03-01');
    const shipped = JSON.stringify(
      answerCard({
        questionMessageId: 'om_1',
        answer: '破损井盖',
        citations: [{ ...cite, provenance: '正式文件库' }],
        refused: false,
      }),
    );
    expect(shipped).not.toContain('来源：');
  });
});
