// Prompt texts live as plain files in prompts/ so they can be reviewed and tuned without touching code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZhiyinError } from '../core/errors';

export interface Prompts {
  system: string;
  answer: string;
  condense: string;
}

export const DEFAULT_PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prompts');

export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Prompts {
  const read = (name: string) => {
    const file = path.join(dir, `${name}.txt`);
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch (cause) {
      throw new ZhiyinError('E_CONFIG', `Prompt file missing: ${file}`, { cause });
    }
  };
  return { system: read('system'), answer: read('answer'), condense: read('condense') };
}

/**
 * Fill `{name}` placeholders of a prompt template in one pass. Values are inserted verbatim: a replacer
 * function is used because String.replace with a string expands `$&`, `` $` ``, `$'`, `$1`, `$$` and `$<name>`
 * inside the value (a passage containing `$'` used to copy the template's tail into itself), and the output
 * is never scanned again, so a `{question}` inside a document stays text. Unknown placeholders are left as
 * they are; a variable the template does not contain throws E_CONFIG (its text would silently vanish).
 */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  for (const k of Object.keys(vars)) {
    if (!template.includes(`{${k}}`)) {
      throw new ZhiyinError('E_CONFIG', `Prompt template has no {${k}} placeholder`);
    }
  }
  return template.replace(/\{(\w+)\}/g, (all, k: string) => (Object.hasOwn(vars, k) ? vars[k]! : all));
}

/**
 * Sources are fenced with <<<…>>> lines (prompts/answer.txt); a document or question holding such a run
 * could close the fence and continue as "instructions". Runs of three or more angle brackets become
 * full-width ones, which read the same to a person and cannot match the fence.
 */
export function neutralizeFences(text: string): string {
  return text.replace(/<{3,}|>{3,}/g, (run) => (run[0] === '<' ? '＜' : '＞').repeat(run.length));
}
