// Test doubles for drafting: a retriever that returns fixed hits and records every search (query + options).
import type { Retriever, SearchOptions } from '../../src/core/interfaces';
import type { Chunk, Hit } from '../../src/core/types';

export function chunk(title: string, article: string, text: string): Chunk {
  return {
    id: `${title}-${article}`,
    file: `${title}.md`,
    corpusDir: '/tmp/none',
    title,
    article,
    headingPath: [title, article],
    text,
    page: null,
    versionDate: '',
    part: 0,
    seq: 0,
    textHash: '',
  };
}

export const SAFETY = chunk(
  '建设工程安全生产管理条例',
  '第四十三条',
  '第四十三条 县级以上人民政府负有建设工程安全生产监督管理职责的部门在各自的职责范围内履行安全监督检查职责时，有权采取下列措施：（一）要求被检查单位提供有关建设工程安全生产的文件和资料。',
);

export interface RecordingRetriever extends Retriever {
  calls: { query: string; options?: SearchOptions }[];
}

export function fixedRetriever(hits: Hit[]): RecordingRetriever {
  const calls: RecordingRetriever['calls'] = [];
  return {
    calls,
    search(query, options) {
      calls.push({ query, options });
      return Promise.resolve(hits);
    },
  };
}

export const fixedClock = { now: () => new Date(2026, 5, 1, 9, 0, 0) };

/** A request that fills every slot of a notice, 版头 and 版记 included. */
export const FULL_NOTICE =
  '帮我起草一份关于开展2026年安全生产月活动的通知，以市住房和建设局名义，发给各直属单位，活动时间6月1日至30日，地点：各施工现场，联系人张明，电话0755-12345678，附件：活动安排表、报名表，抄送市应急管理局，发文字号：深建〔2026〕8号，印发机关：市住房和建设局办公室';
