/** Languages the app's own UI speaks. A pack may list others; they fall back to these. */
export const UI_LANGUAGES = ['zh-Hans', 'en'] as const;

export type Language = (typeof UI_LANGUAGES)[number];

export function isLanguage(tag: string): tag is Language {
  return (UI_LANGUAGES as readonly string[]).includes(tag);
}

/** The label a visitor reads on the toggle: each language names itself. */
export function languageLabel(language: Language): string {
  switch (language) {
    case 'zh-Hans':
      return '中文';
    case 'en':
      return 'EN';
  }
}

/** The pack's languages the UI can present, in pack order; never empty. */
export function supportedLanguages(packLanguages: readonly string[]): Language[] {
  const found = packLanguages.filter(isLanguage);
  return found.length > 0 ? found : ['zh-Hans'];
}
