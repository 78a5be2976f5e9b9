// Citations carry their document's provenance (issue 16, point 4): an answer quoting a user upload says so,
// next to one quoting the shipped corpus. A wrapper around any Answerer, so the answer module stays unaware.
import type { Answerer } from '../core/interfaces';
import { provenanceLabel, type ProvenanceLedger } from './provenance';

/** `answerer` with `citation.provenance` set from the ledger (shipped corpus when the ledger has no entry). */
export function withProvenance(answerer: Answerer, ledger: Pick<ProvenanceLedger, 'get'>): Answerer {
  return {
    async answer(question, options) {
      const a = await answerer.answer(question, options);
      return { ...a, citations: a.citations.map((c) => ({ ...c, provenance: provenanceLabel(ledger.get(c.file)) })) };
    },
  };
}
