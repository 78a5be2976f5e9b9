// Hand-written fakes of the web server's dependencies; they record calls so tests can assert on them.
import type { FeedbackEntry, IncomingMessage, ProcessHooks, Reply } from '../../src/core/chat';
import type { Answer } from '../../src/core/types';
import type { ArticleView, KbStatus, UploadResult, WebDeps, WebFeedbackInput } from '../../src/web/deps';

export interface FakeDeps extends WebDeps {
  messages: IncomingMessage[];
  feedbackCalls: WebFeedbackInput[];
  uploads: { name: string; size: number }[];
  feedback: FeedbackEntry[];
  /** When set, processMessage emits these tokens through onToken before replying. */
  streamTokens?: string[];
  tokenDelayMs?: number;
  /** The abort signal processMessage received last. */
  lastSignal?: AbortSignal;
  reportPath?: string;
}

export const FAKE_ARTICLE: ArticleView = {
  chunkId: 'c-37',
  title: '中华人民共和国招标投标法',
  article: '第三十七条',
  file: 'gov-works/招标投标法(2017-12-27).md',
  headingPath: ['中华人民共和国招标投标法', '第四章 开标、评标和中标', '第三十七条'],
  text: '第三十七条 评标由招标人依法组建的评标委员会负责。\n依法必须进行招标的项目，其评标委员会由招标人的代表和有关技术、经济等方面的专家组成，成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二。',
};

function answerFor(question: string): Answer {
  if (question.includes('火星')) {
    return {
      answer: '知识库中没有找到与“火星”相关的规定。',
      citations: [],
      refused: true,
      mode: 'extractive',
      nearby: [{ title: '中华人民共和国建筑法', file: 'gov-works/建筑法.md', article: '第一条' }],
      hits: [],
    };
  }
  return {
    answer: `关于“${question}”：评标委员会成员人数为五人以上单数（《中华人民共和国招标投标法》第三十七条）。`,
    citations: [
      {
        title: FAKE_ARTICLE.title,
        article: FAKE_ARTICLE.article,
        file: FAKE_ARTICLE.file,
        quote: '成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二',
        chunkId: FAKE_ARTICLE.chunkId,
      },
    ],
    refused: false,
    mode: 'extractive',
    hits: [],
  };
}

export function createFakeDeps(overrides: Partial<FakeDeps> = {}): FakeDeps {
  const answers = new Map<string, { question: string; answer: Answer; conversationId: string }>();
  const deps: FakeDeps = {
    messages: [],
    feedbackCalls: [],
    uploads: [],
    feedback: [],
    async processMessage(message: IncomingMessage, hooks?: ProcessHooks): Promise<Reply> {
      deps.messages.push(message);
      deps.lastSignal = hooks?.signal;
      const text = message.text.trim();
      if (text === '/help') return { kind: 'help', text: '使用帮助：直接输入问题即可。' };
      if (text === '/sources') return { kind: 'sources', text: '知识库共 2 个文档：\n《中华人民共和国招标投标法》' };
      if (text === '/new') return { kind: 'reset', text: '已开始新对话。' };
      if (!text) return { kind: 'error', text: '请输入问题。', errorCode: 'E_EMPTY_QUESTION' };
      for (const t of deps.streamTokens ?? []) {
        hooks?.onToken?.(t);
        await new Promise((r) => setTimeout(r, deps.tokenDelayMs ?? 30));
      }
      const answer = answerFor(text);
      answers.set(message.messageId, { question: text, answer, conversationId: message.conversationId });
      return { kind: 'answer', text: answer.answer, answer };
    },
    recordFeedback(input) {
      deps.feedbackCalls.push(input);
      const stored = answers.get(input.messageId);
      if (!stored || stored.conversationId !== input.conversationId) return undefined;
      const entry: FeedbackEntry = {
        id: `fb-${deps.feedback.length + 1}`,
        at: new Date('2026-01-02T03:04:05Z').toISOString(),
        transport: 'web',
        userId: input.userId,
        conversationId: input.conversationId,
        messageId: input.messageId,
        question: stored.question,
        answer: stored.answer.answer,
        rating: input.rating,
        citations: stored.answer.citations.map((c) => `《${c.title}》${c.article}`),
      };
      deps.feedback.unshift(entry);
      return entry;
    },
    listFeedback: (limit) => deps.feedback.slice(0, limit),
    status: (): KbStatus => ({
      corpusDirs: ['/corpus'],
      indexDir: '/index',
      documents: 2,
      chunks: 120,
      lastIngestAt: '2026-01-02T03:04:05Z',
      errors: [{ file: '损坏文件-截断.pdf', code: 'E_CORRUPT_FILE', message: '文件已损坏' }],
      answerMode: 'extractive',
      documentList: [{ title: '中华人民共和国招标投标法', file: 'gov-works/招标投标法.md', chunks: 68 }],
    }),
    async upload(name: string, bytes: Buffer): Promise<UploadResult> {
      deps.uploads.push({ name, size: bytes.length });
      return { ok: true, file: name, documents: 3, chunks: 130, errors: [] };
    },
    lookupChunk: (id) => (id === FAKE_ARTICLE.chunkId ? FAKE_ARTICLE : undefined),
    latestReportPath: () => deps.reportPath,
    ...overrides,
  };
  return deps;
}
