// `zhiyin audit [--since DATE] [--user ID] [--limit N] [--json]`: the audit trail (issue 16) from the state db.
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import { createAuditStore, type AuditRow } from '../store/audit-store';
import { openStateDb } from '../store/state-db';

interface AuditFlags {
  since?: string;
  user?: string;
  limit: string;
  json?: boolean;
}

function line(r: AuditRow): string {
  const cited = r.cited.length ? r.cited.join('、') : r.refused ? '（未作答）' : '（无引用）';
  return `${r.at}  ${r.transport}  ${r.userId}  ${r.chatType}:${r.conversationId}  引用：${cited}  检索：${r.retrieved.length} 份  权限过滤：${r.filtered} 份`;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('查看审计记录：谁在何时、哪个会话中问了问题，检索和引用了哪些文件 (audit trail)')
    .option('--since <date>', 'only rows at or after this date/time (e.g. 2026-01-31)')
    .option('--user <id>', 'only this user id (e.g. web:alice, ou_…)')
    .option('--limit <n>', 'most recent rows', '200')
    .option('--json', 'print one JSON object per line')
    .action((flags: AuditFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0)
        throw new ZhiyinError('E_BAD_REQUEST', '--limit must be a positive integer');
      if (flags.since && Number.isNaN(new Date(flags.since).getTime())) {
        throw new ZhiyinError('E_BAD_REQUEST', `--since is not a date: ${flags.since}`, {
          userMessage: '--since 应为日期，例如 2026-01-31。',
        });
      }
      const db = openStateDb(loadConfig().stateDir);
      try {
        const rows = createAuditStore(db).list({ since: flags.since, userId: flags.user, limit });
        if (flags.json) {
          for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n');
          return;
        }
        if (!rows.length) console.log('没有符合条件的审计记录。');
        for (const r of rows) console.log(line(r));
      } finally {
        db.close();
      }
    });
}
