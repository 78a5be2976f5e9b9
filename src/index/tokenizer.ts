// Chinese tokeniser: jieba search mode + a domain dictionary, Arabic↔Chinese article numbers unified, and
// character bigrams over runs of single characters (what jieba leaves behind for out-of-vocabulary strings).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normaliseArticleNumbers } from './numerals';
import { STOPWORDS } from './stopwords';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DOMAIN_DICT_PATH = path.join(here, 'domain-dict.txt');

let shared: Jieba | undefined;

/** One jieba instance per process: loading the dictionary costs ~150 ms and ~40 MB. */
function jieba(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(fs.readFileSync(DOMAIN_DICT_PATH));
  }
  return shared;
}

const NUMBERED = /第[零〇一二两三四五六七八九十百千]+[条章节款项编](?:之[一二三四五六七八九十]+)?/g;
const CJK = /[\u3400-\u9fff]/;
const WORDISH = /[\p{L}\p{N}]/u;

/** Normalise text before cutting: full-width ASCII → half-width, Arabic article numbers → Chinese. */
export function normaliseText(text: string): string {
  const half = text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return normaliseArticleNumbers(half).toLowerCase();
}

/**
 * Index/query tokens. Search-mode cut gives both long words and their dictionary sub-words
 * (工程总承包 → 工程, 总承包, 工程总承包); consecutive single CJK characters (OOV remains) add bigrams.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  // Article/chapter numbers become one token each: jieba would shred 第二十六条 into 第二|二十|十六|…
  const norm = normaliseText(text).replace(NUMBERED, (m) => {
    out.push(m);
    return ' ';
  });
  const words = jieba().cutForSearch(norm, true);
  let run: string[] = [];
  const flushRun = () => {
    if (run.length >= 2) for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
    run = [];
  };
  for (const w of words) {
    if (w.length === 1 && CJK.test(w)) {
      if (!STOPWORDS.has(w)) run.push(w);
      else flushRun();
      continue;
    }
    flushRun();
    if (!WORDISH.test(w) || STOPWORDS.has(w)) continue;
    out.push(w);
  }
  flushRun();
  return out;
}
