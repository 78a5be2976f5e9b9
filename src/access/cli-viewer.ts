// `--as ID` (repeatable) and `--group CHAT_ID` for CLI commands that retrieve (search, ask; draft, quiz and
// onboard reuse these helpers). No --as: the anonymous outsider, who sees only public documents.
import type { Viewer } from '../core/access';
import type { UserDirectory } from './users';

export interface ViewerFlags {
  as?: string[];
  group?: string;
}

/** Commander collector for a repeatable option. */
export const collectIds = (value: string, previous: string[] = []): string[] => [...previous, value];
export const AS_HELP = 'ask as this identity (open_id, department id, role:NAME, web:USER; repeatable)';
export const GROUP_HELP = 'ask as in this group chat (the group must be allowed too)';

/**
 * The viewer of the flags: the given ids plus the roles the users file gives them (ids matched against
 * `lark` entries and `web:<id>`), a tenant member. Without --as: undefined (anonymous outsider).
 */
export function viewerFromFlags(flags: ViewerFlags, users?: UserDirectory): Viewer | undefined {
  const ids = (flags.as ?? []).map((s) => s.trim()).filter(Boolean);
  if (!ids.length) return undefined;
  const extra = users?.larkExtras(ids).principals ?? [];
  return {
    principals: [...new Set([...ids, ...extra])],
    tenantMember: true,
    ...(flags.group ? { group: { chatId: flags.group } } : {}),
  };
}
