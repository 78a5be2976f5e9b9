// A tiny in-memory corpus in LawRefBook shape: two versions of one law, a regulation, an unrelated law.
import type { Chunk } from '../../src/core/types';
import { splitLawMarkdown } from '../../src/index/md-splitter';

const BIDDING_OLD = `# 中华人民共和国招标投标法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范招标投标活动，制定本法。
第三十七条 评标由招标人依法组建的评标委员会负责。评标委员会成员人数为三人以上。
`;
const BIDDING_NEW = `# 中华人民共和国招标投标法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范招标投标活动，保护国家利益，制定本法。
第三十七条 评标由招标人依法组建的评标委员会负责。成员人数为五人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二。
`;
const BIDDING_REG = `# 中华人民共和国招标投标法实施条例
<!-- INFO END -->
## 第三章 投标
第二十六条 招标人在招标文件中要求投标人提交投标保证金的，投标保证金不得超过招标项目估算价的2%。
第二十七条 招标人可以自行决定是否编制标底。
`;
const QUALITY = `# 建设工程质量管理条例
<!-- INFO END -->
## 第六章 建设工程质量保修
第四十条 在正常使用条件下，建设工程的最低保修期限为：屋面防水工程为5年；电气管线、给排水管道、设备安装和装修工程，为2年。
第四十一条 建设工程在保修范围和保修期限内发生质量问题的，施工单位应当履行保修义务。
## 第七章 监督管理
第四十三条 国家实行建设工程质量监督管理制度。
`;
const LABOUR = `# 中华人民共和国劳动合同法
<!-- INFO END -->
## 第二章 劳动合同的订立
第十九条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月。
第四十七条 经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。
`;

export const TINY_CORPUS_DIR = '/tiny';

export function tinyChunks(overrides: Record<string, string> = {}): Chunk[] {
  const files: Record<string, string> = {
    '招标投标法(1999-08-30).md': BIDDING_OLD,
    '招标投标法(2017-12-27).md': BIDDING_NEW,
    '招标投标法实施条例(2019-03-02).md': BIDDING_REG,
    '建设工程质量管理条例(2019-04-23).md': QUALITY,
    '劳动合同法(2012-12-28).md': LABOUR,
    ...overrides,
  };
  return Object.entries(files).flatMap(([file, md]) => splitLawMarkdown(TINY_CORPUS_DIR, file, md));
}
