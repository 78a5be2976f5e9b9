// Loads one drafting template (prompts/drafts/<id>.md) at runtime: header lines 「键: 值」, a 「## 正文」 section of
// body lines and a 「## 规则」 list. The format is described at the top of prompts/drafts/notice.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZhiyinError } from '../core/errors';
import type { DraftTypeId, SlotName } from './types';

export interface DraftTemplate {
  id: DraftTypeId;
  /** 文种 (通知, 请示, 复函, …). */
  kind: string;
  direction: string;
  /** Title pattern with {slots}. */
  title: string;
  required: SlotName[];
  /** Default closing phrase, '' for none. */
  closing: string;
  /** Every accepted closing phrase (the default first). */
  closings: string[];
  /** Required elements in order (标题, 主送机关, 正文, …). */
  elements: string[];
  /** Body lines: '== x' level-1 heading, '-- x' level-2 heading, else a paragraph with {slots}. */
  body: string[];
  rules: string[];
  singleAddressee: boolean;
  oneMatter: boolean;
  noRequests: boolean;
  /** Template of the attached document (plan for a 印发 notice). */
  annex?: DraftTypeId;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** prompts/drafts relative to this file (src/draft → ../../prompts/drafts). */
export const TEMPLATE_DIR = path.resolve(HERE, '..', '..', 'prompts', 'drafts');

const cache = new Map<string, DraftTemplate>();

/** Parses a template text; throws E_CONFIG naming the file when a required header is absent. */
export function parseTemplate(id: DraftTypeId, text: string): DraftTemplate {
  const header = new Map<string, string>();
  const body: string[] = [];
  const rules: string[] = [];
  let section: 'head' | 'body' | 'rules' = 'head';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '## 正文') section = 'body';
    else if (line === '## 规则') section = 'rules';
    else if (!line || (section === 'head' && line.startsWith('#'))) continue;
    else if (section === 'head') {
      const m = /^([^:：]+)[:：]\s*(.*)$/.exec(line);
      if (m) header.set(m[1]!.trim(), m[2]!.trim());
    } else if (section === 'body') body.push(line);
    else if (line.startsWith('- ')) rules.push(line.slice(2));
  }
  const need = (k: string): string => {
    const v = header.get(k);
    if (v === undefined) throw new ZhiyinError('E_CONFIG', `draft template ${id}.md lacks "${k}:"`);
    return v;
  };
  const list = (v: string | undefined, sep: RegExp) =>
    v
      ? v
          .split(sep)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const closing = need('结束语');
  const closings = list(header.get('可用结束语'), /\|/);
  return {
    id,
    kind: need('文种'),
    direction: header.get('方向') ?? '',
    title: need('标题'),
    required: list(need('必填'), /[,，、]/) as SlotName[],
    closing,
    closings: closings.length > 0 ? closings : closing ? [closing] : [],
    elements: list(need('要素'), /[,，、]/),
    body,
    rules,
    singleAddressee: header.get('单一主送') === '是',
    oneMatter: header.get('一文一事') === '是',
    noRequests: header.get('不含请示') === '是',
    annex: header.get('附件模板') as DraftTypeId | undefined,
  };
}

/** The template of a type, read from `dir` (default prompts/drafts) once per process. Throws E_CONFIG if absent. */
export function loadTemplate(id: DraftTypeId, dir = TEMPLATE_DIR): DraftTemplate {
  const file = path.join(dir, `${id}.md`);
  const hit = cache.get(file);
  if (hit) return hit;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ZhiyinError('E_CONFIG', `draft template missing: ${file}`, { cause: e });
  }
  const t = parseTemplate(id, text);
  cache.set(file, t);
  return t;
}
