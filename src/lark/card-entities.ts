// Card ids of streamed answers, for updates after the stream ended.
/**
 * Streamed answers live in CardKit card entities, which are updated through CardKit (with a higher sequence)
 * rather than by the callback's raw card. Remembered per question message, most recent 1,000.
 */
export class CardEntities {
  private readonly map = new Map<string, { cardId: string; sequence: number }>();
  set(messageId: string, entity: { cardId: string; sequence: number }): void {
    this.map.delete(messageId);
    this.map.set(messageId, entity);
    if (this.map.size > 1000) this.map.delete(this.map.keys().next().value as string);
  }
  /** Take the next sequence number for an update of the card answering `messageId`. */
  next(messageId: string): { cardId: string; sequence: number } | undefined {
    const e = this.map.get(messageId);
    if (!e) return undefined;
    e.sequence += 1;
    return { ...e };
  }
}
