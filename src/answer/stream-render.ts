// Streams LLM tokens to the user with [n] markers already shown as 《标题》第N条, holding back only the few
// characters of a marker that is not complete yet. The final, verified answer replaces the streamed text.
import { citeLabel } from './render';
import type { Passage } from './verify';

const OPEN = /[[［【]/;
const MARKER = /^[[［【](\d{1,3})[\]］】]/;
/** Longest marker we wait for: "[123]". */
const MAX_MARKER = 5;

export function markerRenderer(passages: Passage[], emit: (delta: string) => void) {
  const labels = new Map(passages.map((p) => [p.n, `（${citeLabel(p.parts[0]!)}）`]));
  let pending = '';
  const flush = (final: boolean) => {
    let out = '';
    while (pending) {
      const i = pending.search(OPEN);
      if (i < 0) {
        out += pending;
        pending = '';
        break;
      }
      out += pending.slice(0, i);
      pending = pending.slice(i);
      const m = MARKER.exec(pending);
      if (m) {
        out += labels.get(Number(m[1])) ?? '';
        pending = pending.slice(m[0].length);
      } else if (!final && pending.length < MAX_MARKER && /^.\d*$/.test(pending)) {
        break; // maybe the start of a marker: wait for more text
      } else {
        out += pending[0];
        pending = pending.slice(1);
      }
    }
    if (out) emit(out);
  };
  return {
    push(delta: string) {
      pending += delta;
      flush(false);
    },
    end() {
      flush(true);
    },
  };
}
