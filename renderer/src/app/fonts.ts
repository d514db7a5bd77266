/**
 * The bundled faces (no CDN), loaded per language instead of in the initial stylesheet: their
 * @font-face rules (hundreds of unicode-range subsets for the CJK faces) were two thirds of the
 * initial download. Chinese needs the SC faces; English takes the Latin faces first and still
 * falls through to the SC faces for Chinese names. Each language's rules load once, when it is
 * first shown; the font files themselves load as text needs them (font-display: swap).
 */
import type { Language } from '../i18n/language';

// Only the two weights the UI uses.
const cjk = (): Promise<unknown> =>
  Promise.all([
    import('@fontsource/noto-sans-sc/400.css'),
    import('@fontsource/noto-sans-sc/700.css'),
    import('@fontsource/noto-serif-sc/400.css'),
    import('@fontsource/noto-serif-sc/700.css'),
  ]);

// Latin faces for English: the CJK faces draw ’ “ ” as wide CJK punctuation ("China’ s").
const latin = (): Promise<unknown> =>
  Promise.all([
    import('@fontsource/noto-sans/latin-400.css'),
    import('@fontsource/noto-sans/latin-700.css'),
    import('@fontsource/noto-sans/latin-ext-400.css'),
    import('@fontsource/noto-serif/latin-400.css'),
    import('@fontsource/noto-serif/latin-700.css'),
    import('@fontsource/noto-serif/latin-ext-400.css'),
  ]);

const loaded = new Map<string, Promise<void>>();

function once(key: string, load: () => Promise<unknown>): Promise<void> {
  let p = loaded.get(key);
  if (!p) {
    p = load().then(
      () => undefined,
      (error: unknown) => {
        loaded.delete(key); // a later language switch tries again
        throw error;
      },
    );
    loaded.set(key, p);
  }
  return p;
}

/** Loads the @font-face rules `language` needs (once); resolves when they are in the document. */
export function loadLanguageFonts(language: Language): Promise<void> {
  return language === 'en'
    ? Promise.all([once('latin', latin), once('cjk', cjk)]).then(() => undefined)
    : once('cjk', cjk);
}
