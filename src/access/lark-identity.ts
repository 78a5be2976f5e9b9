// Lark identity for the access filter: the sender's open_id and user_id, their department ids (from the
// contact API, cached), roles from the users file, plus the chat: in a group the reply is read by the whole
// group, so the group's chat id joins the viewer and the group must be allowed too (src/access/policy.ts).
import type { Viewer } from '../core/access';
import type { Clock } from '../core/chat';
import type { UserDirectory } from './users';

export interface LarkSender {
  openId?: string | null;
  userId?: string | null;
  unionId?: string | null;
}

export interface LarkChat {
  chatId: string;
  chatType: 'p2p' | 'group';
}

export interface LarkIdentityOptions {
  /** Department ids of a user by open_id (LarkApi.userDepartments); throws when the contact API fails. */
  departments?: (openId: string) => Promise<string[]>;
  users?: UserDirectory;
  /** How long department lists are cached. Default 10 minutes (an org change applies within that time). */
  ttlMs?: number;
  /** A failed lookup is retried after this long; meanwhile the user counts without departments. Default 60 s. */
  failureTtlMs?: number;
  clock?: Clock;
  onLookupFailed?: (openId: string, error: unknown) => void;
}

export type LarkIdentify = (sender: LarkSender, chat?: LarkChat) => Promise<Viewer>;

/**
 * Builds the Lark viewer resolver. Every Lark user of the app is a tenant member (sees `internal`). A failed
 * department lookup fails closed for department-only documents: the user counts without departments.
 */
export function createLarkIdentity(opts: LarkIdentityOptions = {}): LarkIdentify {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const failureTtl = opts.failureTtlMs ?? 60_000;
  const now = () => (opts.clock ? opts.clock.now() : new Date()).getTime();
  const cache = new Map<string, { departments: string[]; until: number }>();

  const departmentsOf = async (openId: string): Promise<string[]> => {
    if (!opts.departments) return [];
    const hit = cache.get(openId);
    if (hit && hit.until > now()) return hit.departments;
    let departments: string[] = [];
    let until = now() + ttl;
    try {
      departments = await opts.departments(openId);
    } catch (e) {
      opts.onLookupFailed?.(openId, e);
      until = now() + failureTtl;
    }
    // Bounded: a bot in a large tenant must not grow this map without limit.
    if (cache.size >= 5000) cache.delete(cache.keys().next().value!);
    cache.set(openId, { departments, until });
    return departments;
  };

  return async (sender, chat) => {
    const ids = [sender.openId, sender.userId, sender.unionId].filter((x): x is string => Boolean(x));
    const departments = sender.openId ? await departmentsOf(sender.openId) : [];
    const extra = opts.users?.larkExtras(ids).principals ?? [];
    return {
      principals: [...new Set([...ids, ...departments, ...extra])],
      tenantMember: ids.length > 0,
      ...(chat?.chatType === 'group' ? { group: { chatId: chat.chatId } } : {}),
    };
  };
}
