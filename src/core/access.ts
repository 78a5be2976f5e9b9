// Who is asking, for access control (issue 16). Shared contract so that every path that retrieves (answers,
// drafts, onboarding, quizzes, /sources, 查看原文, console) passes the same identity to the one access filter.

/** Visibility of a document, declared in front matter, a sidecar `<file>.meta.yaml` or `corpus/access.yaml`. */
export type Visibility = 'public' | 'internal' | 'restricted';

/**
 * The identity a request is made under.
 * - `principals`: every id the asker is known by, matched against a document's `allow` list: Lark open_id
 *   (`ou_…`), user_id, department ids (`od_…`), roles as `role:<name>`, web identities as configured.
 * - `tenantMember`: true for any Lark user of the app or a web user with a valid token (sees `internal`).
 * - `group`: set when the reply is read by a whole group chat; a document is then used only when the asker AND
 *   the group (its chat id, matched against `allow`) may see it.
 * An absent viewer means an anonymous outsider: only `public` documents.
 */
export interface Viewer {
  principals: string[];
  tenantMember: boolean;
  group?: { chatId: string };
}
