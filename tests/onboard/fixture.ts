// A small corpus written for the onboarding tests (not a copy of any shared file): an outline-style guide for
// newcomers, an article-style rule, and a second rule that states one of the guide's rules with another value.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QuizItem } from '../../src/core/onboard';

export const GUIDE = [
  '# 某区水务局新员工入职手册',
  '',
  '本文件为测试用示例。',
  '',
  '<!-- INFO END -->',
  '',
  '## 一、报到',
  '',
  '新员工应当在报到后3个工作日内到人事科办理工作证。',
  '人事科负责在报到后5个工作日内开通办公系统账号。',
  '报到时须提交近期免冠照片4张。',
  '',
  '## 二、考勤与请假',
  '',
  '请假1日以内的，由科室负责人审批。',
  '请假超过3日的，须报综合办公室审批。',
  '每月迟到超过2次的，扣减当月绩效的10%。',
  '',
  '## 三、报销',
  '',
  '差旅费应当在出差结束后15日内报销。',
  '单笔报销金额超过5000元的，须经财务科审核。',
  '报销票据不得涂改。',
  '',
  '## 四、保密',
  '',
  '涉密文件由保密办公室统一登记。',
  '新员工应当在报到后10日内完成保密培训。',
  '保密培训考试成绩低于80%的，须在30日内补考。',
  '',
].join('\n');

export const RULE = [
  '# 某区水务局工程档案管理办法',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 总则',
  '',
  '第一条 为规范工程档案管理，制定本办法。',
  '',
  '第二条 工程竣工验收后90日内，建设科应当向档案室移交工程档案。',
  '',
  '第三条 档案借阅期限不得超过20日，逾期的由档案室催还。',
  '',
  '第四条 档案销毁须经局务会议批准，销毁清单保存不少于10年。',
  '',
].join('\n');

/** States the guide's reimbursement rule with another deadline (an older version): 30日内 must never be a wrong option there. */
export const OTHER = [
  '# 某区水务局财务报销规定',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 报销',
  '',
  '第一条 差旅费应当在出差结束后30日内报销，特殊情况经财务科同意可以延长。',
  '',
  '第二条 会议费报销须附会议通知和签到表，金额超过2000元的须经分管局领导审批。',
  '',
].join('\n');

/** A temp corpus folder with the three documents (and optionally more files); returns its path and a cleanup. */
export function tempCorpus(extra: Record<string, string> = {}): { dir: string; root: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-onboard-'));
  const dir = path.join(root, 'corpus');
  fs.mkdirSync(dir);
  const files: Record<string, string> = {
    '新员工入职手册.md': GUIDE,
    '工程档案管理办法.md': RULE,
    '财务报销规定.md': OTHER,
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return { dir, root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** onboarding.yaml for the fixture: five steps (the guide's four sections, then the archive rule). */
export const DECLARED_PATH = [
  'steps:',
  '  - { title: 报到, file: 新员工入职手册.md, sections: [一、报到] }',
  '  - { title: 考勤与请假, file: 新员工入职手册.md, sections: [二、考勤与请假] }',
  '  - { title: 报销, file: 新员工入职手册.md, sections: [三、报销] }',
  '  - { title: 保密, file: 新员工入职手册.md, sections: [四、保密] }',
  '  - { title: 工程档案, file: 工程档案管理办法.md }',
].join('\n');

/** The reply a user who knows the answer types (or, `wrong`, one who does not). */
export function replyFor(item: QuizItem, wrong = false): string {
  if (item.kind === 'choice') {
    const i = wrong ? item.options.findIndex((o) => o !== item.answer) : item.options.indexOf(item.answer);
    return String.fromCharCode(65 + i);
  }
  if (item.kind === 'truefalse') return (item.answer === '对') !== wrong ? '对' : '错';
  return wrong ? '不知道' : item.answer;
}
