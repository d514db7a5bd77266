import { describe, expect, it } from 'vitest';
import { collatorFor, pinyinInitial, sortByName } from '../../../../renderer/src/i18n/collate';

describe('collation per language', () => {
  it('sorts Chinese by pinyin, not by code point or an English name', () => {
    const names = ['中关村', '常州', '西安', '合肥', '阿里', '苏州', '嘉兴', '北京'];
    expect(sortByName(names, (n) => n, 'zh-Hans')).toEqual([
      '阿里',
      '北京',
      '常州',
      '合肥',
      '嘉兴',
      '苏州',
      '西安',
      '中关村',
    ]);
    // Code-point order would put 中 (U+4E2D) first.
    expect([...names].sort()[0]).toBe('中关村');
  });

  it('sorts English by its own collation, numbers as numbers, and is stable', () => {
    expect(sortByName(['zone 10', 'Zone 2', 'apple', 'Äther'], (n) => n, 'en')).toEqual([
      'apple',
      'Äther',
      'Zone 2',
      'zone 10',
    ]);
    const items = [
      { n: 'b', i: 1 },
      { n: 'a', i: 2 },
      { n: 'b', i: 3 },
    ];
    expect(sortByName(items, (x) => x.n, 'en').map((x) => x.i)).toEqual([2, 1, 3]);
  });

  it('uses the pinyin collation for Chinese', () => {
    expect(collatorFor('zh-Hans').compare('常州', '西安')).toBeLessThan(0);
    expect(collatorFor('zh-Hans')).toBe(collatorFor('zh-Hans'));
  });

  it('gives the pinyin initial of a Chinese name', () => {
    const initials = Object.fromEntries(
      [
        '常州',
        '嘉兴',
        '中关村',
        '西安',
        '合肥',
        '昆山',
        '平顶山',
        '恽代英',
        '魏村',
        '唐家湾',
        '南湖',
        '阿里',
        '鄂尔多斯',
        '福州',
        '贵阳',
        '兰州',
        '马鞍山',
        '青岛',
        '日照',
        '蚌埠',
      ].map((n) => [n, pinyinInitial(n)]),
    );
    expect(initials).toEqual({
      常州: 'C',
      嘉兴: 'J',
      中关村: 'Z',
      西安: 'X',
      合肥: 'H',
      昆山: 'K',
      平顶山: 'P',
      恽代英: 'Y',
      魏村: 'W',
      唐家湾: 'T',
      南湖: 'N',
      阿里: 'A',
      鄂尔多斯: 'E',
      福州: 'F',
      贵阳: 'G',
      兰州: 'L',
      马鞍山: 'M',
      青岛: 'Q',
      日照: 'R',
      蚌埠: 'B',
    });
    expect(pinyinInitial('Suzhou')).toBeNull();
    expect(pinyinInitial('')).toBeNull();
  });
});
