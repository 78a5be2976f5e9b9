// Checks a drafting request against the rules of its type before drafting, and proposes the fix. Rules and their
// sources: 《党政机关公文处理工作条例》(2012) 第八条 (文种), 第十五条（一）(one 主送 for 上行文), 第十五条（四）
// (请示一文一事; no 请示事项 in a 报告); 工作方案 is not among the fifteen 文种 of 第八条.
import type { DraftTemplate } from './template';
import type { RuleNote, Slots } from './types';

const ACTION =
  /购置|采购|增加|调整|拨付|追加|设立|成立|申请|批准|审批|建设|维修|改造|招聘|举办|变更|延长|解决|核拨|划拨|租用|新建|扩建|报废|补助/;

/** 事由 split into its matters: 「购置执法车辆和增加人员编制」 → two parts that each carry an action verb. */
export function mattersOf(subject: string): string[] {
  const parts = subject
    .split(/以及|和|及|并且?|同时|另外|、|；|;|，/)
    .map((s) => s.trim())
    .filter(Boolean);
  const acting = parts.filter((p) => ACTION.test(p));
  return acting.length >= 2 ? acting : [subject];
}

/** Phrases that make a text a request for approval (请示事项). */
export const REQUEST_PHRASES =
  /请予?批准|请批示|请审批|请予审批|恳请|请求(?:上级|市|省)?(?:批准|支持|解决|拨付)|申请(?:拨付|追加|批准)/;

/** Notes on the request (shown with the draft); may narrow `slots.事由` to the first matter (一文一事). */
export function checkRequest(request: string, template: DraftTemplate, slots: Slots): RuleNote[] {
  const notes: RuleNote[] = [];
  if (template.oneMatter && slots.事由) {
    const matters = mattersOf(slots.事由);
    if (matters.length >= 2) {
      notes.push({
        rule: 'one-matter',
        message: `请示应当一文一事（《党政机关公文处理工作条例》第十五条（四）），本请求含${matters.length}项事项：${matters.join('；')}。一文一事，建议分别请示：本稿按第一项「${matters[0]}」起草，其余事项请另行请示。`,
      });
      slots.事由 = matters[0];
    }
  }
  if (template.noRequests && REQUEST_PHRASES.test(request)) {
    notes.push({
      rule: 'doc-type-misuse',
      message:
        '报告中不得夹带请示事项（《党政机关公文处理工作条例》第十五条（四））：需要上级批准的事项，建议改用请示另行行文，本报告只汇报情况。',
    });
  }
  if (template.singleAddressee && slots.主送机关 && /、/.test(slots.主送机关)) {
    const [firstOne] = slots.主送机关.split('、');
    notes.push({
      rule: 'addressee-doubled',
      message: `${template.kind}原则上主送一个上级机关（《党政机关公文处理工作条例》第十五条（一）），本稿主送「${firstOne}」，其余机关可列为抄送。`,
    });
    slots.抄送 = [slots.抄送, ...slots.主送机关.split('、').slice(1)].filter(Boolean).join('、');
    slots.主送机关 = firstOne;
  }
  if (template.id === 'plan') {
    notes.push({
      rule: 'doc-type-misuse',
      message:
        '工作方案不是《党政机关公文处理工作条例》第八条所列文种，通常以「关于印发《……工作方案》的通知」印发；本稿按要求单独成文。',
    });
  }
  if (
    template.id === 'request' &&
    /^市?(?:财政局|自然资源局|发展和改革委员会|人力资源和社会保障局)$/.test(slots.主送机关 ?? '')
  ) {
    notes.push({
      rule: 'doc-type-misuse',
      message:
        '向不相隶属的平级部门请求批准事项应当用函，不用请示（《党政机关公文处理工作条例》第八条（十四））；如对方是本机关的上级机关，可保留请示。',
    });
  }
  return notes;
}
