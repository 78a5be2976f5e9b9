// The drafting eval as a gate: template-mode drafts of evals/drafts.jsonl (no index here: grounding is measured in
// `npm run bench`) and the checker on evals/drafts-faulty.jsonl.
import { describe, expect, it } from 'vitest';
import { createDrafter, type Drafter } from '../../src/draft/drafter';
import { loadDraftCases, loadFaultyCases, runCheckerEval, runDraftCases, summarizeDrafts } from '../../src/draft/eval';
import { fixedClock } from './fakes';

const cases = loadDraftCases('evals/drafts.jsonl');

describe('drafting eval', () => {
  it('covers every type, missing slots and rule-breaking requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const types = new Set(cases.map((c) => c.type));
    for (const t of [
      'notice',
      'bulletin',
      'request',
      'report',
      'letter',
      'reply-letter',
      'minutes',
      'plan',
      'plan-notice',
    ])
      expect(types.has(t), t).toBe(true);
    expect(cases.filter((c) => c.missing.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.notes.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.needsCitation).length).toBeGreaterThanOrEqual(10);
  });

  it('template drafts: every element, right 【待补充】, no invented fact, right closing, clean checker', async () => {
    const rows = await runDraftCases(createDrafter({ clock: fixedClock }), cases);
    const s = summarizeDrafts(cases, rows);
    expect(rows.filter((r) => !r.typeOk || !r.missingOk || !r.notesOk || r.missingElements.length > 0)).toEqual([]);
    expect(s.complete).toBeGreaterThanOrEqual(0.9);
    expect(s.inventedFactRate).toBe(0);
    expect(s.closingAccuracy).toBe(1);
    expect(s.titleFormAccuracy).toBe(1);
    expect(s.checkerFindings).toBe(0);
  });

  it('the invented-fact score catches a drafter that makes facts up', async () => {
    const honest = createDrafter({ clock: fixedClock });
    const liar: Drafter = {
      async draft(request, options) {
        const d = await honest.draft(request, options);
        return { ...d, text: `${d.text}\n本次共抽查35个工地，由市安全生产委员会牵头。` };
      },
    };
    const s = summarizeDrafts(cases.slice(0, 3), await runDraftCases(liar, cases.slice(0, 3)));
    expect(s.inventedFactRate).toBe(1);
  });

  it('checker: ≥ 90% of seeded errors found, ≤ 1 false finding per clean document', () => {
    const c = runCheckerEval(loadFaultyCases('evals/drafts-faulty.jsonl'));
    expect(c.seeded).toBeGreaterThanOrEqual(30);
    expect(c.cleanDocuments).toBeGreaterThanOrEqual(10);
    expect(c.recall).toBeGreaterThanOrEqual(0.9);
    expect(c.falseFindingsPerClean).toBeLessThanOrEqual(1);
  });
});
