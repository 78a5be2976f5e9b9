// OpenAI-compatible /v1/embeddings embedder (EMBEDDING_BASE_URL / EMBEDDING_MODEL / EMBEDDING_API_KEY):
// batches, retries with backoff, and a dimension check on every response.
import OpenAI from 'openai';
import type { Embedder } from '../core/interfaces';
import { ZhiyinError } from '../core/errors';

export interface OpenAIEmbedderOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  batchSize?: number;
  maxRetries?: number;
  /** Known dimension (e.g. from the cache); otherwise learned from the first response. */
  dimension?: number;
}

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private dim: number;
  private readonly client: OpenAI;
  /** Number of texts sent to the endpoint (tests assert cache hits through it). */
  requestedTexts = 0;

  constructor(private readonly opts: OpenAIEmbedderOptions) {
    this.id = `openai:${opts.model}`;
    this.dim = opts.dimension ?? 0;
    this.client = new OpenAI({
      baseURL: opts.baseURL,
      apiKey: opts.apiKey ?? 'unused',
      maxRetries: opts.maxRetries ?? 3,
      timeout: 60_000,
    });
  }

  get dimension(): number {
    return this.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const size = this.opts.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      const batch = texts.slice(i, i + size);
      let res: Awaited<ReturnType<OpenAI['embeddings']['create']>>;
      try {
        res = await this.client.embeddings.create({ model: this.opts.model, input: batch, encoding_format: 'float' });
      } catch (cause) {
        throw new ZhiyinError('E_EMBEDDING_UNAVAILABLE', `Embeddings request failed: ${(cause as Error).message}`, {
          cause,
          retryable: true,
        });
      }
      this.requestedTexts += batch.length;
      const rows = [...res.data].sort((a, b) => a.index - b.index);
      if (rows.length !== batch.length) {
        throw new ZhiyinError('E_EMBEDDING_DIMENSION', `Expected ${batch.length} embeddings, got ${rows.length}`);
      }
      for (const r of rows) {
        const v = Float32Array.from(r.embedding as number[]);
        if (!this.dim) this.dim = v.length;
        if (v.length !== this.dim) {
          throw new ZhiyinError(
            'E_EMBEDDING_DIMENSION',
            `Embedding dimension ${v.length} does not match ${this.dim} (model changed? re-ingest with a fresh index)`,
          );
        }
        out.push(v);
      }
    }
    return out;
  }
}
