// Limits on what one untrusted file may cost to parse (issue 13: decompression bombs, page-tree DAGs).
// The numbers are set well above the bureau's real documents and far below what exhausts a 2 GB server.

export const LIMITS = {
  /** Pages per PDF. The national corpus's longest statute (民法典) prints to about 300 A4 pages. */
  maxPages: 2000,
  /** Characters of extracted text per document: 民法典 is ~110,000; 5 M is a 50× margin. */
  maxChars: 5_000_000,
  /** Uncompressed bytes of all entries of one zip container (.docx/.xlsx/.ofd). */
  maxZipBytes: 200 * 1024 * 1024,
  /** Uncompressed bytes of one zip entry. */
  maxZipEntryBytes: 100 * 1024 * 1024,
  /**
   * Uncompressed/compressed ratio above which a zip entry larger than `ratioFloorBytes` is a bomb. Real Word XML
   * compresses 5–20×; a run of identical paragraphs reaches 300× and more.
   */
  maxZipRatio: 100,
  /** Entries smaller than this are never judged by ratio (tiny XML parts compress very well). */
  ratioFloorBytes: 1024 * 1024,
  /** Entries per zip container. */
  maxZipEntries: 10_000,
  /** Wall time for parsing one file in the worker, milliseconds. */
  parseTimeoutMs: 120_000,
  /** V8 old-generation heap of the parse worker, MB. */
  workerHeapMb: 768,
} as const;
