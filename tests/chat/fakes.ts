// Hand-written fakes shared by the chat and lark tests: an Answerer that records its calls and a fixed clock.
import type { Clock, IdSource } from '../../src/core/chat';
import type { AnswerOptions, Answerer } from '../../src/core/interfaces';
import type { Answer, Citation } from '../../src/core/types';

export const CITATION_A: Citation = {
  title: '中华人民共和国招标投标法',
  article: '第三十七条',
  file: 'gov-works/招标投标法(2017-12-27).md',
  quote:
    '评标由招标人依法组建的评标委员会负责。……成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二。',
  chunkId: 'chunk-ztb-37',
};
export const CITATION_B: Citation = {
  title: '建设工程质量管理条例',
  article: '第四十条',
  file: 'gov-works/建设工程质量管理条例(2019-04-23).md',
  quote: '在正常使用条件下，建设工程的最低保修期限为：……',
  chunkId: 'chunk-zl-40',
};

export function fixedAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    answer:
      '评标委员会成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二（《中华人民共和国招标投标法》第三十七条）。',
    citations: [CITATION_A, CITATION_B],
    refused: false,
    mode: 'extractive',
    hits: [],
    ...overrides,
  };
}

export interface AnswerCall {
  question: string;
  options: AnswerOptions | undefined;
}

export class FakeAnswerer implements Answerer {
  readonly calls: AnswerCall[] = [];
  constructor(
    private readonly make: (question: string, options?: AnswerOptions) => Answer | Promise<Answer> = () =>
      fixedAnswer(),
  ) {}
  async answer(question: string, options?: AnswerOptions): Promise<Answer> {
    this.calls.push({ question, options });
    return this.make(question, options);
  }
}

export class FixedClock implements Clock {
  constructor(public ms = Date.parse('2026-03-01T08:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class CountingIds implements IdSource {
  private n = 0;
  next(): string {
    return `id-${++this.n}`;
  }
}
