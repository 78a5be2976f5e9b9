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
