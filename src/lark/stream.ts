// Streaming an LLM answer into a card. CardKit first: a card entity in streaming mode, replied by card_id, its
// answer element updated with the full text so far (typewriter effect, strictly increasing sequence). When
// CardKit is unavailable (permission missing, API error) it falls back to patching a normal card, throttled
// under the 5-per-second-per-message patch limit. All platform calls run one after another on a chain.
import type { OperatorLogger } from '../chat/log';
import { describeError } from '../chat/log';
import type { CardJson, LarkApi, SendOptions } from './api';
import { ANSWER_ELEMENT_ID, noticeCard, streamingCard } from './cards';

export interface StreamOptions {
  /** Minimum gap between CardKit content updates. */
  cardkitIntervalMs: number;
  /** Minimum gap between patches in fallback mode (platform: 5 QPS per message). */
  patchIntervalMs: number;
}

export const DEFAULT_STREAM: StreamOptions = { cardkitIntervalMs: 150, patchIntervalMs: 500 };

type Mode = 'idle' | 'cardkit' | 'patch' | 'failed';

export class AnswerStream {
  private text = '';
  private mode: Mode = 'idle';
  private cardId = '';
  private replyId = '';
  private sequence = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private flushedText = '';

  constructor(
    private readonly api: LarkApi,
    private readonly replyTo: string,
    private readonly send: SendOptions,
    private readonly log: OperatorLogger,
    private readonly options: StreamOptions = DEFAULT_STREAM,
  ) {}

  /** True once a card was put in front of the user (the final answer must then update it, not reply anew). */
  /** The CardKit card the answer lives in, once streaming finished in CardKit mode (later updates need it). */
  get entity(): { cardId: string; sequence: number } | undefined {
    return this.mode === 'cardkit' && this.cardId ? { cardId: this.cardId, sequence: this.sequence } : undefined;
  }

  get started(): boolean {
    return this.mode === 'cardkit' || this.mode === 'patch';
  }

  readonly onToken = (delta: string): void => {
    if (!delta) return;
    this.text += delta;
    if (this.mode === 'idle') {
      this.mode = 'cardkit';
      this.enqueue(() => this.open());
    }
    this.schedule();
  };

  private enqueue(op: () => Promise<void>): void {
    this.chain = this.chain.then(op).catch((e: unknown) => {
      this.log.warn('lark.stream.error', { replyTo: this.replyTo, mode: this.mode, error: describeError(e) });
    });
  }

  private async open(): Promise<void> {
    try {
      // The card starts with the text so far: the user sees words after two calls, not three.
      const initial = this.text;
      this.cardId = await this.api.createCardEntity(streamingCard(initial));
      this.replyId = await this.api.replyCardEntity(this.replyTo, this.cardId, this.send);
      this.flushedText = initial;
      return;
    } catch (e) {
      this.log.warn('lark.stream.cardkit_unavailable', { replyTo: this.replyTo, error: describeError(e) });
    }
    if (this.replyId) return;
    this.mode = 'patch';
    try {
      this.replyId = await this.api.replyCard(this.replyTo, noticeCard(this.text || '正在生成回答……'), this.send);
      this.flushedText = this.text;
    } catch (e) {
      this.mode = 'failed';
      throw e;
    }
  }

  private interval(): number {
    return this.mode === 'patch' ? this.options.patchIntervalMs : this.options.cardkitIntervalMs;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.interval() - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.flush());
    }, wait);
  }

  private async flush(): Promise<void> {
    if (this.text === this.flushedText || !this.started) return;
    const text = this.text;
    this.lastFlush = Date.now();
    if (this.mode === 'cardkit') {
      await this.api.streamElement(this.cardId, ANSWER_ELEMENT_ID, text, ++this.sequence);
    } else {
      await this.api.patchCard(this.replyId, noticeCard(text));
    }
    this.flushedText = text;
  }

  /**
   * Replace the streamed card by the final one. Returns false when nothing was streamed (or the stream could not
   * put a card in front of the user) so the caller sends the final card as a normal reply.
   */
  async finish(finalCard: CardJson): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.mode === 'idle') return false;
    await this.chain;
    if (!this.started || !this.replyId) return false;
    if (this.mode === 'cardkit') {
      await this.api.cardSettings(this.cardId, { config: { streaming_mode: false } }, ++this.sequence);
      await this.api.updateCardEntity(this.cardId, finalCard, ++this.sequence);
    } else {
      await this.api.patchCard(this.replyId, finalCard);
    }
    return true;
  }
}
