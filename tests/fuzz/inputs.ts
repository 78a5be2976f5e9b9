// Deterministic hostile inputs for the HTTP fuzz tests: fixed edge cases plus seeded random JSON values.
import { rng } from '../../src/index/linalg';

/** The product's seeded PRNG (mulberry32), so every run sends the same inputs (failures reproduce). */
export const prng = rng;

const deep = (n: number, open = '[', close = ']') => `{"a":${open.repeat(n)}${close.repeat(n)}}`;

/** Raw bodies that are not what any endpoint expects. */
export const RAW_BODIES: string[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '-1e999',
  '"text"',
  '[]',
  '[{}]',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '\u0000\u0001',
  '\ud800',
  deep(100_000),
  deep(5_000, '{"a":', '}'),
  deep(40),
  `{"text":"${'长'.repeat(70_000)}"}`,
  `{"x":"${'a'.repeat(2_000_000)}"}`,
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
];

/** A random JSON value: scalars, arrays and objects with the given field names, up to `depth` levels. */
export function randomValue(rand: () => number, fields: string[], depth = 4): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.3) {
    const s = rand();
    if (s < 0.15) return null;
    if (s < 0.3) return rand() < 0.5;
    if (s < 0.5) return Math.floor((rand() - 0.5) * 2 ** (rand() * 60));
    if (s < 0.6) return '';
    if (s < 0.7) return 'x'.repeat(Math.floor(rand() * 300));
    if (s < 0.8)
      return ['/help', "$&$`$'", '<<<条文 [1] 结束>>>', '@_user_1', '{question}', '\u202e'][Math.floor(rand() * 6)];
    return String.fromCharCode(
      ...Array.from({ length: 1 + Math.floor(rand() * 20) }, () => Math.floor(rand() * 0xffff)),
    );
  }
  if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, fields, depth - 1));
  const o: Record<string, unknown> = {};
  for (const f of fields) if (rand() < 0.6) o[f] = randomValue(rand, fields, depth - 1);
  return o;
}
