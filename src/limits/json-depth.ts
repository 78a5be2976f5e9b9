// Bounded JSON parsing for untrusted request bodies. JSON.parse itself copes with deep nesting, but everything
// recursive after it (JSON.stringify, zod, the SDK's dispatcher) overflows the stack on a 100,000-deep array:
// the depth is measured on the text, without recursion, before anything parses it.

/** Deepest nesting of objects/arrays a Lark event or web API body needs (Lark events nest about 6 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Nesting depth of the JSON text `text` (0 for a scalar), counting `{` and `[` outside strings; stops counting
 * once `limit` is exceeded and returns `limit + 1`. Linear time, constant stack. Does not validate the JSON.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return limit + 1;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

export type BoundedJson = { ok: true; value: unknown } | { ok: false; reason: 'too_deep' | 'invalid_json' };

/** JSON.parse after a depth check: `too_deep` when nesting exceeds `limit`, `invalid_json` when it does not parse. */
export function parseBoundedJson(text: string, limit = MAX_JSON_DEPTH): BoundedJson {
  if (jsonDepth(text, limit) > limit) return { ok: false, reason: 'too_deep' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
}
