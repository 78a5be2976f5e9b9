// Examples come from the loaded corpus: generated at ingest from titles/headings/FAQ lines, kept only when the
// real answerer answers them, stored with the index, and the same list is served by GET /api/examples and /help.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open';
import { documentCandidates, headingTopic } from '../../src/examples/candidates';
import { EXAMPLES_FILE, readExamples } from '../../src/examples/store';
import { runIngest } from '../../src/ingest/run';
import { openWebDeps, type OpenedWeb } from '../../src/web/open';
import { startWebServer, type WebServer } from '../../src/web/server';
import type { Chunk } from '../../src/core/types';
import { tempWebConfig } from '../web/temp-config';

// Own fixture: an FAQ, an outline guide and an article-style rule about invented bureau matters.
const FAQ = `# 后勤服务问答

本文件为测试用示例。

<!-- INFO END -->

## 一、食堂

### 1. 职工食堂几点开饭？

职工食堂午餐供应时间为11:30至13:00，晚餐为17:30至18:30。

### 2. 访客可以在食堂用餐吗？

访客须由接待科室在前一日登记，凭餐券在食堂用餐。
`;
const GUIDE = `# 车辆停放指引

本文件为测试用示例。

<!-- INFO END -->

## 一、停车证办理

（一）申领条件。在编职工名下登记的机动车，可以向后勤科申领停车证，每人限一辆。

（二）有效期限。停车证有效期一年，期满前十五日内到后勤科换证。
`;
const RULE = `# 会议室管理办法

本文件为测试用示例。

<!-- INFO END -->

第一条 为规范会议室使用，制定本办法。

第二条 会议室由局办公室统一管理，使用单位应当提前一个工作日在系统中预约。

第三条 会议结束后，使用单位应当关闭投影设备并恢复桌椅原状。
`;

let tmp: string;
let web: OpenedWeb;
let server: WebServer;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-examples-'));
  const corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, '后勤服务问答.md'), FAQ);
  fs.writeFileSync(path.join(corpus, '车辆停放指引.md'), GUIDE);
  fs.writeFileSync(path.join(corpus, '会议室管理办法.md'), RULE);
  const config = tempWebConfig(tmp, corpus);
  await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
  web = await openWebDeps(config);
  server = await startWebServer(web, { host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const chunk = (headingPath: string[], article = '', seq = 0): Chunk => ({
  id: `c${seq}`,
  file: 'x.md',
  corpusDir: '/c',
  title: headingPath[0]!,
  article,
  headingPath,
  text: '…',
  page: null,
  versionDate: '',
  part: 0,
  seq,
  textHash: '',
});

describe('example candidates', () => {
  it('use FAQ question lines as written, section topics and an article reference', () => {
    expect(headingTopic('（二）需要携带的材料')).toBe('需要携带的材料');
    expect(headingTopic('12. 怎样申请公务用车？')).toBe('怎样申请公务用车？');
    const qs = documentCandidates([
      chunk(['某办法']),
      chunk(['某办法', '第一章 总则', '第一条'], '第一条', 1),
      chunk(['某办法', '第一章 总则', '第二条'], '第二条', 2),
      chunk(['某问答', '一、食堂', '1. 几点开饭？'], '', 3),
      chunk(['某指引', '一、停车', '（一）申领条件'], '', 4),
    ]);
    expect(qs).toEqual(['几点开饭？', '某办法里“申领条件”是怎么规定的？', '《某办法》第二条是怎么规定的？']);
  });
});

describe('examples stored with the index', () => {
  it('are written at ingest, come from this corpus, and are each answered by the real answerer', async () => {
    const file = path.join(tmp, 'index', EXAMPLES_FILE);
    expect(fs.existsSync(file)).toBe(true);
    const examples = readExamples(path.join(tmp, 'index'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples).toContain('职工食堂几点开饭？');
    expect(examples.some((q) => q.includes('车辆停放指引'))).toBe(true);
    expect(examples.some((q) => q.includes('会议室管理办法'))).toBe(true);
    const { answerer, engine } = await openAnswerer(tempWebConfig(tmp, path.join(tmp, 'corpus')));
    try {
      for (const q of examples) expect((await answerer.answer(q)).refused, q).toBe(false);
    } finally {
      engine.close();
    }
  });

  it('are served by GET /api/examples and listed by /help, the same list', async () => {
    const res = await fetch(new URL('/api/examples', server.url));
    expect(res.status).toBe(200);
    const served = (await res.json()) as string[];
    expect(served).toEqual(readExamples(path.join(tmp, 'index')));
    const help = await web.processMessage({
      transport: 'web',
      conversationId: 'c1',
      userId: 'u1',
      messageId: 'm1',
      text: '/help',
    });
    for (const q of served) expect(help.text).toContain(`- ${q}`);
    expect(help.text).not.toContain('评标委员会');
  });

  it('read as an empty list when the file is missing or malformed', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bad-'));
    expect(readExamples(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, EXAMPLES_FILE), '{"examples": [1]}');
    expect(readExamples(dir)).toEqual([]);
  });
});
