// `zhiyin onboard start|next|answer <reply>|status|path|accept --as ID [--role R] [--json]`: the onboarding course
// from the terminal, on the same state database as the chat (so progress is shared with the web chat and Lark).
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import type { Chunk } from '../core/types';
import { createOnboardCorpus, loadCorpusChunks } from '../onboard/corpus';
import { readIndexChunks } from '../onboard/open';
import { readDeclaration, readFrontMatterSteps } from '../onboard/path';
import { renderAnswer, renderStatus, renderView } from '../onboard/render';
import { createOnboarding, type Onboarding } from '../onboard/service';
import { createOnboardStore } from '../store/onboard-store';
import { openStateDb } from '../store/state-db';

interface OnboardOptions {
  as?: string;
  role?: string;
  json?: boolean;
  state?: string;
  index?: string;
}

const ACTIONS = ['start', 'next', 'answer', 'status', 'path', 'accept'] as const;

async function withOnboarding<T>(opts: OnboardOptions, fn: (o: Onboarding) => T): Promise<T> {
  const config = loadConfig();
  // The index is what the chat serves; without one (fresh clone) the corpus folders give the same chunk ids.
  let chunks: Chunk[] = readIndexChunks(opts.index ?? config.indexDir);
  if (chunks.length === 0) chunks = (await loadCorpusChunks(config.corpusDirs)).chunks;
  const corpus = createOnboardCorpus(chunks);
  const db = openStateDb(opts.state ?? config.stateDir);
  try {
    const onboarding = createOnboarding({
      store: createOnboardStore(db),
      corpus: () => corpus,
      declaration: () => readDeclaration(config.corpusDirs),
      frontMatter: () => readFrontMatterSteps(config.corpusDirs, corpus),
    });
    return fn(onboarding);
  } finally {
    db.close();
  }
}

export function registerOnboard(program: Command): void {
  program
    .command('onboard')
    .description('入职学习 (onboarding path: lessons, quizzes, progress)')
    .argument('<action>', `one of ${ACTIONS.join(', ')}`)
    .argument('[reply]', 'for answer: the reply, e.g. A, 对, 20个工作日')
    .option('--as <id>', 'user id the progress is kept under')
    .option('--role <role>', 'for start: the role whose declared path to follow')
    .option('--state <dir>', 'state directory (default: ZHIYIN_STATE)')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .option('--json', 'print JSON')
    .action(async (action: string, reply: string | undefined, opts: OnboardOptions) => {
      if (!(ACTIONS as readonly string[]).includes(action)) {
        throw new ZhiyinError('E_BAD_REQUEST', `unknown onboard action ${action}: use ${ACTIONS.join(', ')}`);
      }
      const userId = opts.as ?? '';
      if (!userId && action !== 'path' && action !== 'accept') {
        throw new ZhiyinError('E_BAD_REQUEST', 'onboard needs --as ID (the user whose progress to use)');
      }
      const print = (json: unknown, text: string) => console.log(opts.json ? JSON.stringify(json) : text);
      await withOnboarding(opts, (o) => {
        if (action === 'path' || action === 'accept') {
          const p = action === 'accept' ? o.acceptProposal() : o.pathFor(opts.role ?? '');
          print(p, p.steps.map((s) => `${s.step}. ${s.title}（约 ${s.minutes} 分钟）`).join('\n'));
          return;
        }
        if (action === 'start' || action === 'next') {
          const view = action === 'start' ? o.start(userId, { role: opts.role }) : o.next(userId);
          print({ view, step: o.status(userId)?.step }, renderView(view));
          return;
        }
        if (action === 'answer') {
          if (!reply) throw new ZhiyinError('E_BAD_REQUEST', 'onboard answer needs the reply, e.g. A or 对');
          const a = o.answer(userId, reply);
          if (!a) {
            print({ error: 'no_open_question' }, '当前没有待回答的题目：发送 onboard next 开始下一课。');
            process.exitCode = 1;
            return;
          }
          print({ ...a, step: o.status(userId)?.step }, renderAnswer(a));
          return;
        }
        const s = o.status(userId);
        print(s ?? { userId, step: 1, started: false }, renderStatus(s));
      });
    });
}
