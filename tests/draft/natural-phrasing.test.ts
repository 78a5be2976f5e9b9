// Requests written the way people talk (「给X发个函」「向X请示」「X发文」) and the sentences a 函 is built from.
import { describe, expect, it } from 'vitest';
import { createDrafter } from '../../src/draft/drafter';
import { honorificOf, letterOpening } from '../../src/draft/letter-phrasing';
import { extractSlots } from '../../src/draft/slots';
import { fixedClock } from './fakes';

const drafter = createDrafter({ clock: fixedClock });

describe('主送机关 and 发文机关 from natural phrasing', () => {
  it.each([
    ['给市水务局发个函，商请提供排水管网资料', '市水务局'],
    ['请给各区住房和建设局下发一份通知，开展高温施工检查', '各区住房和建设局'],
    ['向市人民政府请示追加防汛物资经费', '市人民政府'],
    ['向区政府报告上半年工程质量情况', '区政府'],
    ['以市建设局名义给市交通运输局发一份函，商请协助交通疏导', '市交通运输局'],
    ['市住建局发文给各施工单位，要求开展自查', '各施工单位'],
    ['写一份函，致市城市管理委员会，商请协调占道施工', '市城市管理委员会'],
    ['写一份报告，报送市应急管理局', '市应急管理局'],
  ])('「%s」 → 主送机关 %s', (request, addressee) => {
    expect(extractSlots(request).主送机关).toBe(addressee);
  });

  it.each([
    ['由市城管局发文，通知各街道办开展清扫', '市城管局'],
    ['以区建设局名义给区财政局发函，商请拨付补助', '区建设局'],
  ])('「%s」 → 发文机关 %s', (request, issuer) => {
    expect(extractSlots(request).发文机关).toBe(issuer);
  });

  it('takes no name it is not given: words with 给/向 that are not addressees, and no body name at all', () => {
    expect(extractSlots('面向社会公开征集意见，写个通知').主送机关).toBeUndefined();
    expect(extractSlots('给我写个通知').主送机关).toBeUndefined();
    expect(extractSlots('给我写个通知').事由).toBeUndefined();
    expect(extractSlots('帮我写一份函，商请提供资料').主送机关).toBeUndefined();
  });

  it('keeps 抄送 apart from 主送', () => {
    expect(extractSlots('给各区住建局发通知，抄送市应急管理局')).toMatchObject({
      主送机关: '各区住建局',
      抄送: '市应急管理局',
    });
  });
});

describe('函 sentences from the slots', () => {
  it('a 商请 letter keeps 商请 in the title and asks the addressee by its honorific', async () => {
    const d = await drafter.draft('给市水务局发个函，商请提供排水管网资料300份，以市建设局名义');
    expect(d.title).toBe('市建设局关于商请提供排水管网资料300份的函');
    expect(d.addressee).toBe('市水务局');
    expect(d.body[0]?.text).toBe('现商请贵局提供排水管网资料300份，有关事项函告如下：');
    expect(d.text).not.toMatch(/为做好.*工作/);
    expect(d.text).toContain('请贵局予以支持配合。');
    expect(d.missing).toEqual([]);
  });

  it('an unknown addressee stays 【待补充】 and the letter says 贵单位', async () => {
    const d = await drafter.draft('帮我写一份函，商请提供排水管网资料，以市建设局名义');
    expect(d.addressee).toBe('【待补充：主送机关】');
    expect(d.missing).toContain('主送机关');
    expect(d.body[0]?.text).toBe('现商请贵单位提供排水管网资料，有关事项函告如下：');
  });

  it('honorifics follow the name ending; several or unknown addressees give 贵单位', () => {
    expect(honorificOf('市财政局')).toBe('贵局');
    expect(honorificOf('市城市管理委员会')).toBe('贵委');
    expect(honorificOf('市政府办公室')).toBe('贵办');
    expect(honorificOf('区人民政府')).toBe('贵府');
    expect(honorificOf('市燃气有限公司')).toBe('贵公司');
    expect(honorificOf('市财政局、市审计局')).toBe('贵单位');
    expect(honorificOf(undefined)).toBe('贵单位');
  });

  it('openings by kind of 事由, with nothing added', () => {
    expect(letterOpening('询问管线迁改进度', '贵局')).toBe('现就管线迁改进度有关事项函询如下：');
    expect(letterOpening('开展联合执法检查', '贵局')).toBe('为开展联合执法检查，现将有关事项函告如下：');
    expect(letterOpening('项目审计结果', '贵局')).toBe('现将项目审计结果有关情况函告如下：');
    expect(letterOpening(undefined, '贵单位')).toBe('现将有关事项函告如下：');
  });
});
