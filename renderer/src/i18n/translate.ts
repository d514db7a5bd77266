import type { Language } from './language';
import type { StringKey } from './strings';
import { en, zhHans } from './strings';

export type TranslateParams = Readonly<Record<string, string | number>>;

const tables: Record<Language, Record<StringKey, string>> = { 'zh-Hans': zhHans, en };

/** `text` with its `{name}` placeholders filled from `params`; unknown names are left as they are. */
export function fillPlaceholders(text: string, params?: TranslateParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The UI string `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: StringKey, params?: TranslateParams): string {
  return fillPlaceholders(tables[language][key], params);
}
