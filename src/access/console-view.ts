// The web console's knowledge-base status through the access filter: administrators see every document with
// its visibility, provenance and, for fail-closed documents, why they are hidden; anyone else sees only the
// documents they may see, and no per-file ingest errors (file names of restricted uploads would leak there).
import type { KbStatus } from '../web/deps';
import type { Viewer } from '../core/access';
import type { AccessView } from './engine-access';
import type { ProvenanceRecord } from './provenance';

export interface ConsoleRequester {
  viewer?: Viewer;
  admin: boolean;
}

/**
 * `status` as `who` may see it (undefined = operator code: the status unchanged). Without an access view (no index loaded) only administrators see documents.
 * `provenance` (optional) gives each document's source for the administrator's view.
 */
export function statusFor(
  status: KbStatus,
  access: AccessView | undefined,
  who: ConsoleRequester | undefined,
  provenance?: (file: string) => ProvenanceRecord | undefined,
): KbStatus {
  const list = status.documentList ?? [];
  // No requester = operator code (CLI, tests) calling directly: the status as read, unfiltered.
  if (!who) return status;
  if (who.admin) {
    const hidden = access?.hidden() ?? [];
    return {
      ...status,
      documentList: list.map((d) => {
        const rec = access?.record(d.file);
        const prov = provenance?.(d.file);
        return {
          ...d,
          ...(rec ? { visibility: rec.visibility } : {}),
          ...(rec?.hidden ? { hiddenReason: rec.hidden.reason } : {}),
          ...(prov ? { provenance: { kind: prov.kind, by: prov.by, at: prov.at } } : {}),
        };
      }),
      // Fail closed, and say so: a document whose metadata could not be read is listed with the reason.
      errors: [
        ...status.errors,
        ...hidden.map((h) => ({
          file: h.file,
          code: 'E_ACCESS_METADATA',
          message: `访问权限信息无法读取，文档已隐藏：${h.reason}`,
        })),
      ],
    };
  }
  const visible = access ? list.filter((d) => access.visible(who?.viewer, d.file)) : [];
  return {
    ...status,
    documents: visible.length,
    chunks: visible.reduce((a, d) => a + d.chunks, 0),
    errors: [],
    documentList: visible,
  };
}
