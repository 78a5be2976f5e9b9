import { describe, expect, it } from 'vitest';
import { createDrafter, followUpSlots } from '../../src/draft/drafter';
import { detectType, extractSlots } from '../../src/draft/slots';
import { checkText } from '../../src/draft/check';
import { fixedClock, fixedRetriever, SAFETY } from './fakes';

const drafter = createDrafter({ clock: fixedClock });

describe('type and slots from the request', () => {
  it('reads the issue example: subject, 主送, dates', () => {
    const r = '帮我起草一份关于开展2026年安全生产月活动的通知，发给各直属单位，活动时间6月1日至30日';
    expect(detectType(r)).toBe('notice');
    expect(extractSlots(r)).toMatchObject({
      事由: '开展2026年安全生产月活动',
      主送机关: '各直属单位',
      时间: '6月1日至30日',
    });
  });

  it('tells the types apart', () => {
    expect(detectType('写一份复函，回复市自然资源局')).toBe('reply-letter');
    expect(detectType('起草局长办公会议纪要')).toBe('minutes');
    expect(detectType('帮我写一份关于印发《防汛工作方案》的通知')).toBe('plan-notice');
    expect(detectType('起草一份防汛工作方案')).toBe('plan');
    expect(detectType('写一份关于购置车辆的请示')).toBe('request');
    expect(detectType('写一份关于商请提供资料的函')).toBe('letter');
    expect(detectType('写一份关于事故情况的通报')).toBe('bulletin');
    expect(detectType('写一份关于工作情况的报告')).toBe('report');
  });

  it('keeps 「和」 inside body names and reads amounts, 联系人 and 电话', () => {
    const s = extractSlots(
      '以市住房和建设局名义写一份关于购置执法车辆的请示，报市政府，需经费45万元，联系人张明，电话0755-12345678',
    );
    expect(s).toMatchObject({
      发文机关: '市住房和建设局',
      主送机关: '市政府',
      金额: '45万元',
      联系人: '张明',
      电话: '0755-12345678',
    });
  });
});

describe('template drafts', () => {
  it('marks missing required slots 【待补充：X】 and lists them, inventing nothing', async () => {
    const d = await drafter.draft(
      '帮我起草一份关于开展2026年安全生产月活动的通知，发给各直属单位，活动时间6月1日至30日',
    );
    expect(d.missing).toEqual(['发文机关']);
    expect(d.title).toBe('【待补充：发文机关】关于开展2026年安全生产月活动的通知');
    expect(d.signature).toBe('【待补充：发文机关】');
    expect(d.text).toContain('各直属单位：');
    expect(d.text).toContain('6月1日至30日');
    expect(d.closing).toBe('特此通知。');
    expect(d.date).toBe('2026年6月1日');
  });

  it('请示 with two matters: 一文一事，建议分别请示, drafted for the first', async () => {
    const d = await drafter.draft('以市建设局名义写一份关于购置执法车辆和增加人员编制的请示，报市政府');
    expect(d.notes.map((n) => n.rule)).toContain('one-matter');
    expect(d.notes[0]!.message).toContain('一文一事，建议分别请示');
    expect(d.title).toBe('市建设局关于购置执法车辆的请示');
    expect(d.closing).toBe('妥否，请批示。');
  });

  it('请示 to two bodies keeps one 主送 and moves the other to 抄送', async () => {
    const d = await drafter.draft('以市建设局名义写一份关于购置执法车辆的请示，报送市政府、市财政局');
    expect(d.addressee).toBe('市政府');
    expect(d.slots.抄送).toBe('市财政局');
    expect(d.notes.map((n) => n.rule)).toContain('addressee-doubled');
  });

  it('报告 asking for approval is told to use a 请示', async () => {
    const d = await drafter.draft('以市建设局名义写一份关于防汛工作情况的报告，报市政府，请批准追加经费');
    expect(d.notes.map((n) => n.rule)).toContain('doc-type-misuse');
  });

  it('纪要: 会议名称+纪要, 会议概况 and 出席/请假 lists, no 主送', async () => {
    const d = await drafter.draft(
      '起草局长办公会议纪要，时间：2026年5月8日上午9:00，地点：局三楼会议室，主持人：王局长，出席：李华、赵强，请假：陈刚',
    );
    expect(d.title).toBe('局长办公会议纪要');
    expect(d.addressee).toBe('');
    expect(d.text).toContain('2026年5月8日上午9:00，王局长在局三楼会议室主持召开局长办公会议');
    expect(d.text).toContain('出席：李华、赵强');
    expect(d.text).toContain('请假：陈刚');
    expect(d.text).not.toContain('列席');
    expect(d.missing).toEqual([]);
  });

  it('印发 notice carries the 方案 as its attachment with 一、工作目标 二、主要任务 三、工作要求', async () => {
    const d = await drafter.draft('以市建设局名义写一份关于印发《2026年防汛工作方案》的通知，发给各区建设局');
    expect(d.title).toBe('市建设局关于印发《2026年防汛工作方案》的通知');
    expect(d.attachments).toEqual(['2026年防汛工作方案']);
    expect(d.annex?.body.filter((p) => p.level === 1).map((p) => p.text)).toEqual([
      '一、工作目标',
      '二、主要任务',
      '三、工作要求',
    ]);
  });

  it('复函 quotes the 来函 and ends 特此函复。', async () => {
    const d = await drafter.draft('以市建设局名义写一份复函，回复市自然资源局《关于征求道路规划意见的函》');
    expect(d.addressee).toBe('市自然资源局');
    expect(d.body[0]!.text.startsWith('《关于征求道路规划意见的函》收悉。')).toBe(true);
    expect(d.closing).toBe('特此函复。');
  });

  it('every template draft passes the checker', async () => {
    for (const r of [
      '以市建设局名义起草关于开展安全检查的通知，发给各区建设局',
      '以市建设局名义写一份关于某工地安全事故的通报，发给各区建设局',
      '以市建设局名义写一份关于购置执法车辆的请示，报市政府',
      '以市建设局名义写一份关于2025年安全生产工作情况的报告，报市政府',
      '以市建设局名义写一份关于商请提供地形图资料的函，发给市自然资源局',
      '以市建设局名义写一份复函，回复市自然资源局《关于征求道路规划意见的函》',
      '起草局长办公会议纪要，时间：2026年5月8日，地点：局三楼会议室，主持人：王局长，出席：李华、赵强',
      '以市建设局名义写一份关于印发《2026年防汛工作方案》的通知，发给各区建设局',
      '以市建设局名义起草一份2026年防汛工作方案',
    ]) {
      const d = await drafter.draft(r);
      expect(checkText(d.text), r).toEqual([]);
    }
  });
});

describe('grounding through the Retriever', () => {
  it('cites the retrieved article and passes the requester viewer to the search', async () => {
    const retriever = fixedRetriever([{ chunk: SAFETY, score: 1, confidence: 0.8 }]);
    const d = await createDrafter({ retriever, clock: fixedClock }).draft(
      '以市建设局名义起草关于开展建设工程安全生产检查的通知，发给各区建设局',
      { viewer: { principals: ['ou_1'], tenantMember: true } },
    );
    expect(retriever.calls[0]!.options?.viewer).toEqual({ principals: ['ou_1'], tenantMember: true });
    expect(d.text).toContain('根据《建设工程安全生产管理条例》第四十三条的规定');
    expect(d.citations.map((c) => c.article)).toEqual(['第四十三条']);
  });

  it('does not cite a weak hit', async () => {
    const retriever = fixedRetriever([{ chunk: SAFETY, score: 1, confidence: 0.2 }]);
    const d = await createDrafter({ retriever, clock: fixedClock }).draft(
      '以市建设局名义起草关于开展文明创建的通知，发给各区建设局',
    );
    expect(d.citations).toEqual([]);
    expect(d.text).not.toContain('《');
  });
});

describe('follow-up', () => {
  it('a bare answer fills the one missing slot', () => {
    expect(followUpSlots('市住房和建设局', { type: 'notice', slots: {}, missing: ['发文机关'] })).toEqual({
      发文机关: '市住房和建设局',
    });
  });

  it('a labelled answer revises the draft', async () => {
    const first = await drafter.draft('起草一份关于开展安全检查的通知');
    expect(first.missing).toEqual(['发文机关', '主送机关']);
    const second = await drafter.draft('发文机关：市建设局，主送机关：各区建设局', {
      base: { type: first.type, slots: first.slots, missing: first.missing },
    });
    expect(second.missing).toEqual([]);
    expect(second.title).toBe('市建设局关于开展安全检查的通知');
    expect(second.addressee).toBe('各区建设局');
  });
});
