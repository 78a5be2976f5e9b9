// Shared data types of the pipeline. This folder imports nothing else from src/ (see DESIGN.md).

/** Source formats the loaders understand. */
export type DocFormat = 'md' | 'txt' | 'html' | 'pdf' | 'docx';

/** A block of text as extracted from a source file, before structure parsing. */
export interface TextBlock {
  text: string;
  /** 1-based page number for PDF sources; undefined for formats without pages. */
  page?: number;
  /** Heading level (1–6) when the source marked the block as a heading (Markdown #, HTML/DOCX h1–h6). */
  headingLevel?: number;
}

/** A loaded source document (one file), normalised but not yet parsed into articles. */
export interface SourceDocument {
  /** Path relative to its corpus directory, always with forward slashes. */
  file: string;
  /** Absolute path of the corpus directory the file was found in. */
  corpusDir: string;
  /** Title from the document's own heading when it has one, else the file name without extension. */
  title: string;
  format: DocFormat;
  /** sha256 of the raw file bytes (hex). */
  hash: string;
  /** Issuing / amendment history lines found under the title, e.g. "2019年4月23日 …修正". */
  history: string[];
  /** Latest date found in `history`, ISO yyyy-mm-dd; undefined when none. */
  versionDate?: string;
  blocks: TextBlock[];
  /** True when the text was read by OCR from page images (a scan): citations say 「（扫描件识别）」. */
  ocr?: boolean;
}

/** One retrievable unit: an article (条), part of a long article, or an outline section / paragraph. */
export interface Chunk {
  /** Stable across re-ingests of unchanged files (derived from file path + position + text hash). */
  id: string;
  /** Path relative to its corpus directory. */
  file: string;
  /** Absolute corpus directory (several corpora may be indexed together). */
  corpusDir: string;
  /** Document title, without 《》. */
  title: string;
  /** Article number like "第四十条" / "第十条之一"; '' when the chunk is not an article. */
  article: string;
  /** Heading path from the title down, e.g. ["建设工程质量管理条例", "第六章 建设工程质量保修", "第四十条"]. */
  headingPath: string[];
  /** The chunk text (for an article: starts with "第X条"). */
  text: string;
  /** First page of the chunk for PDF sources, else null. */
  page: number | null;
  /** Version date of the document (ISO), '' when unknown. */
  versionDate: string;
  /** Part index when a long article was split (0-based); 0 for unsplit chunks. */
  part: number;
  /** Position of the chunk in its document (0-based), for ordering and neighbours. */
  seq: number;
  /** sha256 of `text` (hex), the key for embedding caches. */
  textHash: string;
  /** True when the text was read by OCR (scanned PDF or image); absent otherwise. */
  ocr?: boolean;
}

/** A scored retrieval result. */
export interface Hit {
  chunk: Chunk;
  score: number;
  /** How the hit was found (e.g. "ref" for explicit article reference, "bm25", "vector", "learned"). */
  via?: string[];
  /**
   * Lexical confidence for refusals: the hit's raw BM25 score divided by the summed IDF of the question's
   * terms, where a term unknown to the corpus counts as maximally informative (≈ the share of the question's
   * informative words the article covers; 0 = none, ~1 = strong; 1 for an explicit article reference).
   * Set by the hybrid retriever; see docs/retrieval.md for the measured distribution.
   */
  confidence?: number;
}

/** A citation attached to an answer: citations are data, not text munging. */
export interface Citation {
  title: string;
  article: string;
  file: string;
  /** Verbatim text from the cited chunk. */
  quote: string;
  chunkId: string;
  /** True when the cited text was read by OCR: shown as 「（扫描件识别）」 after the citation. */
  ocr?: boolean;
  /** Where the document came from (shipped corpus / admin or user upload, who, when), for display. */
  provenance?: string;
  /**
   * For passages of guides and FAQs without 第N条: where inside the document the quote stands — the outline path
   * ("二、（二）") or the FAQ question line. Rendered after the title: 《新员工入职指南》二、（二）.
   */
  section?: string;
}

/** A document close to the question, listed when the answer is a refusal. */
export interface NearbyDocument {
  title: string;
  file: string;
  article: string;
  /** For outline/FAQ documents (no article): the section heading(s) below the title, e.g. "一、报到 （二）材料". */
  section?: string;
  /** Why it was suggested, in Chinese (e.g. "含有问题中的“报到”“材料”"). */
  reason?: string;
}

export interface Answer {
  /** Rendered answer text (Chinese), citing as 《标题》第N条. */
  answer: string;
  citations: Citation[];
  refused: boolean;
  mode: 'extractive' | 'llm';
  /** A visible note, e.g. "LLM unavailable, extractive answer shown". */
  note?: string;
  /** When refused: the closest documents. */
  nearby?: NearbyDocument[];
  /** The retrieval hits the answer was built from (for eval and "查看原文"). */
  hits: Hit[];
  /**
   * The calibrated refusal decision (src/answer/refusal-model.ts), when it ran: `p` = P(answerable) in [0,1],
   * refused when p < threshold; `features` by name (for eval cross-validation and operator logs).
   */
  refusal?: { p: number; threshold: number; features: Record<string, number> };
}

export type ChatRole = 'system' | 'user' | 'assistant';
export interface ChatTurn {
  role: ChatRole;
  content: string;
}
