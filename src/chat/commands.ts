// The command table: one list, one shape. Adding a command (e.g. /draft for document drafting) means adding an
// entry here or passing extra entries to createProcessMessage({ commands }).
import type { IncomingMessage, ProcessHooks, Reply, SourceInfo } from '../core/chat';
import type { Viewer } from '../core/access';
import type { ConversationStore } from '../store/conversation-store';
import { renderSources } from './render';

export interface CommandContext {
  message: IncomingMessage;
  /** Text after the command name, trimmed. */
  args: string;
  hooks?: ProcessHooks;
  sessions: ConversationStore;
  /** The documents `viewer` may see (absent = anonymous outsider), through the access filter. */
  sources: (viewer?: Viewer) => SourceInfo[];
  commands: readonly ChatCommand[];
  now: () => Date;
  /** Example questions of the loaded corpus (src/examples), shown by /help. */
  examples?: () => readonly string[];
}

export interface ChatCommand {
  /** Name without the slash, lower case. */
  name: string;
  aliases?: string[];
  /** One line for /help. */
  summary: string;
  /** Example invocations for /help. */
  examples?: string[];
  run(ctx: CommandContext): Reply | Promise<Reply>;
  /**
   * A message without a slash that this command handles anyway (e.g. 「帮我起草一份……通知」 → /draft, or the
   * follow-up that supplies a draft's missing slots); the whole text becomes `args`.
   */
  matches?(text: string, ctx: Pick<CommandContext, 'message' | 'sessions'>): boolean;
}

/**
 * The usage text. `examples` are questions checked answerable on the loaded corpus when it was indexed
 * (src/examples); with none (empty index), the text says what can be asked without naming documents.
 */
export function helpText(commands: readonly ChatCommand[], prefix = '', examples: readonly string[] = []): string {
  const cmdLines = commands.map((c) => {
    const names = [c.name, ...(c.aliases ?? [])].map((n) => `/${n}`).join('、');
    const ex = c.examples && c.examples.length > 0 ? `（例：${c.examples.join('；')}）` : '';
    return `- ${names}：${c.summary}${ex}`;
  });
  return [
    prefix,
    '我是「指引」，根据局里的法规、规章和指南知识库回答问题，每个回答都注明出处（《文件》第N条）。知识库里没有的内容，我会直接说明，并列出最接近的文件。',
    examples.length > 0
      ? `直接提问即可，例如：\n${examples.map((q) => `- ${q}`).join('\n')}`
      : '直接提问即可：可以问某份文件的某一条，也可以问一件具体的事务怎么办理。发送 /sources 查看知识库里有哪些文件。',
    '追问时可以接着上一个问题问（如“那监理单位呢？”）；换话题请先发送 /new。',
    `命令：\n${cmdLines.join('\n')}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export const helpCommand: ChatCommand = {
  name: 'help',
  aliases: ['帮助', 'h'],
  summary: '查看用法和示例',
  run: (ctx) => ({ kind: 'help', text: helpText(ctx.commands, '', ctx.examples?.() ?? []) }),
};

export const sourcesCommand: ChatCommand = {
  name: 'sources',
  aliases: ['文件', '来源'],
  summary: '查看知识库收录了哪些文件',
  run: (ctx) => ({ kind: 'sources', text: renderSources(ctx.sources(ctx.message.viewer)) }),
};

export const newCommand: ChatCommand = {
  name: 'new',
  aliases: ['新对话', 'reset'],
  summary: '开始新对话（忘记之前的上下文）',
  run: (ctx) => {
    ctx.sessions.reset(ctx.message.conversationId, ctx.now().toISOString());
    return { kind: 'reset', text: '好的，已开始新对话，之前的上下文不再参考。请提出新问题。' };
  },
};

export function defaultCommands(): ChatCommand[] {
  return [helpCommand, sourcesCommand, newCommand];
}

/** `/name args` (also full-width ／); undefined when the text is not a command. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^[/／]\s*(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m || !m[1]) return undefined;
  return { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() };
}

/** The first command whose `matches` accepts a plain message, as a parsed command with the text as args. */
export function implicitCommand(
  commands: readonly ChatCommand[],
  text: string,
  ctx: Pick<CommandContext, 'message' | 'sessions'>,
): { name: string; args: string } | undefined {
  const c = commands.find((x) => x.matches?.(text, ctx));
  return c ? { name: c.name, args: text } : undefined;
}

export function findCommand(commands: readonly ChatCommand[], name: string): ChatCommand | undefined {
  return commands.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}
