// The one access rule, used by retrieval (before ranking) and by every path that shows a document directly
// (/sources, 查看原文, the console). Source of the rule: issue 16 — public for all, internal for members of
// the tenant, restricted for the allow list; in a group the group must be allowed too, since the whole group
// reads the reply; metadata that could not be read hides the document from everyone.
import type { Viewer } from '../core/access';
import type { AccessRecord } from './metadata';

/** The anonymous outsider (no identity at all): sees only public documents. */
export const OUTSIDER: Viewer = { principals: [], tenantMember: false };

/** True when `viewer` (absent = anonymous outsider) may see a document with access record `rec`. */
export function canSee(rec: AccessRecord, viewer: Viewer | undefined): boolean {
  if (rec.hidden) return false;
  const v = viewer ?? OUTSIDER;
  if (rec.visibility === 'public') return true;
  if (!v.tenantMember) return false;
  if (rec.visibility === 'internal') return true;
  const allow = new Set(rec.allow);
  // Listing a chat id allows that chat: in it, every member asks with the chat's rights. In a group the group
  // itself must be allowed whoever asks; in a private chat the asker's own ids decide.
  if (v.group) return allow.has(v.group.chatId);
  return v.principals.some((p) => allow.has(p));
}

/** A stable key of what a viewer can see, for caching per-viewer masks. */
export function viewerKey(viewer: Viewer | undefined): string {
  const v = viewer ?? OUTSIDER;
  return JSON.stringify([v.tenantMember, [...v.principals].sort(), v.group?.chatId ?? '']);
}
