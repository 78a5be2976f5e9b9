// The README's quick-start examples must be answered (not refused) on the shipped sample corpus — the first
// thing a new user tries. Read from README.md so the test follows the text; the corpus is a private copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open';
import { loadConfig } from '../../src/config';
import { runIngest } from '../../src/ingest/run';
import { sampleCorpusCopy } from '../support/sample-corpus';

let corpus: string;
let index: string;
beforeAll(async () => {
  corpus = sampleCorpusCopy();
  index = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-readme-idx-'));
  await runIngest({ corpusDirs: [corpus], indexDir: index });
}, 120_000);
afterAll(() => {
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.rmSync(index, { recursive: true, force: true });
});

/** Questions quoted 「…」 in the quick start, plus the `zhiyin ask "…"` example. */
function readmeQuestions(): string[] {
  const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
  const quick = readme.slice(0, readme.indexOf('Operator documentation'));
  const quoted = [...quick.matchAll(/「([^」]+)」/g)].map((m) => m[1]!);
  const ask = [...readme.matchAll(/zhiyin ask "([^"]+)"/g)].map((m) => m[1]!).filter((q) => q !== '…');
  return [...new Set([...quoted, ...ask])];
}

it('answers every example question of the README on the sample corpus', async () => {
  const questions = readmeQuestions();
  expect(questions.length).toBeGreaterThanOrEqual(4);
  const { answerer, engine } = await openAnswerer({ ...loadConfig({}, os.tmpdir()), llm: undefined }, index);
  try {
    for (const q of questions) {
      const a = await answerer.answer(q);
      expect(a.refused, q).toBe(false);
      expect(a.citations.length, q).toBeGreaterThan(0);
    }
  } finally {
    engine.close();
  }
});
