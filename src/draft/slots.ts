// Reads the document type and the slots (事由, 主送机关, dates, places, amounts, 联系人/电话, 附件, 抄送, …) out of a
// drafting request written in plain Chinese. Only what the request says is taken; nothing is guessed.
import type { DraftTypeId, SlotName, Slots } from './types';

/** The type a request asks for. Order matters: 复函 before 函, 印发…方案 before 方案, 纪要 before 通知. */
export function detectType(request: string): DraftTypeId {
  // 「关于……的X」 names the 文种 directly; other words (「自查报告模板」 as an attachment) do not.
  const named = /关于.+?的(复函|函|通知|通报|请示|报告|(?:会议)?纪要)/.exec(request.replace(/《[^》]*》/g, ''))?.[1];
  const r = named && !/方案/.test(request) ? named : request;
  if (/复函|回函|函复/.test(r)) return 'reply-letter';
  if (/纪要/.test(r)) return 'minutes';
  if (/方案/.test(r)) return /印发|通知/.test(r) ? 'plan-notice' : 'plan';
  if (/请示/.test(r)) return 'request';
  if (/报告/.test(r)) return 'report';
  if (/通报/.test(r)) return 'bulletin';
  if (/函/.test(r)) return 'letter';
  return 'notice';
}

const END = '(?=[，,。；;！!\\n]|$)';
const KIND = '(?:会议纪要|纪要|工作方案|实施方案|方案|通知|通报|请示|报告|复函|函)';

function first(text: string, patterns: RegExp[]): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    const v = m?.[1]?.trim();
    if (v) return v;
  }
  return undefined;
}

/** 事由: 「关于X的通知」 → X; else the words between 起草/写一份 and the 文种. */
function subject(r: string): string | undefined {
  const s = first(r, [
    new RegExp(`关于(.+?)的${KIND}`),
    new RegExp(`(?:起草|写|拟|草拟|撰写)(?:一?[份个篇则])?(.+?)的?${KIND}`),
  ]);
  if (!s) return undefined;
  // 「印发《X工作方案》」 and 「X工作方案」: the subject is X.
  return s
    .replace(/^(?:印发)?《?/, '')
    .replace(/(?:工作|实施)?方案》?$/, '')
    .replace(/^一?[份个篇则]$/, '')
    .trim();
}

const ORG = '(?:局|委|委员会|厅|办|办公室|政府|单位|公司|部|部门|处|科|中心|院|所|队|站|集团)';
/**
 * A body's name as requests write it: 2–24 characters of Chinese (digits allowed, 各 and 、 for lists) ending in
 * one of ORG. The name is the request's own words; nothing outside it is added.
 */
const NAME = `(?![由给向以请])[\\u4e00-\\u9fa5\\d、]{1,24}?${ORG}`;
/** What follows 「给/向 X」 when X is the addressee: a verb of sending (发个函, 下发通知, 请示, 报告 …). */
const TO_VERB = '(?:发|下发|印发|写|去|行文|致|请示|报告|呈报|报送|上报|提出|申请|商请|函|送)';
const DATE = '(?:\\d{4}年)?\\d{1,2}月\\d{1,2}日';
const TIME_RE = new RegExp(
  `(${DATE}(?:[（(]星期.[)）])?(?:(?:上午|下午|晚上)?\\d{1,2}[:：时]\\d{0,2}分?)?(?:\\s*(?:至|到|—|－|-|~|～)\\s*(?:${DATE}|\\d{1,2}日|(?:上午|下午)?\\d{1,2}[:：时]\\d{0,2}分?))?)`,
);
const PHONE_RE = /((?:\d{3,4}-)?\d{7,8}|1[3-9]\d{9})/;
const AMOUNT_RE = /(\d+(?:\.\d+)?\s*(?:亿元|万元|元))/;

/**
 * 事由 of a request that names no 「关于……的」: 「商请/询问 [X]Y」 → 「商请Y」 (the verb stays: it is what the 函 asks,
 * 「关于商请拨付……的函」); 「告知/函告 [X]Y」 → 「Y」. X, a body name, is the addressee, not part of the matter.
 */
function requestedMatter(r: string): string | undefined {
  const m = new RegExp(
    `(告知|函告|商请|询问|请求|恳请)(?:(?=[市省区县各])${NAME}(?=[\\u4e00-\\u9fa5]))?(.+?)${END}`,
  ).exec(r);
  const verb = m?.[1];
  const rest = m?.[2]?.trim();
  if (!verb || !rest) return undefined;
  return /^(?:商请|询问)$/.test(verb) ? verb + rest : rest;
}

/** Lists joined with 、. 「和」 is left alone: it is part of names such as 住房和建设局. */
function list(v: string | undefined): string | undefined {
  return v?.replace(/以及|及/g, '、').replace(/、+/g, '、');
}

/**
 * Slots found in the request. Shapes: every value is the request's own words (dates as written, lists joined
 * with 、). `now` fills nothing: 成文日期 is set by the drafter from the clock, never read as a fact here.
 */
export function extractSlots(request: string): Slots {
  const r = request.replace(/\s+/g, ' ');
  const slots: Slots = {};
  const set = (k: SlotName, v: string | undefined) => {
    if (v && v.length > 0) slots[k] = v;
  };
  set('事由', subject(r) || requestedMatter(r));
  set(
    '主送机关',
    list(
      first(r, [
        new RegExp(`主送(?:机关)?[:：为是]?(.+?)${END}`),
        new RegExp(`(?:告知|函告|商请|询问)([\\u4e00-\\u9fa5]{1,12}?${ORG})`),
        // 「给市财政局发个函」「向市政府请示」: the body between 给/向 and a verb of sending.
        // Not the 给/向 of words such as 交给、供给、面向、方向、导向、志向.
        new RegExp(`(?<![交供带送递留分补配面方走导志意取转指趋去])(?:给|向)(${NAME})${TO_VERB}`),
        new RegExp(
          `(?:发给|下发给|(?:发文|发函|行文)给|发至|下发至|印发给|报送给?|报给?|上报|呈报|致|函告|回复|复函给?|函复)([^，,。；;《]+?${ORG})(?=[，,。；;！!\\n《]|$)`,
        ),
      ]),
    ),
  );
  set(
    '发文机关',
    first(r, [
      new RegExp(`发文机关[:：为是]?(.+?)${END}`),
      new RegExp(`以(.+?)(?:的)?名义`),
      // 「由市建设局发文」「市建设局发文」, but not 「给/向X发文」 (X is then the addressee).
      new RegExp(`(?:^|[，,。；;\\s]|由)(?<![给向])(${NAME})(?:发文|行文|印发|落款|署名)`),
      new RegExp(`(?:落款|署名)[:：为是]?(.+?)${END}`),
    ]),
  );
  set('时间', first(r, [new RegExp(`(?:时间|日期)[:：为是](.+?)${END}`), TIME_RE]));
  set(
    '地点',
    first(r, [
      new RegExp(`地点[:：为是在]?(.+?)${END}`),
      /在(.+?(?:会议室|大厅|礼堂|中心|广场|工地|现场|酒店|宾馆|楼))(?:召开|举行|举办|开展)/,
    ]),
  );
  set('金额', first(r, [AMOUNT_RE]));
  set('联系人', first(r, [/联系人[:：为是]?\s*([\u4e00-\u9fa5]{2,4}?)(?=[，,。；;、\s(（]|电话|联系|$)/]));
  set('电话', first(r, [new RegExp(`(?:电话|手机|联系方式)[:：为是]?\\s*${PHONE_RE.source}`), PHONE_RE]));
  set('附件', list(first(r, [new RegExp(`附件[:：为是有]?(.+?)${END}`)])));
  set('抄送', list(first(r, [new RegExp(`抄送(?:机关)?[:：给]?(.+?)${END}`)])));
  set('来函', first(r, [/(《[^》]+函》(?:（[^）]+）)?)/]));
  set(
    '会议名称',
    first(r, [
      /([\u4e00-\u9fa5\d]*?(?:办公会议|专题会议|工作会议|会议|办公会|座谈会|推进会|调度会))的?(?:会议)?纪要/,
    ])?.replace(/^(?:请)?(?:帮我|帮忙|给我)?(?:起草|写|拟|草拟|整理|撰写)(?:一[份个篇])?(?:关于)?/, ''),
  );
  set('主持人', first(r, [new RegExp(`(?:主持人|主持)[:：为是]?([\\u4e00-\\u9fa5]{2,12}?)${END}`), /由(.+?)主持/]));
  set('出席', list(first(r, [new RegExp(`出席(?:人员|人)?[:：为是有]?(.+?)${END}`)])));
  set('请假', list(first(r, [new RegExp(`请假(?:人员)?[:：为是有]?(.+?)${END}`)])));
  set('列席', list(first(r, [new RegExp(`列席(?:人员)?[:：为是有]?(.+?)${END}`)])));
  set('成文日期', first(r, [new RegExp(`(?:成文日期|落款日期)[:：为是]?(\\d{4}年\\d{1,2}月\\d{1,2}日)`)]));
  set('发文字号', first(r, [/(?:发文字号|文号)[:：为是]?\s*([\u4e00-\u9fa5]+[〔[（(]\d{4}[〕\]）)]\d+号)/]));
  set('签发人', first(r, [/签发人[:：为是]?\s*([\u4e00-\u9fa5]{2,4})/]));
  set('密级', first(r, [/(绝密|机密|秘密)(?:★|级)?/]));
  set('紧急程度', first(r, [/(特急|加急)/]));
  set('份号', first(r, [/份号[:：为是]?\s*(\d{1,6})/]));
  set('印发机关', first(r, [new RegExp(`印发机关[:：为是]?(.+?)${END}`)]));
  return slots;
}

const LABELS: SlotName[] = [
  '主送机关',
  '发文机关',
  '时间',
  '地点',
  '金额',
  '联系人',
  '电话',
  '附件',
  '抄送',
  '来函',
  '会议名称',
  '主持人',
  '出席',
  '请假',
  '列席',
  '成文日期',
  '发文字号',
  '签发人',
  '印发机关',
];

/** 「主送机关：X」「联系人是X」 for every slot name: the form a follow-up message usually takes. */
export function labelledSlots(text: string): Slots {
  const slots: Slots = {};
  for (const name of LABELS) {
    const m = new RegExp(`${name}(?:为|是|：|:)\\s*([^，,。；;\\n]+)`).exec(text);
    if (m?.[1]) slots[name] = m[1].trim();
  }
  return slots;
}
