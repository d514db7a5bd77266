import { describe, expect, it, vi } from 'vitest';
import { figureSchema } from '../../../../electron/shared/pack-schema';
import {
  formatFigure,
  formatNumber,
  formatQualifiedNumber,
} from '../../../../renderer/src/i18n/format-figure';

describe('qualified numbers', () => {
  it.each([
    [500, 'exact', 'en', '500'],
    [500, 'over', 'en', '500+'],
    [500, 'over', 'zh-Hans', '500余'],
    [60, 'about', 'en', '≈60'],
    [60, 'about', 'zh-Hans', '约60'],
    [1200, 'exact', 'en', '1,200'],
    [1200, 'exact', 'zh-Hans', '1,200'],
    [30000, 'about', 'en', '≈30,000'],
    [30000, 'about', 'zh-Hans', '约3万'],
    [500000, 'over', 'zh-Hans', '超50万'],
    [123456, 'exact', 'zh-Hans', '123,456'],
    [20000, 'exact', 'zh-Hans', '2万'],
    [2.5, 'exact', 'en', '2.5'],
  ] as const)('%d %s in %s → %s', (value, qualifier, language, expected) => {
    expect(formatQualifiedNumber(value, qualifier, language)).toBe(expected);
  });

  it('formatNumber never rounds an exact Chinese figure', () => {
    expect(formatNumber(108_001, 'zh-Hans')).toBe('108,001');
  });
});

describe('formatFigure', () => {
  const figure = figureSchema.parse({
    label: { 'zh-Hans': '红色文化地标', en: 'red-culture sites' },
    value: 108,
    unit: { 'zh-Hans': '处', en: 'sites' },
  });

  it('joins number and unit as each language writes them', () => {
    expect(formatFigure(figure, 'zh-Hans', 'zh-Hans')).toEqual({
      value: '108',
      unit: '处',
      text: '108处',
      label: '红色文化地标',
    });
    expect(formatFigure(figure, 'en', 'zh-Hans')).toMatchObject({
      text: '108 sites',
      label: 'red-culture sites',
    });
  });

  it('defaults to exact and falls back to the pack language for missing translations', () => {
    const f = figureSchema.parse({ label: { 'zh-Hans': '文物' }, value: 500, qualifier: 'over' });
    expect(formatFigure(f, 'en', 'zh-Hans')).toEqual({
      value: '500+',
      unit: '',
      text: '500+',
      label: '文物',
    });
  });
});

describe('number formats are made once', () => {
  it('a page makes each language and style once; warming makes them before the first card', async () => {
    vi.resetModules();
    const made: unknown[][] = [];
    const Real = Intl.NumberFormat;
    const spy = vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (
      this: unknown,
      ...args: unknown[]
    ) {
      made.push(args);
      return new Real(...(args as ConstructorParameters<typeof Intl.NumberFormat>));
    });
    try {
      const fresh = await import('../../../../renderer/src/i18n/format-figure');
      fresh.warmNumberFormats(['zh-Hans', 'en']);
      expect(made).toHaveLength(4);
      // A card's worth of figures, twice over, in both languages: nothing new is made.
      for (let i = 0; i < 2; i++)
        for (const language of ['zh-Hans', 'en'] as const) {
          fresh.formatNumber(1200, language);
          fresh.formatNumber(30_000, language, true);
          fresh.formatNumber(5_000_000, language);
        }
      expect(made).toHaveLength(4);
      expect(fresh.formatNumber(30_000, 'zh-Hans', true)).toBe('3万');
      expect(fresh.formatNumber(5_000_000, 'en')).toBe('5 million');
      expect(fresh.formatNumber(123_456, 'en')).toBe('123,456');
    } finally {
      spy.mockRestore();
    }
  });
});
