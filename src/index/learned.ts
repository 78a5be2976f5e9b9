// Learning from confirmed questions (eval-format JSONL: 👍 feedback or an admin FAQ): each question is kept with
// the units it was confirmed for. At query time similar learned questions vote for their articles, and the
// counts become article/document priors ("what people actually ask about").
import fs from 'node:fs';
import { ZhiyinError } from '../core/errors';
import { goldFileMatches, normaliseLawTitle, type EvalQuestion } from '../retrieve/gold';
import type { Unit } from './units';

export interface LearnedQuestion {
  question: string;
  /** Indices into the unit list of the index. */
  units: number[];
}

export function readLearnFiles(files: string[]): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (cause) {
      throw new ZhiyinError('E_UNREADABLE', `Cannot read learn file ${file}`, { cause });
    }
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const q = JSON.parse(line) as EvalQuestion;
        if (typeof q.question === 'string' && Array.isArray(q.gold)) out.push(q);
      } catch (cause) {
        throw new ZhiyinError('E_BAD_REQUEST', `${file}:${i + 1}: not a JSON line`, { cause });
      }
    });
  }
  return out;
}

/** Map questions' gold entries onto units (file match preferred, title match as fallback). */
export function mapLearned(questions: EvalQuestion[], units: Unit[]): LearnedQuestion[] {
  const byKey = new Map<string, number[]>();
  units.forEach((u, i) => {
    const c = u.chunks[0]!;
    if (!c.article) return;
    const k = `${normaliseLawTitle(c.title)}|${c.article}`;
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const out: LearnedQuestion[] = [];
  for (const q of questions) {
    if (q.answerable === false) continue;
    const found = new Set<number>();
    for (const g of q.gold) {
      const cands = byKey.get(`${normaliseLawTitle(g.law)}|${g.article}`) ?? [];
      const byFile = cands.filter((i) => g.files?.some((f) => goldFileMatches(f, units[i]!.chunks[0]!.file)));
      for (const i of byFile.length ? byFile : cands) found.add(i);
    }
    if (found.size) out.push({ question: q.question, units: [...found] });
  }
  return out;
}
