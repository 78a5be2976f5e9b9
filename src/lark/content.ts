// Message content → plain question text. Received content is a JSON string: text {"text": "@_user_1 问题"},
// post {"title": "", "content": [[{tag, text|user_id|…}]]} (no locale wrapper when received).
import type { Mention } from './events';

export interface ExtractedText {
  text: string;
  /** Mention keys that appeared in the content (e.g. "@_user_1", "@_all"). */
  mentionKeys: string[];
}

interface PostNode {
  tag?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  href?: string;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

function postParagraphs(parsed: unknown): PostNode[][] {
  if (!parsed || typeof parsed !== 'object') return [];
  const obj = parsed as Record<string, unknown>;
  if (Array.isArray(obj.content)) return obj.content as PostNode[][];
  // Sent posts wrap the body in a locale ({"zh_cn": {...}}): accept that too.
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).content)) {
      return (v as { content: PostNode[][] }).content;
    }
  }
  return [];
}

/** Text of a text or post message; undefined for other message types. Mention keys stay in the text. */
export function extractText(messageType: string, content: string): ExtractedText | undefined {
  const parsed = parseJson(content);
  if (messageType === 'text') {
    const text = (parsed as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') return { text: '', mentionKeys: [] };
    return { text, mentionKeys: text.match(/@_user_\d+|@_all/g) ?? [] };
  }
  if (messageType === 'post') {
    const title = (parsed as { title?: unknown } | undefined)?.title;
    const mentionKeys: string[] = [];
    const lines = postParagraphs(parsed).map((para) =>
      (Array.isArray(para) ? para : [])
        .map((node: PostNode | null) => {
          // User-supplied JSON: a paragraph may hold null or a scalar where a node object was expected.
          if (!node || typeof node !== 'object') return '';
          if (node.tag === 'text' || node.tag === 'md') return node.text ?? '';
          if (node.tag === 'a') return node.text ?? node.href ?? '';
          if (node.tag === 'at') {
            const key = node.user_id === 'all' ? '@_all' : (node.user_id ?? '');
            if (key) mentionKeys.push(key);
            return key;
          }
          return '';
        })
        .join(''),
    );
    const body = lines.join('\n').trim();
    const text = typeof title === 'string' && title.trim() ? `${title.trim()}\n${body}` : body;
    return { text, mentionKeys };
  }
  return undefined;
}

/**
 * Remove the bot's mention keys and replace other mentions by "@name" so the question reads naturally.
 * Keys are matched as whole tokens: Feishu numbers them @_user_1 … @_user_N in order of appearance, so with ten
 * or more mentions "@_user_1" is a prefix of "@_user_10" — a plain substring replace would cut the latter.
 * An unknown key (no entry in `mentions`) is dropped rather than left as placeholder text.
 */
export function stripMentions(text: string, mentions: Mention[], isBot: (m: Mention) => boolean): string {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  return text
    .replace(/@_user_\d+(?!\d)|@_all/g, (key) => {
      const m = byKey.get(key);
      if (!m || key === '@_all' || isBot(m)) return ' ';
      return m.name ? `@${m.name}` : ' ';
    })
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
