// The Answerer: retrieval → candidate articles → refusal check → extractive answer (default) or verified LLM
// answer. Dependencies are injected so tests can pass a fake retriever, chat model and clock.
import type { AnswerOptions, Answerer, ChatModel, RetrievalContext } from '../core/interfaces';
import type { Clock } from '../core/chat';
import type { Answer, Hit, NearbyDocument } from '../core/types';
import { ZhiyinError } from '../core/errors';
import { answerKind, buildCandidates, confidence, type Candidate } from './candidates';
import type { AnswerSource } from './engine';
import { composeExtractive } from './extractive';
import { condenseQuestion, isFollowUp, retrievalQuery, termsWithContext } from './followup';
import { answerWithLlm } from './llm-answer';
import { loadPrompts, type Prompts } from './prompts';
import { renderRefusal, PHRASES } from './render';
import { queryTerms } from './terms';
import { subQuestions } from './sentences';
import { agreeingOrder } from './value-agreement';
import { refusalFeatures } from './refusal-features';
import { answerProbability, shippedRefusalModel, type RefusalModel } from './refusal-model';
import { ambiguousReference, renderClarification } from './clarify';
import { explainNearby } from './nearby';
import { isTopicShift } from './topic-shift';

/**
 * The former refusal threshold on coverage (calibrated on gov-works dev, docs/answer.md). Refusals are now decided
 * by the calibrated model (refusal-model.ts); this value only applies when `minCoverage` is passed (old rule mode).
 */
export const DEFAULT_MIN_COVERAGE = 0.6;
/** Hits requested from retrieval. */
export const RETRIEVAL_K = 20;
/** Documents listed with a refusal. */
export const NEARBY_COUNT = 3;

export interface AnswererDeps {
  retriever: AnswerSource;
  chatModel?: ChatModel;
  prompts?: Prompts;
  clock?: Clock;
  /**
   * Override of the refusal model's threshold expressed as the old coverage threshold (tests): when set, the
   * decision is `coverage ≥ minCoverage` plus the former vetoes instead of the calibrated model.
   */
  minCoverage?: number;
  /** The calibrated refusal model (default: src/answer/refusal-model.json). */
  refusalModel?: RefusalModel;
  /**
   * Never refuse on the model's score (eval --cv: every question is answered and carries its `refusal`
   * features, the eval decides per fold). Hard refusals (nothing retrieved, a named article that does not exist)
   * still apply.
   */
  neverRefuse?: boolean;
  /** Receives timing of each answer (operator log / bench). */
  onTiming?: (t: { question: string; ms: number; refused: boolean; mode: Answer['mode'] }) => void;
}

function nearbyOf(candidates: Candidate[], hits: Hit[]): NearbyDocument[] {
  const out: NearbyDocument[] = [];
  const files = new Set<string>();
  const ordered = candidates.length > 0 ? candidates.map((c) => c.parts[0]!) : hits.map((h) => h.chunk);
  for (const c of ordered) {
    if (files.has(c.file)) continue;
    files.add(c.file);
    out.push({ title: c.title, file: c.file, article: c.article });
    if (out.length >= NEARBY_COUNT) break;
  }
  return out;
}

const ARTICLE_REF = /第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?/;

/**
 * The question names a document and one of its articles ("招标投标法第一千条"), but retrieval resolved no such
 * article: the document has none. Listing unrelated articles of it would look like an answer.
 */
function unresolvedReference(
  question: string,
  hits: Hit[],
  candidates: Candidate[],
): { title: string; article: string } | undefined {
  const article = ARTICLE_REF.exec(question)?.[0];
  if (!article || candidates.some((c) => c.referenced) || hits.some((h) => h.via?.includes('ref'))) return undefined;
  const named = hits.find((h) => h.via?.includes('named'));
  return named ? { title: named.chunk.title, article } : undefined;
}

/**
 * Retrieves for a question with the conversation's context when it is a follow-up, and without it otherwise.
 * A question that merely looks like a follow-up (short: "年假几天") is also searched alone; when it stands on its
 * own (see isTopicShift) the standalone hits are used and the context is dropped for the whole answer.
 * Returns the context actually used (undefined = fresh question) and its hits, best first.
 */
async function searchWithContext(
  retriever: AnswererDeps['retriever'],
  asked: string,
  options: AnswerOptions,
): Promise<{ context: RetrievalContext | undefined; hits: Hit[] }> {
  const base = { k: RETRIEVAL_K, viewer: options.viewer };
  if (!isFollowUp(asked, options.context)) {
    return { context: undefined, hits: await retriever.search(asked, { ...base, onFiltered: options.onFiltered }) };
  }
  const context = options.context;
  // The access filter's count is reported for the search whose hits are kept, once.
  let filteredAlone: number | undefined;
  let filteredWith: number | undefined;
  const alone = await retriever.search(asked, { ...base, onFiltered: (n) => (filteredAlone = n) });
  const withContext = await retriever.search(retrievalQuery(asked, context), {
    ...base,
    context,
    onFiltered: (n) => (filteredWith = n),
  });
  const shift = isTopicShift(asked, alone, withContext);
  const filtered = shift ? filteredAlone : filteredWith;
  if (filtered !== undefined) options.onFiltered?.(filtered);
  return shift ? { context: undefined, hits: alone } : { context, hits: withContext };
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const clock = deps.clock ?? { now: () => new Date() };
  const refusalModel = deps.refusalModel ?? shippedRefusalModel();
  let prompts = deps.prompts;

  async function run(question: string, options: AnswerOptions): Promise<Answer> {
    let asked = question;
    if (deps.chatModel && options.history && options.history.length > 0) {
      prompts ??= loadPrompts();
      asked = await condenseQuestion(deps.chatModel, prompts.condense, options.history, question, options.signal);
    }
    // A question standing on its own is searched without the conversation's bias towards the previous law.
    const { context, hits } = await searchWithContext(deps.retriever, asked, options);
    const terms = termsWithContext(asked, context);
    const followUp = isFollowUp(asked, context)
      ? { files: context?.previousFiles ?? [], ownTerms: queryTerms(asked) }
      : undefined;
    const query = retrievalQuery(asked, context);
    const candidates = buildCandidates(deps.retriever, hits, terms, answerKind(asked), asked, followUp, query);
    const refuse = (headline?: string): Answer => {
      const nearby = explainNearby(nearbyOf(candidates, hits), hits, terms);
      const answer = renderRefusal(nearby, headline);
      return { answer, citations: [], refused: true, mode: 'extractive', nearby, hits };
    };
    const which = ambiguousReference(hits);
    if (which)
      return {
        answer: renderClarification(which),
        citations: [],
        refused: true,
        mode: 'extractive',
        nearby: which,
        hits,
      };
    const missingArticle = unresolvedReference(asked, hits, candidates);
    if (missingArticle) return refuse(PHRASES.articleNotFound(missingArticle.title, missingArticle.article));
    const main = candidates[0];
    if (!main) return refuse();
    const cov = confidence(candidates, asked, followUp?.ownTerms);
    // Former veto 1 (now a feature): no article found holds a term of the trade the question names
    // ("履约保证金" where only 质量保证金 is regulated).
    const missingVeto = !main.referenced && main.missing.some((t) => candidates.every((c) => c.missing.includes(t)));
    // Former veto 2 (now a feature): a question asking for a value (几楼, 几点, 多久, 多少钱) needs a sentence
    // stating such a value about its subject; agreeingOrder also moves that sentence's article first.
    const agreeing =
      followUp || main.referenced || subQuestions(asked).length > 1
        ? candidates
        : agreeingOrder(candidates, asked, terms);
    const features = refusalFeatures({
      question: query,
      terms,
      hits,
      candidates,
      coverage: cov,
      missingVeto,
      valueMiss: !agreeing,
      followUp: Boolean(followUp),
    });
    const p = answerProbability(refusalModel, features);
    const refusal = { p, threshold: refusalModel.threshold, features };
    const refusedByModel =
      deps.minCoverage !== undefined ? cov < deps.minCoverage || missingVeto || !agreeing : p < refusalModel.threshold;
    if (refusedByModel && !deps.neverRefuse) return { ...refuse(), refusal };
    const checked = agreeing ?? candidates;
    if (!deps.chatModel) return { ...composeExtractive(checked, hits, asked), refusal };
    prompts ??= loadPrompts();
    return { ...(await answerWithLlm(deps.chatModel, prompts, asked, checked, hits, options, refuse)), refusal };
  }

  return {
    async answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
      const q = question.trim();
      if (!q) {
        throw new ZhiyinError('E_EMPTY_QUESTION', 'Empty question', { userMessage: PHRASES.emptyQuestion });
      }
      const start = clock.now().getTime();
      const result = await run(q, options);
      deps.onTiming?.({ question: q, ms: clock.now().getTime() - start, refused: result.refused, mode: result.mode });
      return result;
    },
  };
}
