// Character accuracy of OCR'd articles against a reference text of the same articles (docs/ingest.md, OCR table).
// accuracy = 1 − (Levenshtein distance over the concatenated article texts) / (reference length), whitespace ignored,
// over the articles the OCR'd document has (by article number); articles missing from the OCR count as fully wrong.

/** Levenshtein distance of two code-point arrays, O(n·m) time, O(m) memory. */
export function editDistance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export interface AccuracyReport {
  /** Articles compared (those of the reference whose numbers the OCR'd text also has, plus missing ones). */
  articles: number;
  missing: string[];
  referenceChars: number;
  errors: number;
  accuracy: number;
}

/**
 * Compare article texts. `ocr` and `reference` map 第N条 → text. Only reference articles in `expected` are compared
 * (the scan holds an excerpt).
 */
export function articleAccuracy(
  ocr: Map<string, string>,
  reference: Map<string, string>,
  expected: string[],
): AccuracyReport {
  const norm = (s: string) => Array.from(s.replace(/\s+/g, ''));
  let refChars = 0;
  let errors = 0;
  const missing: string[] = [];
  for (const art of expected) {
    const ref = norm(reference.get(art) ?? '');
    refChars += ref.length;
    const got = ocr.get(art);
    if (got === undefined) {
      missing.push(art);
      errors += ref.length;
      continue;
    }
    errors += editDistance(norm(got), ref);
  }
  return {
    articles: expected.length,
    missing,
    referenceChars: refChars,
    errors,
    accuracy: refChars === 0 ? 0 : 1 - errors / refChars,
  };
}
