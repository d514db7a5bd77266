import type { LocalizedText } from '../../../electron/shared/pack-schema';
import type { Language } from './language';
import type { StringKey } from './strings';
import { en, zhHans } from './strings';

export type TranslateParams = Readonly<Record<string, string | number>>;

const tables: Record<Language, Record<StringKey, string>> = { 'zh-Hans': zhHans, en };

/** The pack's overrides of UI strings (manifest `strings`), replaced when a pack loads. */
let packStrings: Readonly<Record<string, LocalizedText>> = {};

/** A pack arrived: its `strings` replace the app's wording for the keys it names. */
export function packStringsLoaded(strings: Readonly<Record<string, LocalizedText>>): void {
  packStrings = strings;
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(language: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(n);
}

/** `{name, plural, one {…} other {…}}` → the form for `params[name]`, `#` replaced by the number. */
function fillPlurals(text: string, params: TranslateParams, language: string): string {
  return text.replace(
    /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g,
    (whole, name: string, body: string) => {
      const value = Number(params[name]);
      if (!Number.isFinite(value)) return whole;
      const forms = new Map<string, string>();
      for (const m of body.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) {
        forms.set(m[1] ?? '', m[2] ?? '');
      }
      const form = forms.get(`=${value}`) ?? forms.get(pluralCategory(language, value)) ?? forms.get('other');
      return form === undefined ? whole : form.replace(/#/g, String(params[name]));
    },
  );
}

/**
 * `text` with its placeholders filled from `params`: `{name}`, and plural forms chosen with
 * `Intl.PluralRules` for `language` (`{count, plural, one {# group} other {# groups}}`); unknown
 * names are left as they are.
 */
export function fillPlaceholders(text: string, params?: TranslateParams, language = 'en'): string {
  if (!params) return text;
  return fillPlurals(text, params, language).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A UI string: the pack's wording for `key` in `language` when it has one, else `builtIn`; filled. */
export function uiString(language: Language, key: string, builtIn: string, params?: TranslateParams): string {
  const own = packStrings[key]?.[language];
  return fillPlaceholders(own !== undefined && own !== '' ? own : builtIn, params, language);
}

/** The UI string `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: StringKey, params?: TranslateParams): string {
  return uiString(language, key, tables[language][key], params);
}
