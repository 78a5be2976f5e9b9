// The users file (ZHIYIN_USERS_FILE): web tokens → identities, roles, administrators, and roles for Lark users.
// One YAML file the operator edits; tokens may be stored as their sha256 so the file itself holds no secret.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ZhiyinError } from '../core/errors';

const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:@-]{1,80}$/, 'ids use letters, digits and _ . : @ -');

const userSchema = z
  .object({
    /** Web identity: the viewer's principal `web:<id>`, and the user id feedback and the audit record. */
    id,
    /** Web access token (plain) … */
    token: z.string().min(16, 'tokens need at least 16 characters').optional(),
    /** … or its sha256 in hex, so the file can be shared without the secret. */
    tokenSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/i)
      .optional(),
    /** Roles, matched as `role:<name>` in allow lists. */
    roles: z.array(z.string().trim().min(1)).default([]),
    /** Administrators see the whole console: every document, all feedback, the audit trail. */
    admin: z.boolean().default(false),
    /** Lark open_id / user_id values that are this person: they get the same roles and admin rights. */
    lark: z.array(z.string().trim().min(1)).default([]),
    /** Further principals (e.g. department ids) the web user counts as. */
    principals: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

const fileSchema = z.object({ users: z.array(userSchema).default([]) }).strict();

export type UserEntry = z.infer<typeof userSchema>;

/** A resolved identity of a person (web or Lark). */
export interface Identity {
  /** User id for feedback, conversations and the audit trail: `web:<id>` or the Lark open_id. */
  userId: string;
  principals: string[];
  admin: boolean;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Users of the deployment; an empty directory when no users file is configured. */
export class UserDirectory {
  private constructor(private readonly users: UserEntry[]) {}

  static empty(): UserDirectory {
    return new UserDirectory([]);
  }

  static fromYaml(text: string, where = 'users file'): UserDirectory {
    let raw: unknown;
    try {
      raw = parseYaml(text) ?? {};
    } catch (e) {
      throw new ZhiyinError('E_CONFIG', `${where}: YAML error: ${(e as Error).message.split('\n')[0]}`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ZhiyinError('E_CONFIG', `${where}: ${detail}`, { userMessage: `用户文件格式错误：${detail}` });
    }
    const ids = new Set<string>();
    for (const u of parsed.data.users) {
      if (ids.has(u.id)) throw new ZhiyinError('E_CONFIG', `${where}: duplicate user id ${u.id}`);
      ids.add(u.id);
    }
    return new UserDirectory(parsed.data.users);
  }

  /** Reads ZHIYIN_USERS_FILE; a configured file that is missing or invalid stops the start (E_CONFIG). */
  static load(file: string | undefined): UserDirectory {
    if (!file) return UserDirectory.empty();
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ZhiyinError('E_CONFIG', `cannot read ZHIYIN_USERS_FILE ${file}: ${(e as Error).message}`, {
        userMessage: `无法读取用户文件 ${file}。`,
      });
    }
    return UserDirectory.fromYaml(text, file);
  }

  get size(): number {
    return this.users.length;
  }

  /** The web identity a presented token belongs to (constant-time comparison of hashes), if any. */
  byToken(token: string | undefined): Identity | undefined {
    if (!token) return undefined;
    const h = Buffer.from(sha256(token), 'hex');
    for (const u of this.users) {
      const expected = u.tokenSha256 ?? (u.token ? sha256(u.token) : undefined);
      if (expected && crypto.timingSafeEqual(h, Buffer.from(expected.toLowerCase(), 'hex'))) return webIdentity(u);
    }
    return undefined;
  }

  /** Roles (as `role:<name>`) and admin flag of a Lark user known by any of `ids` (open_id, user_id). */
  larkExtras(ids: string[]): { principals: string[]; admin: boolean } {
    const principals: string[] = [];
    let admin = false;
    for (const u of this.users) {
      if (!u.lark.some((x) => ids.includes(x))) continue;
      principals.push(...u.roles.map((r) => `role:${r}`), ...u.principals);
      admin ||= u.admin;
    }
    return { principals: [...new Set(principals)], admin };
  }
}

function webIdentity(u: UserEntry): Identity {
  return {
    userId: `web:${u.id}`,
    principals: [...new Set([`web:${u.id}`, ...u.lark, ...u.principals, ...u.roles.map((r) => `role:${r}`)])],
    admin: u.admin,
  };
}
