import { describe, expect, it } from 'vitest';
import { titleAliases } from '../../src/retrieve/aliases';
import { QueryAnalyser } from '../../src/retrieve/query';

describe('law-name aliases', () => {
  it('derives short names from titles', () => {
    expect(titleAliases('中华人民共和国招标投标法实施条例')).toEqual(
      expect.arrayContaining(['招标投标法实施条例', '招投标法实施条例', '招标投标实施条例']),
    );
    expect(titleAliases('建设工程质量管理条例')).toEqual(expect.arrayContaining(['建设工程质量条例', '质量条例']));
    expect(titleAliases('最高人民法院关于适用《中华人民共和国民事诉讼法》的解释')).toEqual(
      expect.arrayContaining(['民事诉讼法解释', '民事诉讼法司法解释']),
    );
    expect(titleAliases('中华人民共和国刑法')).toContain('刑法');
    // A derived two-character short form would be too ambiguous.
    expect(titleAliases('中华人民共和国民法典').every((a) => a.length >= 3)).toBe(true);
  });
});

describe('QueryAnalyser', () => {
  const docs = [
    { title: '中华人民共和国招标投标法', versionDate: '2017-12-27' },
    { title: '中华人民共和国招标投标法', versionDate: '1999-08-30' },
    { title: '中华人民共和国招标投标法实施条例', versionDate: '2019-03-02' },
    { title: '中华人民共和国刑法修正案（九）', versionDate: '' },
  ];
  const a = new QueryAnalyser(docs);

  it('takes the longest name and resolves the reference to the newest version', () => {
    const q = a.analyse('招投标法实施条例第26条怎么规定的');
    expect(q.namedDocs).toEqual([2]);
    expect(q.refs).toEqual([{ docs: [2], article: '第二十六条' }]);
    expect(a.analyse('招标投标法第三十七条').refs).toEqual([{ docs: [0, 1], article: '第三十七条' }]);
  });

  it('lets a named year pick the version', () => {
    const q = a.analyse('1999年的招标投标法第三十七条');
    expect(q.year).toBe('1999');
    expect(q.refs[0]!.docs[0]).toBe(1);
  });

  it('matches titles written with full-width or half-width brackets and leaves the rest for BM25', () => {
    expect(a.analyse('刑法修正案(九)讲了什么').namedDocs).toEqual([3]);
    expect(a.analyse('《刑法修正案（九）》讲了什么').namedDocs).toEqual([3]);
    expect(a.analyse('评标委员会成员有几个人').namedDocs).toEqual([]);
    expect(a.analyse('招标投标法 评标').rest).not.toContain('招标投标法');
  });
});
