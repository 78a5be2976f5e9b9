// A small corpus with one document of each access kind, written to a temp dir and ingested for real:
// public (no metadata), internal (access.yaml glob rule), restricted by front matter, restricted by a sidecar,
// and one with unreadable front matter (must be hidden: fail closed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Viewer } from '../../src/core/access';
import { runIngest } from '../../src/ingest/run';
import { tempWebConfig } from '../web/temp-config';
import type { Config } from '../../src/config';

export const RESTRICTED_TITLE = '干部廉政谈话记录办法';
/** Words only the restricted document holds: none may reach an outsider. */
export const RESTRICTED_WORDS = [RESTRICTED_TITLE, '纪检组长', '李某某', '四十七万'];
export const SIDECAR_WORDS = ['预算草案', '三千万元'];
export const BROKEN_WORDS = ['破损元数据', '不应出现'];

export const ALICE: Viewer = { principals: ['ou_alice'], tenantMember: true };
export const BOB: Viewer = { principals: ['ou_bob'], tenantMember: true };
export const HR_GROUP = 'oc_hr_group';
export const OTHER_GROUP = 'oc_everyone';

const FILES: Record<string, string> = {
  '政府采购公开办法.md': [
    '# 政府采购公开办法',
    '',
    '<!-- INFO END -->',
    '',
    '第一条 政府采购信息应当在指定媒体公开。',
    '',
    '第二条 采购人应当在指定媒体发布采购公告，公告期限不得少于五个工作日。',
    '',
  ].join('\n'),
  'internal/内部考勤规定.md': [
    '# 内部考勤规定',
    '',
    '<!-- INFO END -->',
    '',
    '第一条 工作人员每日上下班须打卡考勤，迟到三次计旷工半天。',
    '',
  ].join('\n'),
  '干部廉政谈话记录办法.md': [
    '---',
    'visibility: restricted',
    `allow: [ou_alice, ${HR_GROUP}, role:hr]`,
    '---',
    `# ${RESTRICTED_TITLE}`,
    '',
    '<!-- INFO END -->',
    '',
    '第一条 廉政谈话记录由纪检组长保管，谈话对象为李某某，涉及金额四十七万元。',
    '',
    '第二条 廉政谈话记录的查阅须经局党组批准。',
    '',
  ].join('\n'),
  'budget/年度预算草案.txt': '年度预算草案\n\n第一条 二〇二七年度预算草案安排道路维修资金三千万元。\n',
  'budget/年度预算草案.txt.meta.yaml': 'visibility: restricted\nallow:\n  - od_finance\n',
  '破损元数据说明.md': [
    '---',
    'visibility: [restricted',
    '---',
    '# 破损元数据说明',
    '',
    '<!-- INFO END -->',
    '',
    '第一条 破损元数据文件的内容不应出现在任何回答中。',
    '',
  ].join('\n'),
  'access.yaml': ['rules:', '  - match: "internal/**"', '    visibility: internal', ''].join('\n'),
};

export interface AccessFixture {
  tmp: string;
  corpus: string;
  config: Config;
  cleanup(): void;
}

/** Writes the corpus, ingests it into <tmp>/index and returns a config over it (extra env merged in). */
export async function accessFixture(extra: Record<string, string> = {}): Promise<AccessFixture> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-access-'));
  const corpus = path.join(tmp, 'corpus');
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(corpus, rel)), { recursive: true });
    fs.writeFileSync(path.join(corpus, rel), text);
  }
  const config = tempWebConfig(tmp, corpus, extra);
  const summary = await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
  if (summary.errors.length) throw new Error(`fixture ingest failed: ${JSON.stringify(summary.errors)}`);
  return { tmp, corpus, config, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** True when none of `words` occurs in the JSON of `value`. */
export function noneOf(value: unknown, words: string[]): boolean {
  const text = JSON.stringify(value) ?? '';
  return words.every((w) => !text.includes(w));
}

/** The words of `words` that occur in the JSON of `value` (for readable failures). */
export function found(value: unknown, words: string[]): string[] {
  const text = JSON.stringify(value) ?? '';
  return words.filter((w) => text.includes(w));
}
