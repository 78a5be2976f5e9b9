// The drafting pipeline: type → slots → rule notes → grounding (Retriever, requester's viewer) → body (template,
// or the LLM inside the template, then verified) → Draft with plain text. One entry for CLI, chat and evals.
import type { Viewer } from '../core/access';
import type { Clock } from '../core/chat';
import type { ChatModel, Retriever } from '../core/interfaces';
import type { Hit } from '../core/types';
import { fillBody, fillLine, formatDate, gap } from './compose';
import { basisSentence, citationsOf, groundingHits } from './ground';
import { llmBody } from './llm';
import { checkRequest } from './rules';
import { detectType, extractSlots, labelledSlots } from './slots';
import { honorificOf, letterOpening } from './letter-phrasing';
import { loadTemplate, type DraftTemplate } from './template';
import { draftToText } from './text';
import { DERIVED_SLOTS, type Draft, type DraftTypeId, type SlotName, type Slots } from './types';

export interface DrafterDeps {
  retriever?: Retriever;
  /** When set, the model writes the body inside the template (LLM mode); else template mode. */
  chatModel?: ChatModel;
  clock?: Clock;
  templateDir?: string;
  /** See GroundOptions.minConfidence. */
  minConfidence?: number;
}

/** What a follow-up revises: the earlier draft's type and slots. */
export interface DraftBase {
  type: DraftTypeId;
  slots: Slots;
  missing: SlotName[];
}

export interface DraftOptions {
  viewer?: Viewer;
  /** Revise this earlier draft with the slots the new message supplies. */
  base?: DraftBase;
  signal?: AbortSignal;
}

export interface Drafter {
  draft(request: string, options?: DraftOptions): Promise<Draft>;
}

/** Slots of a follow-up: labelled or recognised slots; a bare answer fills the one slot still missing. */
export function followUpSlots(message: string, base: DraftBase): Slots {
  const found = { ...extractSlots(message), ...labelledSlots(message) };
  delete found.事由;
  if (Object.keys(found).length === 0 && base.missing.length === 1) {
    found[base.missing[0]!] = message.replace(/^[是为:：\s]+|[。.\s]+$/g, '');
  }
  return found;
}

/** 「为{目的}，」: the subject itself when it starts with a verb (开展…), else 「做好X工作」. */
export function purposeOf(subject: string): string {
  if (/^(?:开展|加强|推进|组织|做好|落实|规范|进一步|切实|深入|全面|认真)/.test(subject)) return subject;
  return /工作$/.test(subject) ? `做好${subject}` : `做好${subject}工作`;
}

function closingFor(t: DraftTemplate, request: string): string {
  if (t.id === 'request' && /批准|审批|同意/.test(request)) return '特此请示，请予批准。';
  if (t.id === 'letter' && /函告|告知|知悉|通报/.test(request) && !/回复|答复|函复/.test(request)) return '特此函告。';
  return t.closing;
}

export function createDrafter(deps: DrafterDeps = {}): Drafter {
  const now = () => (deps.clock ? deps.clock.now() : new Date());
  return {
    async draft(request, options = {}) {
      const base = options.base;
      const type = base?.type ?? detectType(request);
      const t = loadTemplate(type, deps.templateDir);
      const slots: Slots = base
        ? { ...base.slots, ...followUpSlots(request, base) }
        : { ...extractSlots(request), ...labelledSlots(request) };
      const notes = base ? [] : checkRequest(request, t, slots);
      if (slots.事由) slots.目的 = purposeOf(slots.事由);
      slots.贵方 = honorificOf(slots.主送机关);
      slots.函首 = letterOpening(slots.事由, slots.贵方);
      // Only a template with a {依据} place (or the LLM body) can cite; 纪要 and the like are not grounded.
      const cites = deps.chatModel !== undefined || t.body.some((l) => l.includes('{依据}'));
      const hits: Hit[] =
        deps.retriever && cites
          ? await groundingHits(deps.retriever, slots.事由 ?? request, {
              viewer: options.viewer,
              minConfidence: deps.minConfidence,
            })
          : [];
      const basis = basisSentence(hits);
      const missing = new Set<SlotName>();
      const title = fillLine(t.title, slots, '');
      title.missing.forEach((m) => missing.add(m));
      for (const name of t.required) if (!slots[name]) missing.add(name);

      let body = fillBody(t, slots, basis);
      let mode: Draft['mode'] = 'template';
      const removed: string[] = [];
      let citations = citationsOf(hits);
      if (deps.chatModel) {
        const written = await llmBody(deps.chatModel, { request, template: t, slots, hits, signal: options.signal });
        if (written) {
          body = { body: written.body, missing: body.missing };
          removed.push(...written.removed);
          citations = written.citations;
          mode = 'llm';
        }
      }
      body.missing.forEach((m) => missing.add(m));

      const annexT = t.annex ? loadTemplate(t.annex, deps.templateDir) : undefined;
      const annexName = annexT ? fillLine(annexT.title.replace('{发文机关}', ''), slots, '').text : undefined;
      const annex = annexT && annexName ? { title: annexName, body: fillBody(annexT, slots, '').body } : undefined;
      const attachments = [
        ...(annexName ? [annexName] : []),
        ...(slots.附件
          ? slots.附件.split('、').map((a) => a.replace(/[。；，,.;]+$/, '').replace(/^《|》$/g, ''))
          : []),
      ];
      const hasAddressee = t.elements.includes('主送机关');
      const signs = t.elements.includes('发文机关署名');
      const date = slots.成文日期 ?? formatDate(now());
      const draft: Draft = {
        type,
        kind: t.kind,
        title: title.text,
        addressee: hasAddressee ? (slots.主送机关 ?? gap('主送机关')) : '',
        body: body.body,
        closing: closingFor(t, request),
        attachments,
        signature: signs ? (slots.发文机关 ?? gap('发文机关')) : type === 'plan' ? (slots.发文机关 ?? '') : '',
        date: signs || type === 'plan' ? date : '',
        annex,
        slots,
        text: '',
        missing: [...missing].filter((m) => !DERIVED_SLOTS.includes(m)),
        citations,
        notes,
        mode,
        removed,
      };
      draft.text = draftToText(draft);
      return draft;
    },
  };
}
