// The CLI end to end (subprocesses): `quiz --file` over a temp corpus and over ../shared/corpus/bureau (the
// acceptance numbers: ≥ 40 items, 0 failing the checks, ≥ 3 kinds), and `onboard start|answer|status --json`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizFromCorpus } from '../../src/cli/quiz';
import { tempCorpus } from './fixture';

const run = promisify(execFile);
const BIN = path.resolve('bin/zhiyin.mjs');
const BUREAU = path.resolve('../shared/corpus/bureau');
const GOV_WORKS = path.resolve('../shared/corpus/gov-works');

interface QuizJson {
  items: {
    kind: string;
    question: string;
    options: string[];
    answer: string;
    citation: { title: string; article: string; section: string; file: string; quote: string };
  }[];
  report?: { items: number; failing: number; byKind: Record<string, number> };
}

let fx: ReturnType<typeof tempCorpus>;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  fx = tempCorpus();
  env = {
    ...process.env,
    ZHIYIN_CORPUS: fx.dir,
    ZHIYIN_INDEX: path.join(fx.root, 'index'),
    ZHIYIN_STATE: path.join(fx.root, 'state'),
    LOG_LEVEL: 'error',
  };
});
afterAll(() => fx?.cleanup());

const zhiyin = async (args: string[]) => (await run('node', [BIN, ...args], { env, cwd: fx.root })).stdout;

describe('zhiyin quiz', () => {
  it('prints items for one corpus-relative file in the documented shape', async () => {
    const out = JSON.parse(await zhiyin(['quiz', '--file', '新员工入职手册.md', '--n', '4', '--json'])) as QuizJson;
    expect(out.items).toHaveLength(4);
    for (const item of out.items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['kind', 'question', 'options', 'answer', 'citation']));
      expect(item.citation.file).toBe('新员工入职手册.md');
      expect(item.citation.section).not.toBe('');
      expect(fs.readFileSync(path.join(fx.dir, item.citation.file), 'utf8')).toContain(item.citation.quote);
    }
  });

  it('refuses a path outside the corpus with a Chinese message', async () => {
    await expect(zhiyin(['quiz', '--file', '../etc/passwd', '--json'])).rejects.toMatchObject({ code: 1 });
  });

  it.skipIf(!fs.existsSync(BUREAU))('over ../shared/corpus/bureau: ≥ 40 items, 0 failing, ≥ 3 kinds', async () => {
    const out = JSON.parse(await zhiyin(['quiz', '--corpus', BUREAU, '--json', '--report'])) as QuizJson;
    expect(out.items.length).toBeGreaterThanOrEqual(40);
    expect(out.report?.failing).toBe(0);
    expect(Object.keys(out.report?.byKind ?? {}).length).toBeGreaterThanOrEqual(3);
    // Outline documents cite a section path, article documents an article.
    expect(out.items.some((i) => i.citation.article === '' && i.citation.section !== '')).toBe(true);
    expect(out.items.some((i) => /^第.+条$/u.test(i.citation.article))).toBe(true);
  });
});

describe('quiz checks on the statutes', () => {
  // Penalty ranges ("处1万元以上10万元以下") repeat across laws: distractors must avoid every range partner.
  it.skipIf(!fs.existsSync(GOV_WORKS))('over ../shared/corpus/gov-works: 0 items failing', async () => {
    const { report } = await quizFromCorpus([GOV_WORKS], undefined, Infinity);
    expect(report.items).toBeGreaterThan(100);
    expect(report.failures).toEqual([]);
  });
});

describe('zhiyin onboard', () => {
  it('start, answer and status share the state file; status --json has the 1-based next step', async () => {
    const started = JSON.parse(await zhiyin(['onboard', 'start', '--as', 'cli:zhang', '--json'])) as {
      view: { kind: string; question?: { item: { kind: string; answer: string; options: string[] } } };
      step: number;
    };
    expect(started.view.kind).toBe('lesson');
    expect(started.step).toBe(1);
    const item = started.view.question!.item;
    const reply = item.kind === 'choice' ? String.fromCharCode(65 + item.options.indexOf(item.answer)) : item.answer;
    const answered = JSON.parse(await zhiyin(['onboard', 'answer', reply, '--as', 'cli:zhang', '--json'])) as {
      correct: boolean;
    };
    expect(answered.correct).toBe(true);
    const status = JSON.parse(await zhiyin(['onboard', 'status', '--as', 'cli:zhang', '--json'])) as {
      step: number;
      pending?: { number: number };
    };
    expect(status.step).toBe(1);
    expect(status.pending?.number).toBe(2);
  });
});
