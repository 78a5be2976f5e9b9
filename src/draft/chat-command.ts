// Drafting in chat: `/draft …`, plain requests 「帮我起草/写一份……通知」, and the follow-up that supplies the slots
// a draft still lacks (revised in the same conversation); `/check` runs 公文体检 on pasted text. The .docx goes
// in Reply.files, which every transport delivers after the text.
import type { Reply } from '../core/chat';
import type { ChatCommand, CommandContext } from '../chat/commands';
import type { ConversationStore } from '../store/conversation-store';
import { checkText } from './check';
import { docxFileName, renderDocx } from './docx';
import type { DraftBase, Drafter } from './drafter';
import { renderDraftReply, renderFindings } from './reply';
import { labelledSlots } from './slots';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 「帮我起草一份……通知」「写个请示」「拟一份会议纪要」: a drafting request rather than a question. */
export const DRAFT_REQUEST =
  /^(?:请|麻烦|能否|可以)?(?:你)?(?:帮我|帮忙|给我|替我|帮)?(?:起草|草拟|拟写|拟|撰写|写|出)(?:一下)?(?:一份|一个|一篇|一则|个|份|篇)?[\s\S]{0,120}?(?:通知|通报|请示|报告|复函|函|纪要|方案)/;
const QUESTION = /[？?]|吗|什么|怎么|如何|多少|哪些|是否|能不能/;

interface Pending extends DraftBase {
  /** The conversation turn the draft was saved as; a later turn or /new ends the follow-up. */
  messageId: string;
}

export interface DraftCommandDeps {
  drafter: Drafter;
  /** Also attach the .docx (default true). */
  docx?: boolean;
}

/** The /draft and /check commands; /draft also matches plain requests and follow-ups (see ChatCommand.matches). */
export function draftCommands(deps: DraftCommandDeps): ChatCommand[] {
  const pending = new Map<string, Pending>();
  const current = (conversationId: string, sessions: ConversationStore): Pending | undefined => {
    const p = pending.get(conversationId);
    const last = sessions.recent(conversationId, 1).at(-1);
    return p && last?.messageId === p.messageId ? p : undefined;
  };

  const draft: ChatCommand = {
    name: 'draft',
    aliases: ['起草', '拟稿'],
    summary: '起草公文（通知、通报、请示、报告、函、纪要、工作方案），附 GB/T 9704 格式的 Word 文件',
    examples: ['/draft 起草一份关于开展安全生产检查的通知，发给各区建设局'],
    matches(text, ctx) {
      if (DRAFT_REQUEST.test(text) && !/[？?]$/.test(text)) return true;
      const p = current(ctx.message.conversationId, ctx.sessions);
      if (!p || p.missing.length === 0) return false;
      if (Object.keys(labelledSlots(text)).length > 0) return true;
      // A bare answer to the one missing slot: short and not a question.
      return p.missing.length === 1 && [...text].length <= 30 && !QUESTION.test(text);
    },
    async run(ctx: CommandContext): Promise<Reply> {
      const request = ctx.args.trim();
      if (!request)
        return {
          kind: 'help',
          text: '请写明要起草的公文，例如：/draft 起草一份关于开展安全生产检查的通知，发给各区建设局，检查时间6月1日至30日',
        };
      const { conversationId } = ctx.message;
      const isNew = DRAFT_REQUEST.test(request) || ctx.message.text.trim().startsWith('/');
      const base = isNew ? undefined : current(conversationId, ctx.sessions);
      const d = await deps.drafter.draft(request, { viewer: ctx.message.viewer, base, signal: ctx.hooks?.signal });
      const text = renderDraftReply(d);
      ctx.sessions.append({
        transport: ctx.message.transport,
        conversationId,
        userId: ctx.message.userId,
        messageId: ctx.message.messageId,
        at: ctx.now().toISOString(),
        question: ctx.message.text,
        answer: text,
        refused: false,
        citations: d.citations,
      });
      pending.set(conversationId, {
        type: d.type,
        slots: d.slots,
        missing: d.missing,
        messageId: ctx.message.messageId,
      });
      const files =
        deps.docx === false ? [] : [{ name: docxFileName(d), content: await renderDocx(d), mimeType: DOCX_MIME }];
      return { kind: 'text', text, files };
    },
  };

  const check: ChatCommand = {
    name: 'check',
    aliases: ['体检', '公文体检'],
    summary: '公文体检：检查粘贴的公文文本是否符合 GB/T 9704 和《党政机关公文处理工作条例》',
    examples: ['/check（换行后粘贴公文全文）'],
    run(ctx) {
      const text = ctx.args.trim();
      if (!text)
        return { kind: 'help', text: '请在 /check 后粘贴公文全文（标题、主送机关、正文、落款），我会逐行检查格式。' };
      return { kind: 'text', text: renderFindings(checkText(text)) };
    },
  };
  return [draft, check];
}
