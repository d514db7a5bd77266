import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareDateStrings,
  formatCentury,
  formatDate,
  formatDateRange,
  formatDateStrings,
  formatDecade,
  formatHumanDate,
  formatYear,
  parseHumanDate,
  parsePartialDate,
  periodContains,
  pickContainingPeriod,
  toDecimalYear,
  toPartialDateString,
  translateHumanDate,
  yearAtDecimal,
} from '../../../electron/shared/dates';

const zh = 'zh-Hans';
const en = 'en';

describe('parsePartialDate', () => {
  it('reads year, month and day precision', () => {
    expect(parsePartialDate('1926')).toEqual({ year: 1926 });
    expect(parsePartialDate('1949-04')).toEqual({ year: 1949, month: 4 });
    expect(parsePartialDate('1949-04-23')).toEqual({ year: 1949, month: 4, day: 23 });
  });
  it('reads BCE years in historians numbering', () => {
    expect(parsePartialDate('-0221')).toEqual({ year: -221 });
    expect(parsePartialDate('-0044-03-15')).toEqual({ year: -44, month: 3, day: 15 });
  });
  it('refuses year 0, impossible days and junk', () => {
    expect(parsePartialDate('0000')).toBeNull();
    expect(parsePartialDate('1949-02-30')).toBeNull();
    expect(parsePartialDate('1900-02-29')).toBeNull();
    expect(parsePartialDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parsePartialDate('1949-13')).toBeNull();
    expect(parsePartialDate('April 1949')).toBeNull();
    expect(parsePartialDate('')).toBeNull();
  });
  it('round-trips through toPartialDateString', () => {
    for (const s of ['1926', '1949-04', '1949-04-23', '-0221', '-0044-03-15', '0600']) {
      const d = parsePartialDate(s);
      expect(d).not.toBeNull();
      expect(toPartialDateString(d!)).toBe(s);
    }
  });
  it('round-trips any valid date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -9999, max: 9999 }).filter((y) => y !== 0),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.integer({ min: 1, max: 28 }),
        fc.boolean(),
        (year, month, day, withDay) => {
          const d = month === undefined ? { year } : withDay ? { year, month, day } : { year, month };
          expect(parsePartialDate(toPartialDateString(d))).toEqual(d);
        },
      ),
    );
  });
});

describe('ordering and the decimal scale', () => {
  it('places BCE before CE with no year 0', () => {
    expect(toDecimalYear({ year: -1 })).toBe(0);
    expect(toDecimalYear({ year: 1 })).toBe(1);
    expect(toDecimalYear({ year: -221 })).toBe(-220);
    expect(yearAtDecimal(-220)).toBe(-221);
    expect(yearAtDecimal(0.5)).toBe(-1);
    expect(yearAtDecimal(1949.9)).toBe(1949);
  });
  it('gives each precision its own end', () => {
    expect(toDecimalYear({ year: 1949 }, 'end')).toBe(1950);
    expect(toDecimalYear({ year: 1949, month: 12 }, 'end')).toBe(1950);
    expect(toDecimalYear({ year: 1949, month: 4 }, 'end')).toBeCloseTo(1949 + 120 / 365);
    expect(toDecimalYear({ year: 1949, month: 4, day: 23 }, 'end')).toBeCloseTo(1949 + 113 / 365);
  });
  it('sorts mixed precision and BCE strings', () => {
    const sorted = ['1949-04-23', '1949', '-0221', '1921-07', '-0044', '1949-04'].sort(compareDateStrings);
    expect(sorted).toEqual(['-0221', '-0044', '1921-07', '1949', '1949-04', '1949-04-23']);
  });
  it('is monotonic (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }).filter((y) => y !== 0 && y !== -1),
        (y) => {
          expect(toDecimalYear({ year: y })).toBeLessThan(toDecimalYear({ year: y + (y === -1 ? 2 : 1) }));
          expect(toDecimalYear({ year: y, month: 12, day: 31 })).toBeLessThan(
            toDecimalYear({ year: y }, 'end'),
          );
        },
      ),
    );
  });
});

describe('formatting', () => {
  it('formats single dates in both languages', () => {
    expect(formatDate({ year: 1926 }, en)).toBe('1926');
    expect(formatDate({ year: 1926 }, zh)).toBe('1926年');
    expect(formatDate({ year: 1949, month: 4 }, en)).toBe('April 1949');
    expect(formatDate({ year: 1949, month: 4 }, zh)).toBe('1949年4月');
    expect(formatDate({ year: 1949, month: 4, day: 23 }, en)).toBe('23 April 1949');
    expect(formatDate({ year: 1949, month: 4, day: 23 }, zh)).toBe('1949年4月23日');
    expect(formatDate({ year: -221 }, en)).toBe('221 BCE');
    expect(formatDate({ year: -221 }, zh)).toBe('公元前221年');
    expect(formatYear(-1, en)).toBe('1 BCE');
  });
  it('formats ranges sharing what both ends share', () => {
    expect(formatDateRange({ year: 1937 }, { year: 1945 }, en)).toBe('1937–1945');
    expect(formatDateRange({ year: 1937 }, { year: 1945 }, zh)).toBe('1937—1945年');
    expect(formatDateRange({ year: 1949, month: 4 }, { year: 1949, month: 5 }, en)).toBe('April–May 1949');
    expect(formatDateRange({ year: 1949, month: 4 }, { year: 1949, month: 5 }, zh)).toBe('1949年4月—5月');
    expect(formatDateRange({ year: 1949, month: 4, day: 21 }, { year: 1949, month: 4, day: 23 }, en)).toBe(
      '21–23 April 1949',
    );
    expect(formatDateRange({ year: 1949, month: 4, day: 21 }, { year: 1949, month: 4, day: 23 }, zh)).toBe(
      '1949年4月21日—23日',
    );
    expect(formatDateRange({ year: 1949, month: 4 }, { year: 1950, month: 5 }, en)).toBe(
      'April 1949 – May 1950',
    );
    expect(formatDateRange({ year: 1949, month: 4 }, { year: 1950, month: 5 }, zh)).toBe(
      '1949年4月—1950年5月',
    );
  });
  it('formats BCE and era-crossing ranges', () => {
    expect(formatDateRange({ year: -221 }, { year: -206 }, en)).toBe('221–206 BCE');
    expect(formatDateRange({ year: -221 }, { year: -206 }, zh)).toBe('公元前221—前206年');
    expect(formatDateRange({ year: -206 }, { year: 9 }, en)).toBe('206 BCE – 9 CE');
    expect(formatDateRange({ year: -206 }, { year: 9 }, zh)).toBe('公元前206年—公元9年');
  });
  it('treats a missing end (or an end equal to the start) as one date', () => {
    expect(formatDateRange({ year: 1921, month: 7 }, undefined, en)).toBe('July 1921');
    expect(formatDateStrings('1921-07', '1921-07', zh)).toBe('1921年7月');
    expect(formatDateStrings('1921-07', undefined, zh)).toBe('1921年7月');
    expect(formatDateStrings('nonsense', undefined, zh)).toBeNull();
  });
  it('formats decades and centuries', () => {
    expect(formatDecade(2020, en)).toBe('2020s');
    expect(formatDecade(2020, zh)).toBe('2020年代');
    expect(formatDecade(-220, en)).toBe('220s BCE');
    expect(formatCentury(20, en)).toBe('20th century');
    expect(formatCentury(21, en)).toBe('21st century');
    expect(formatCentury(-3, en)).toBe('3rd century BCE');
    expect(formatCentury(-3, zh)).toBe('公元前3世纪');
  });
});

describe('parseHumanDate', () => {
  const cases: [string, ReturnType<typeof parseHumanDate>][] = [
    ['1926', { kind: 'date', start: { year: 1926 }, circa: false }],
    ['1926年', { kind: 'date', start: { year: 1926 }, circa: false }],
    ['April 1949', { kind: 'date', start: { year: 1949, month: 4 }, circa: false }],
    ['Apr. 1949', { kind: 'date', start: { year: 1949, month: 4 }, circa: false }],
    ['1949年4月', { kind: 'date', start: { year: 1949, month: 4 }, circa: false }],
    ['23 April 1949', { kind: 'date', start: { year: 1949, month: 4, day: 23 }, circa: false }],
    ['April 23, 1949', { kind: 'date', start: { year: 1949, month: 4, day: 23 }, circa: false }],
    ['1949年4月23日', { kind: 'date', start: { year: 1949, month: 4, day: 23 }, circa: false }],
    ['1949-04-23', { kind: 'date', start: { year: 1949, month: 4, day: 23 }, circa: false }],
    ['221 BCE', { kind: 'date', start: { year: -221 }, circa: false }],
    ['221 B.C.', { kind: 'date', start: { year: -221 }, circa: false }],
    ['公元前221年', { kind: 'date', start: { year: -221 }, circa: false }],
    ['AD 9', { kind: 'date', start: { year: 9 }, circa: false }],
    ['c. 1926', { kind: 'date', start: { year: 1926 }, circa: true }],
    ['约1926年', { kind: 'date', start: { year: 1926 }, circa: true }],
    ['1926年前后', { kind: 'date', start: { year: 1926 }, circa: true }],
    ['2020s', { kind: 'decade', start: { year: 2020 }, end: { year: 2029 }, circa: false }],
    ["1920's", { kind: 'decade', start: { year: 1920 }, end: { year: 1929 }, circa: false }],
    ['2020年代', { kind: 'decade', start: { year: 2020 }, end: { year: 2029 }, circa: false }],
    ['20世纪20年代', { kind: 'decade', start: { year: 1920 }, end: { year: 1929 }, circa: false }],
    ['19th century', { kind: 'century', start: { year: 1801 }, end: { year: 1900 }, circa: false }],
    ['20世纪', { kind: 'century', start: { year: 1901 }, end: { year: 2000 }, circa: false }],
    ['3rd century BCE', { kind: 'century', start: { year: -300 }, end: { year: -201 }, circa: false }],
    ['1937–1945', { kind: 'range', start: { year: 1937 }, end: { year: 1945 }, circa: false }],
    ['1937-1945', { kind: 'range', start: { year: 1937 }, end: { year: 1945 }, circa: false }],
    ['1937 to 1945', { kind: 'range', start: { year: 1937 }, end: { year: 1945 }, circa: false }],
    ['1937年—1945年', { kind: 'range', start: { year: 1937 }, end: { year: 1945 }, circa: false }],
    ['1937—1945年', { kind: 'range', start: { year: 1937 }, end: { year: 1945 }, circa: false }],
    [
      'April–May 1949',
      { kind: 'range', start: { year: 1949, month: 4 }, end: { year: 1949, month: 5 }, circa: false },
    ],
    [
      '1949年4月—5月',
      { kind: 'range', start: { year: 1949, month: 4 }, end: { year: 1949, month: 5 }, circa: false },
    ],
    ['221–206 BCE', { kind: 'range', start: { year: -221 }, end: { year: -206 }, circa: false }],
    ['公元前221—前206年', { kind: 'range', start: { year: -221 }, end: { year: -206 }, circa: false }],
    ['206 BCE – 9 CE', { kind: 'range', start: { year: -206 }, end: { year: 9 }, circa: false }],
  ];
  it.each(cases)('reads %s', (text, expected) => {
    expect(parseHumanDate(text)).toEqual(expected);
  });
  it.each(['', 'spring', 'April', '1949-02-30', '1945–1937', '0s', '32 April 1949', 'x'.repeat(100)])(
    'refuses %j',
    (text) => {
      expect(parseHumanDate(text)).toBeNull();
    },
  );
  it('translates display dates between languages', () => {
    expect(translateHumanDate('2020s', zh)).toBe('2020年代');
    expect(translateHumanDate('2020年代', en)).toBe('2020s');
    expect(translateHumanDate('April 1949', zh)).toBe('1949年4月');
    expect(translateHumanDate('1949年4月', en)).toBe('April 1949');
    expect(translateHumanDate('c. 1926', zh)).toBe('约1926年');
    expect(translateHumanDate('公元前221—前206年', en)).toBe('221–206 BCE');
    expect(translateHumanDate('220s BCE', zh)).toBe('公元前220年代');
    expect(translateHumanDate('Spring 1949', zh)).toBeNull();
  });
  it('formats back what it reads (property over generated dates)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3000, max: 3000 }).filter((y) => y !== 0),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.constantFrom(zh, en),
        (year, month, lang) => {
          const h = {
            kind: 'date' as const,
            start: month === undefined ? { year } : { year, month },
            circa: false,
          };
          expect(parseHumanDate(formatHumanDate(h, lang))).toEqual(h);
        },
      ),
    );
  });
});

describe('periods and overlapping eras', () => {
  const eras = [
    { id: 'founding', from: '1921', to: '1949' },
    { id: 'war', from: '1937-07', to: '1945-09' },
    { id: 'new', from: '1949-10' },
    { id: 'ancient', from: '-0221', to: '-0206' },
  ];
  it('contains inclusive ends at their precision', () => {
    expect(periodContains(eras[0]!, '1949-12-31')).toBe(true);
    expect(periodContains(eras[0]!, '1950')).toBe(false);
    expect(periodContains(eras[2]!, '2026')).toBe(true);
    expect(periodContains(eras[3]!, '-0210')).toBe(true);
    expect(periodContains(eras[3]!, '-0230')).toBe(false);
  });
  it('picks the most specific of overlapping eras', () => {
    expect(pickContainingPeriod(eras, '1938')?.id).toBe('war');
    expect(pickContainingPeriod(eras, '1936')?.id).toBe('founding');
    expect(pickContainingPeriod(eras, '1949-10-01')?.id).toBe('new');
    expect(pickContainingPeriod(eras, '1949-04')?.id).toBe('founding');
    expect(pickContainingPeriod(eras, '1800')).toBeUndefined();
  });
  it('prefers the shorter of two eras starting together, then the first declared', () => {
    const p = [
      { id: 'long', from: '1921', to: '1960' },
      { id: 'short', from: '1921', to: '1930' },
      { id: 'same', from: '1921', to: '1930' },
    ];
    expect(pickContainingPeriod(p, '1925')?.id).toBe('short');
  });
});
