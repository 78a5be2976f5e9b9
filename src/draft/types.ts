// Shapes of the drafting module: document types, the slots read from a request, and the finished draft.
import type { Citation } from '../core/types';

/** Template ids; one file prompts/drafts/<id>.md each. */
export type DraftTypeId =
  'notice' | 'bulletin' | 'request' | 'report' | 'letter' | 'reply-letter' | 'minutes' | 'plan' | 'plan-notice';

/** Slot names as written in the templates ({事由}, {主送机关}, …). */
export type SlotName =
  | '事由'
  | '主送机关'
  | '发文机关'
  | '时间'
  | '地点'
  | '金额'
  | '联系人'
  | '电话'
  | '附件'
  | '抄送'
  | '来函'
  | '会议名称'
  | '主持人'
  | '出席'
  | '请假'
  | '列席'
  | '成文日期'
  | '发文字号'
  | '签发人'
  | '密级'
  | '紧急程度'
  | '份号'
  | '印发机关'
  /** Derived from 事由 (「为{目的}，」), never read from the request. */
  | '目的'
  /** Derived (letter-phrasing.ts): how a 函 names its addressee, 「贵局」「贵委」; 「贵单位」 when unsure. */
  | '贵方'
  /** Derived (letter-phrasing.ts): the opening sentence of a 函, built from 事由 and 贵方 only. */
  | '函首';

/** Slots the drafter derives from other slots; never asked of the user, never listed as missing. */
export const DERIVED_SLOTS: readonly SlotName[] = ['目的', '贵方', '函首'];

export type Slots = Partial<Record<SlotName, string>>;

/** One paragraph of the draft body, in reading order; `level` 1 = 一、, 2 = （一）, 0 = plain paragraph. */
export interface DraftParagraph {
  text: string;
  level: 0 | 1 | 2 | 3 | 4;
}

/** A departure of the request from a type's rules, with the fix proposed (shown to the user). */
export interface RuleNote {
  rule: string;
  message: string;
}

export interface Draft {
  type: DraftTypeId;
  /** The 文种 as it appears in the title (通知, 请示, 复函, 纪要, 工作方案, …). */
  kind: string;
  title: string;
  /** 主送机关 line without the colon; '' for types without one (纪要, standalone 方案). */
  addressee: string;
  body: DraftParagraph[];
  /** Closing phrase paragraph (特此通知。…), '' when the type has none. */
  closing: string;
  /** 附件说明 items (names, no punctuation). */
  attachments: string[];
  /** 发文机关署名 and 成文日期 (「2026年6月1日」). */
  signature: string;
  date: string;
  /** Attached document (the 方案 of a 印发 notice): title and body. */
  annex?: { title: string; body: DraftParagraph[] };
  /** 版头/版记 slots when given: 份号, 密级, 紧急程度, 发文字号, 签发人, 抄送, 印发机关. */
  slots: Slots;
  /** Whole draft as plain text in reading order. */
  text: string;
  /** Required slots the request lacked, shown as 【待补充：X】 in the text. */
  missing: SlotName[];
  citations: Citation[];
  notes: RuleNote[];
  mode: 'template' | 'llm';
  /** Sentences the LLM wrote that were removed (unverifiable citation or a fact absent from request and sources). */
  removed: string[];
}
