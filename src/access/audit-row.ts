// What the audit trail records about one answer (src/store/audit-store.ts): document references only.
import type { IncomingMessage } from '../core/chat';
import type { Answer } from '../core/types';
import type { AuditInput } from '../store/audit-store';

/** The audit row of `answer` given to `message`; `filtered` = documents the access filter removed. */
export function auditRowOf(message: IncomingMessage, answer: Answer, filtered: number): AuditInput {
  const retrieved = [...new Set(answer.hits.map((h) => h.chunk.file))];
  return {
    transport: message.transport,
    userId: message.userId,
    conversationId: message.conversationId,
    chatType: message.chatType === 'group' ? 'group' : 'p2p',
    messageId: message.messageId,
    refused: answer.refused,
    retrieved,
    cited: answer.citations.map((c) => (c.article ? `${c.file}#${c.article}` : c.file)),
    filtered,
  };
}
