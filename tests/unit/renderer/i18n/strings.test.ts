import { describe, expect, it } from 'vitest';
import {
  isLanguage,
  languageLabel,
  supportedLanguages,
  UI_LANGUAGES,
} from '../../../../renderer/src/i18n/language';
import { en, zhHans } from '../../../../renderer/src/i18n/strings';
import type { StringKey } from '../../../../renderer/src/i18n/strings';
import { translate } from '../../../../renderer/src/i18n/translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
