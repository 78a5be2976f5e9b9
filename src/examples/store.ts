// The example questions kept with the index: <indexDir>/examples.json, written at the end of ingest and read
// by the web chat (GET /api/examples, welcome chips) and /help.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { replaceFile } from '../store/replace-file';

export const EXAMPLES_FILE = 'examples.json';

const ExamplesSchema = z.object({
  /** Format version of this file. */
  version: z.literal(1),
  /** ISO time the examples were checked. */
  generatedAt: z.string(),
  /** Questions the answerer answered (not refused) on this index when they were generated. */
  examples: z.array(z.string().min(1)),
});
export type ExamplesFile = z.infer<typeof ExamplesSchema>;

/** Write the examples atomically (temp + rename) into the index directory. */
export function writeExamples(indexDir: string, examples: string[], now: Date = new Date()): void {
  const body: ExamplesFile = { version: 1, generatedAt: now.toISOString(), examples };
  replaceFile(path.join(indexDir, EXAMPLES_FILE), `${JSON.stringify(body, null, 2)}\n`);
}

/**
 * The stored examples; [] when the file is absent or malformed (an index built before examples existed must
 * still serve — the page then shows no chips rather than failing).
 */
export function readExamples(indexDir: string): string[] {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(indexDir, EXAMPLES_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = ExamplesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.examples : [];
  } catch {
    return [];
  }
}

/** True when the index directory already holds an examples file. */
export function hasExamples(indexDir: string): boolean {
  return fs.existsSync(path.join(indexDir, EXAMPLES_FILE));
}
