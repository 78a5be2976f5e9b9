// Hand-written fakes for the eval tests: a retriever that returns scripted hits per question and records the
// calls, and an answerer that returns scripted answers.
import type { Answerer, Retriever, SearchOptions } from '../../src/core/interfaces';
import type { Answer, Chunk, Hit } from '../../src/core/types';

export function chunk(file: string, title: string, article: string, part = 0): Chunk {
  return {
    id: `${file}#${article}#${part}`,
    file,
    corpusDir: '/corpus',
    title,
    article,
    headingPath: [title, article],
    text: `${article} text of ${title}`,
    page: null,
    versionDate: '',
    part,
    seq: 0,
    textHash: 'h',
  };
}

export class ScriptedRetriever implements Retriever {
  readonly calls: { query: string; k: number | undefined }[] = [];
  constructor(private readonly script: Map<string, Chunk[]>) {}
  async search(query: string, options?: SearchOptions): Promise<Hit[]> {
    this.calls.push({ query, k: options?.k });
    const chunks = this.script.get(query) ?? [];
    return chunks.slice(0, options?.k ?? 10).map((c, i) => ({ chunk: c, score: 1 / (i + 1) }));
  }
}

export class ScriptedAnswerer implements Answerer {
  readonly calls: string[] = [];
  constructor(private readonly script: Map<string, Partial<Answer> | Error>) {}
  async answer(question: string): Promise<Answer> {
    this.calls.push(question);
    const s = this.script.get(question);
    if (s instanceof Error) throw s;
    return { answer: '', citations: [], refused: false, mode: 'extractive', hits: [], ...s };
  }
}

export function cite(c: Chunk) {
  return { title: c.title, article: c.article, file: c.file, quote: c.text, chunkId: c.id };
}
