// 公文体检: finds departures from the rules of 《党政机关公文处理工作条例》 and GB/T 9704-2012 in a draft's plain
// text, each with a stable rule id, the 1-based line and a Chinese message saying what to change.
import { impossibleDates, looksLikeSignature } from './check-extra';
import { REQUEST_PHRASES, mattersOf } from './rules';

export interface Finding {
  /** Stable id: title-form, doc-type-misuse, one-matter, addressee-missing, addressee-doubled, date-format,
   *  attachment-punctuation, closing-phrase, heading-order, halfwidth-punctuation, date-invalid, signature-order. */
  rule: string;
  /** 1-based line of the text checked. */
  line: number;
  message: string;
}

/** Every rule id the checker can report, in the order of docs/draft.md. */
export const CHECK_RULES = [
  'title-form',
  'doc-type-misuse',
  'one-matter',
  'addressee-missing',
  'addressee-doubled',
  'date-format',
  'attachment-punctuation',
  'closing-phrase',
  'heading-order',
  'halfwidth-punctuation',
  'date-invalid',
  'signature-order',
] as const;

interface Line {
  n: number;
  text: string;
}

const KIND_END = /(复函|函|通知|通报|请示|报告|纪要|方案|意见|决定|批复|通告|公告|规定|办法)$/;
const HEADER_LINE = /^(?:\d{1,6}|绝密|机密|秘密|[^，。]*[★]|特急|加急|.+文件|.+[〔[（(]\d{4}[〕\]）)]\d+号.*)$/;
const DATE_ANY =
  /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}月\d{1,2}日)$/;
const DATE_GOOD = /^\d{4}年[1-9]\d?月[1-9]\d?日$/;
const CLOSINGS: Record<string, RegExp> = {
  请示: /(?:妥否|当否|是否可行)，请批示。$|特此请示，请予批准。$|以上请示，请予审批。$|请予批准。$|请批示。$/,
  函: /特此函告。$|请予函复。$|特此函商。$|特此函询。$|请函复。$|盼复。$/,
  复函: /特此函复。$|此复。$/,
};
/** 「特此X。」 names a 文种; X must be the document's own. */
const TEHCI = /特此(通知|通报|报告|请示|函告|函复|函商|函询|批复)/;
const TEHCI_KIND: Record<string, string[]> = {
  通知: ['通知'],
  通报: ['通报'],
  报告: ['报告'],
  请示: ['请示'],
  函告: ['函'],
  函商: ['函'],
  函询: ['函'],
  函复: ['复函'],
  批复: ['批复'],
};

function headingLevel(t: string): { level: number; n: number; bad?: string } | undefined {
  let m = /^([一二三四五六七八九十]+)、/.exec(t);
  if (m) return { level: 1, n: cn(m[1]!) };
  m = /^（([一二三四五六七八九十]+)）/.exec(t);
  if (m) return { level: 2, n: cn(m[1]!) };
  m = /^\(([一二三四五六七八九十]+)\)/.exec(t);
  if (m) return { level: 2, n: cn(m[1]!), bad: `「(${m[1]})」应使用全角括号「（${m[1]}）」` };
  m = /^(\d{1,2})[.．](?!\d)/.exec(t);
  if (m) return { level: 3, n: Number(m[1]) };
  m = /^(\d{1,2})、/.exec(t);
  if (m) return { level: 3, n: Number(m[1]), bad: `第三层序数应写作「${m[1]}.」，不用「${m[1]}、」` };
  m = /^（(\d{1,2})）/.exec(t);
  if (m) return { level: 4, n: Number(m[1]) };
  return undefined;
}

function cn(s: string): number {
  const d = '零一二三四五六七八九';
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + d.indexOf(s[1]!);
  if (s.length === 2 && s.endsWith('十')) return d.indexOf(s[0]!) * 10;
  if (s.length === 3) return d.indexOf(s[0]!) * 10 + d.indexOf(s[2]!);
  return d.indexOf(s);
}

const CJK = '\\u4e00-\\u9fa5';
// Global: every half-width mark of a line is reported, not only the first (「时间:6月1日,地点:会议室」).
const HALF = new RegExp(
  `[${CJK}」』）》”][,;:?!]|[,;:?!](?=[${CJK}「『（《“])|[${CJK}]\\([^)]*\\)|\\([^)]*\\)[${CJK}]`,
  'g',
);

/** Checks a draft given as plain text (one paragraph per line; leading full-width spaces ignored). */
export function checkText(text: string): Finding[] {
  const lines: Line[] = text
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') }))
    .filter((l) => l.text !== '');
  const findings: Finding[] = [];
  const add = (rule: string, line: number, message: string) => findings.push({ rule, line, message });
  if (lines.length === 0) return [{ rule: 'title-form', line: 1, message: '文件是空的，没有可检查的内容。' }];

  // Title: the first line after the 版头; a title broken over two lines is joined.
  let i = 0;
  while (i < lines.length - 1 && HEADER_LINE.test(lines[i]!.text) && !KIND_END.test(lines[i]!.text)) i++;
  const titleLine = lines[i]!;
  let title = titleLine.text;
  const next = lines[i + 1];
  if (!KIND_END.test(title) && next && KIND_END.test(next.text) && !/[：:]$/.test(next.text)) {
    title += next.text;
    i++;
  }
  const kind = KIND_END.exec(title)?.[1] ?? '';
  const isMinutes = kind === '纪要';
  const isPlan = kind === '方案';

  // title-form (GB/T 9704-2012 7.3.1; 条例 第九条（八）): 发文机关+关于……的+文种; 纪要: 会议名称+纪要.
  if (!kind) add('title-form', titleLine.n, `标题「${title}」没有以文种结尾：标题应由「发文机关+关于……的+文种」组成。`);
  else if (!isMinutes && !isPlan && !/关于.+的(?:复函|函|通知|通报|请示|报告|意见|决定|批复|通告|公告)$/.test(title))
    add('title-form', titleLine.n, `标题「${title}」应由「发文机关+关于……的+${kind}」组成，缺少「关于……的」。`);
  else if (/^关于/.test(title) && !isMinutes && !isPlan)
    add('title-form', titleLine.n, `标题「${title}」缺少发文机关：应写作「发文机关+关于……的+${kind}」。`);
  if (/[。！；]$/.test(title)) add('title-form', titleLine.n, '标题末尾不加标点符号。');

  // doc-type-misuse: 纪要 (条例 第八条（十五）): 「会议名称+纪要」, not 「关于……的会议纪要」.
  if (isMinutes && (/^关于.+的会议纪要$/.test(title) || title === '会议纪要'))
    add(
      'doc-type-misuse',
      titleLine.n,
      '文种是「纪要」：标题应写作「会议名称+纪要」（如「局长办公会议纪要」），不写「关于……的会议纪要」。',
    );

  // Addressee (7.3.2): the line after the title, ending in a full-width colon.
  const rest = lines.slice(i + 1);
  const addressees: Line[] = [];
  for (const l of rest.slice(0, 3)) {
    const isAddressee =
      /[：:]$/.test(l.text) &&
      !/^(?:附件|出席|请假|列席|抄送|为|根据|按照|依据|现将|经)/.test(l.text) &&
      !/如下[：:]$|。/.test(l.text) &&
      [...l.text].length <= 60;
    if (isAddressee) addressees.push(l);
    else break;
  }
  const needsAddressee = ['通知', '通报', '请示', '报告', '函', '复函', '批复', '意见'].includes(kind);
  if (needsAddressee && addressees.length === 0)
    add(
      'addressee-missing',
      (rest[0] ?? titleLine).n,
      `${kind}应当写明主送机关：在标题下空一行居左顶格编排，最后标全角冒号。`,
    );
  if (addressees.length > 1)
    add('addressee-doubled', addressees[1]!.n, '主送机关写了两次：主送机关只写一行（多个机关用顿号、逗号隔开）。');
  const upward = kind === '请示' || kind === '报告';
  const a0 = addressees[0];
  if (upward && a0 && /[、，,]/.test(a0.text))
    add('addressee-doubled', a0.n, `${kind}原则上主送一个上级机关（条例 第十五条（一）），其他机关可以抄送。`);

  // Where the body ends: 附件说明, or the signature above the 成文日期.
  const bodyStart = i + 1 + addressees.length;
  let dateIdx = -1;
  for (let k = lines.length - 1; k > bodyStart; k--) {
    if (DATE_ANY.test(lines[k]!.text.replace(/\s/g, ''))) {
      dateIdx = k;
      break;
    }
  }
  let attachIdx = lines.findIndex((l, k) => k >= bodyStart && /^附件[：:]/.test(l.text));
  let bodyEnd = attachIdx >= 0 ? attachIdx : dateIdx > 0 ? dateIdx - 1 : lines.length;
  const footIdx = lines.findIndex((l, k) => k >= bodyStart && /^(?:抄送[：:]|.+印发$)/.test(l.text));
  if (footIdx >= 0 && footIdx < bodyEnd) bodyEnd = footIdx;
  const annexIdx = lines.findIndex((l, k) => k > bodyStart && l.text === '附件');
  if (annexIdx >= 0 && annexIdx < bodyEnd) bodyEnd = annexIdx;
  const body = lines.slice(bodyStart, bodyEnd);

  // date-format (7.3.5.1): 成文日期 in Arabic numerals, full year, no zero padding.
  if (dateIdx > 0) {
    const d = lines[dateIdx]!;
    const compact = d.text.replace(/\s/g, '');
    if (!DATE_GOOD.test(compact))
      add(
        'date-format',
        d.n,
        `成文日期「${d.text}」格式不对：用阿拉伯数字将年、月、日标全，月、日不编虚位，如「2026年6月1日」。`,
      );
  } else if (!isMinutes && !isPlan && kind)
    add('date-format', lines.at(-1)!.n, '没有找到成文日期：在发文机关署名下一行写「2026年6月1日」这样的日期。');
  for (const l of lines) {
    const m = /(\S+?年\S+?月\S+?日)印发$/.exec(l.text.replace(/\s/g, ''));
    if (m && !/\d{4}年[1-9]\d?月[1-9]\d?日$/.test(m[1]!))
      add('date-format', l.n, '印发日期用阿拉伯数字将年、月、日标全，月、日不编虚位（GB/T 9704-2012 7.4.3）。');
  }

  // signature-order (GB/T 9704-2012 7.3.5.1): 成文日期 goes under the 发文机关署名, not above it.
  const afterDate = dateIdx > 0 ? lines[dateIdx + 1] : undefined;
  if (afterDate && looksLikeSignature(afterDate.text) && !looksLikeSignature(lines[dateIdx - 1]!.text))
    add(
      'signature-order',
      lines[dateIdx]!.n,
      `成文日期「${lines[dateIdx]!.text}」写在了发文机关署名「${afterDate.text}」之前：应先署发文机关名称，成文日期在署名之下。`,
    );

  // date-invalid: a date that cannot exist (「6月31日」「13月」「2月30日」), anywhere in the text.
  for (const l of lines)
    for (const d of impossibleDates(l.text))
      add('date-invalid', l.n, `日期「${d.date}」不存在（${d.reason}）：请核对年、月、日。`);

  // attachment-punctuation (7.3.4): 「附件：1.名称」, numbered when several, no punctuation after the names.
  if (attachIdx < 0) attachIdx = lines.findIndex((l) => /^附件[:：]/.test(l.text));
  if (attachIdx >= 0) {
    const items: Line[] = [];
    for (let k = attachIdx; k < lines.length && (k === attachIdx || /^\d+[.．、]/.test(lines[k]!.text)); k++)
      items.push(lines[k]!);
    for (const it of items) {
      const name = it.text.replace(/^附件[:：]/, '');
      if (/[。；;，,.、]$/.test(name)) add('attachment-punctuation', it.n, `附件名称「${name}」后不加标点符号。`);
      else if (/^\d+、/.test(name)) add('attachment-punctuation', it.n, '附件序号用「1.」「2.」，不用「1、」。');
      else if (items.length > 1 && !/^\d+[.．]/.test(name))
        add('attachment-punctuation', it.n, '有多个附件时，用阿拉伯数字标注顺序号，如「附件：1.××××」。');
      else if (items.length === 1 && /、/.test(name) && !/《/.test(name))
        add('attachment-punctuation', it.n, '多个附件不要用顿号连写：分行列出，用「1.」「2.」标注顺序号。');
    }
  }

  // closing-phrase: 请示/函/复函 have required endings; 「特此X」 must name the document's own 文种.
  const last = [...body].reverse().find((l) => !/^联系人|^联系电话/.test(l.text));
  if (last && kind) {
    const required = CLOSINGS[kind];
    const te = TEHCI.exec(last.text)?.[1];
    if (te && !(TEHCI_KIND[te] ?? []).includes(kind))
      add(
        'closing-phrase',
        last.n,
        `结束语「特此${te}」与文种「${kind}」不符${kind === '请示' ? '：请示以「妥否，请批示。」或「特此请示，请予批准。」结尾' : kind === '复函' ? '：复函以「特此函复。」结尾' : `：应为与${kind}相符的结束语`}。`,
      );
    else if (required && !required.test(last.text))
      add(
        'closing-phrase',
        last.n,
        kind === '请示'
          ? '请示应以「妥否，请批示。」或「特此请示，请予批准。」结尾。'
          : kind === '复函'
            ? '复函应以「特此函复。」结尾。'
            : '函应以「特此函告。」或「请予函复。」结尾。',
      );
  }

  // doc-type-misuse (条例 第十五条（四）): 报告 carries no 请示事项; one-matter: 请示 asks one thing.
  if (kind === '报告') {
    const asking = body.find((l) => REQUEST_PHRASES.test(l.text));
    if (asking)
      add('doc-type-misuse', asking.n, '报告中不得夹带请示事项：需要上级批准的事项请另行请示，或将文种改为请示。');
  }
  if (kind === '请示') {
    const subject = /关于(.+)的请示$/.exec(title)?.[1];
    if (subject && mattersOf(subject).length >= 2)
      add('one-matter', titleLine.n, `请示应当一文一事：「${subject}」含多项事项，一文一事，建议分别请示。`);
  }

  // heading-order (7.3.3): 一、 → （一） → 1. → （1）, no level skipped, numbers consecutive.
  const counters = [0, 0, 0, 0, 0];
  let depth = 0;
  const annexStart = annexIdx >= 0 ? lines[annexIdx + 1] : undefined;
  for (const l of [...body, ...(annexIdx >= 0 ? lines.slice(annexIdx + 1) : [])]) {
    // The 附件 document numbers its headings afresh.
    if (l === annexStart) {
      counters.fill(0);
      depth = 0;
    }
    const h = headingLevel(l.text);
    if (!h) continue;
    if (h.bad) {
      add(h.bad.includes('全角') ? 'halfwidth-punctuation' : 'heading-order', l.n, h.bad);
      continue;
    }
    if (h.level > depth + 1) {
      add(
        'heading-order',
        l.n,
        `结构层次跳级：「${l.text.slice(0, 8)}」前缺少上一层序数，层次依次为「一、」「（一）」「1.」「（1）」。`,
      );
    } else if (h.n === counters[h.level]) {
      add('heading-order', l.n, `序数重复：「${l.text.slice(0, 8)}」与上一项都是第${h.n}项，应依次编号。`);
    } else if (h.n !== counters[h.level]! + 1 && (h.n !== 1 || counters[h.level]! > 0)) {
      add('heading-order', l.n, `序数不连续：「${l.text.slice(0, 8)}」前一项是第${counters[h.level]}项。`);
    }
    counters[h.level] = h.n;
    for (let k = h.level + 1; k < counters.length; k++) counters[k] = 0;
    depth = h.level;
  }

  // halfwidth-punctuation (GB/T 15834 via GB/T 9704-2012 第9章): Chinese text takes full-width , ; : ? ! ( ).
  for (const l of lines) {
    // A heading's 「(一)」 is already reported on its own; the rest of the line is still checked.
    const flagged = findings.some((f) => f.rule === 'halfwidth-punctuation' && f.line === l.n);
    const text = flagged ? l.text.replace(/^\([一二三四五六七八九十]+\)/, '') : l.text;
    const marks = [...new Set([...text.matchAll(HALF)].map((m) => m[0]))];
    if (marks.length > 0)
      add(
        'halfwidth-punctuation',
        l.n,
        `中文中使用了半角标点${marks.map((m) => `「${m}」`).join('')}：应改用全角标点（，；：？！（））。`,
      );
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Plain text of a .docx (one paragraph per line) for checking; uses mammoth like the ingest loader. */
export async function docxText(data: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(data) });
  return value.replace(/\n\n/g, '\n');
}
