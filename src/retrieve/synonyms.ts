// Colloquial → statutory wording. Staff and the public ask in everyday words; statutes use fixed legal terms.
// Query-side expansion only (added terms weigh 0.5), so the index stays literal. A general thesaurus of the
// legal register — every entry maps a common word to the term statutes use for it, never to one article.
export const COLLOQUIAL: Record<string, string[]> = {
  不足: ['少于', '不满'],
  少于: ['不足'],
  超过: ['以上', '超出'],
  签合同: ['订立', '签订'],
  签: ['签订', '订立'],
  退: ['退还'],
  工地: ['施工现场'],
  一个月: ['每月'],
  // Guides and rules name days and hours in the written register: 报到当日, 首日; 作息时间, 工作时间.
  第一天: ['当日', '首日'],
  头一天: ['当日', '首日'],
  当天: ['当日'],
  那天: ['当日'],
  新人: ['新员工', '新入职'],
  上班: ['工作时间', '作息'],
  下班: ['工作时间', '作息'],
  // Setting up a body: rules say 组建/成立/设立 interchangeably.
  组建: ['成立', '设立'],
  成立: ['组建', '设立'],
  建立: ['组建', '设立'],
  夏天: ['夏季'],
  冬天: ['冬季'],
  多久: ['期限', '日内'],
  多长时间: ['期限', '日内'],
  什么时候: ['期限', '之日起'],
  工资: ['劳动报酬', '工资'],
  老板: ['用人单位'],
  公司: ['用人单位', '公司'],
  辞退: ['解除', '劳动合同'],
  开除: ['解除', '劳动合同'],
  炒鱿鱼: ['解除', '劳动合同'],
  赔钱: ['赔偿'],
  赔多少: ['赔偿'],
  罚多少: ['罚款'],
  坐牢: ['有期徒刑', '拘役'],
  判几年: ['有期徒刑'],
  借钱: ['借款'],
  欠钱: ['债务', '借款'],
  老公: ['配偶', '夫妻'],
  老婆: ['配偶', '夫妻'],
  孩子: ['子女', '未成年人'],
  房子: ['房屋', '住宅'],
  买房: ['房屋', '买卖'],
  打官司: ['诉讼', '起诉'],
  告: ['起诉'],
  撞: ['交通事故'],
};

/** Counting words vary (三家/三名/三个): statutes mostly count with 个, so numeral + 家/名/位 also asks for 个. */
const CLASSIFIER = /([一二三四五六七八九十两]+)[家名位]/g;

/** Extra query terms for colloquial words found in the question text (weighted by the caller). */
export function expandColloquial(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(CLASSIFIER)) out.push(`${m[1]}个`);
  for (const [word, terms] of Object.entries(COLLOQUIAL)) if (question.includes(word)) out.push(...terms);
  return out;
}
