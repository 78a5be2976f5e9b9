// Retention of the audit trail: expired rows go at start and then once a day while the server runs.
import type { OperatorLogger } from '../chat/log';
import type { AuditStore } from '../store/audit-store';

export const PRUNE_EVERY_MS = 24 * 3600 * 1000;

/**
 * Prune now and every `everyMs` (default a day); returns the stop function. The timer is unref'd so it never
 * keeps a CLI process alive.
 */
export function startAuditPrune(
  audit: AuditStore,
  retentionDays: number,
  logger: OperatorLogger,
  everyMs = PRUNE_EVERY_MS,
): () => void {
  const prune = () => {
    try {
      const n = audit.prune(retentionDays);
      if (n > 0) logger.info('audit.pruned', { rows: n, retentionDays });
    } catch (e) {
      logger.warn('audit.prune_failed', { error: (e as Error).message });
    }
  };
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
