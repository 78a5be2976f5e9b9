// How a draft is shown to a person (CLI text mode, chat replies): the draft text, then the rule notes, the slots
// still missing (so the next message can supply them) and the cited rules.
import { citeLabel } from '../answer/render';
import type { Draft } from './types';
import type { Finding } from './check';

/** `draft --json` shape: {"type","title","text","missing","citations","file"} (+ notes, mode). */
export function draftJson(d: Draft, file: string | null) {
  return {
    type: d.kind,
    title: d.title,
    text: d.text,
    missing: d.missing,
    citations: d.citations.map((c) => ({ label: citeLabel(c), title: c.title, article: c.article, file: c.file })),
    file,
    notes: d.notes.map((n) => n.message),
    mode: d.mode,
    removed: d.removed,
  };
}

export function renderDraftReply(d: Draft): string {
  const parts = [d.text];
  if (d.notes.length > 0) parts.push(`【提示】\n${d.notes.map((n) => `- ${n.message}`).join('\n')}`);
  if (d.removed.length > 0)
    parts.push(
      `【已删除】以下句子含有请求和依据中没有的事实或无法核实的引用，已删除：\n${d.removed.map((s) => `- ${s}`).join('\n')}`,
    );
  if (d.missing.length > 0)
    parts.push(
      `【待补充】${d.missing.join('、')}。请直接回复补充内容（例如「${d.missing[0]}：……」），我会修改这份草稿。`,
    );
  if (d.citations.length > 0) parts.push(`【引用依据】${d.citations.map((c) => citeLabel(c)).join('；')}`);
  return parts.join('\n\n');
}

export function renderFindings(findings: Finding[]): string {
  if (findings.length === 0) return '公文体检：未发现不符合格式规范的地方。';
  return [
    `公文体检：发现 ${findings.length} 处问题。`,
    ...findings.map((f) => `第${f.line}行 [${f.rule}] ${f.message}`),
  ].join('\n');
}
