import { describe, expect, it } from 'vitest';
import {
  isLanguage,
  languageLabel,
  supportedLanguages,
  UI_LANGUAGES,
} from '../../../../renderer/src/i18n/language';
import { en, zhHans } from '../../../../renderer/src/i18n/strings';
import type { StringKey } from '../../../../renderer/src/i18n/strings';
import { fillPlaceholders, packStringsLoaded, translate } from '../../../../renderer/src/i18n/translate';
import { sandText } from '../../../../renderer/src/components/sand-table/strings';
import { timelineText } from '../../../../renderer/src/timeline/strings';

/** `{name}` and `{name, plural, …}` placeholders. */
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|,\s*plural)/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const keys = Object.keys(zhHans) as StringKey[];

  it('every key exists, non-empty, in both languages, and nothing extra', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(zhHans[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('both languages use the same placeholders', () => {
    for (const key of keys) expect(placeholders(en[key]), key).toEqual(placeholders(zhHans[key]));
  });

  it('Chinese strings are Chinese and English strings have no CJK', () => {
    for (const key of keys) {
      expect(zhHans[key], key).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key], key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('translate fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'idle.body', { seconds: 7 })).toBe('Returning to the start in 7 seconds.');
    expect(translate('zh-Hans', 'idle.body', { seconds: 7 })).toBe('7 秒后将返回首页。');
    expect(translate('en', 'idle.body')).toContain('{seconds}');
    expect(translate('zh-Hans', 'attract.touchToBegin')).toBe('触摸屏幕开始');
  });
});

describe('plurals and pack wording', () => {
  it('chooses plural forms with Intl.PluralRules', () => {
    const text = '{count, plural, one {# group} other {# groups}} checked in';
    expect(fillPlaceholders(text, { count: 1 }, 'en')).toBe('1 group checked in');
    expect(fillPlaceholders(text, { count: 0 }, 'en')).toBe('0 groups checked in');
    expect(fillPlaceholders(text, { count: 5 }, 'en')).toBe('5 groups checked in');
    expect(fillPlaceholders('{n, plural, =0 {none} other {# left}}', { n: 0 }, 'en')).toBe('none');
    expect(fillPlaceholders(text, {}, 'en')).toBe(text);
  });

  it('says "1 group", "1 event", "1 place" in English', () => {
    expect(sandText('en', 'checkin.totals', { groups: 1, people: 1 })).toBe(
      '1 group, 1 person has checked in here',
    );
    expect(sandText('en', 'checkin.totals', { groups: 2, people: 30 })).toBe(
      '2 groups, 30 people have checked in here',
    );
    expect(timelineText('en', 'timeline.events', { count: 1 })).toBe('1 event');
    expect(sandText('en', 'catalogue.count', { count: 1 })).toBe('1 place');
    expect(translate('en', 'staff.pin.entered', { count: 1 })).toBe('1 digit entered');
    expect(sandText('zh-Hans', 'checkin.totals', { groups: 1, people: 1 })).toBe('已有 1 批次、1 人在此报到');
  });

  it('a pack overrides any visitor string, per language, with the same placeholders', () => {
    try {
      packStringsLoaded({
        'attract.touchToBegin': { 'zh-Hans': '请触摸屏幕', en: '' },
        'timeline.events': { en: '{count, plural, one {# story} other {# stories}}' },
        'sand.reset': { en: 'Start view' },
      });
      expect(translate('zh-Hans', 'attract.touchToBegin')).toBe('请触摸屏幕');
      // An empty override keeps the app's wording.
      expect(translate('en', 'attract.touchToBegin')).toBe('Touch the screen to begin');
      expect(timelineText('en', 'timeline.events', { count: 1 })).toBe('1 story');
      expect(timelineText('zh-Hans', 'timeline.events', { count: 3 })).toBe('3 个事件');
      expect(sandText('en', 'sand.reset')).toBe('Start view');
    } finally {
      packStringsLoaded({});
    }
    expect(sandText('en', 'sand.reset')).not.toBe('Start view');
  });
});

describe('languages', () => {
  it('knows its UI languages and their self-names', () => {
    expect(UI_LANGUAGES).toEqual(['zh-Hans', 'en']);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(languageLabel('zh-Hans')).toBe('中文');
    expect(languageLabel('en')).toBe('EN');
  });

  it('supportedLanguages keeps pack order and never returns nothing', () => {
    expect(supportedLanguages(['en', 'fr', 'zh-Hans'])).toEqual(['en', 'zh-Hans']);
    expect(supportedLanguages(['fr'])).toEqual(['zh-Hans']);
  });
});
