/**
 * The bundled faces (no CDN), loaded per language instead of in the initial stylesheet: their
 * @font-face rules (hundreds of unicode-range subsets for the CJK faces) were two thirds of the
 * initial download. Chinese needs the SC faces; English takes the Latin faces first and still
 * falls through to the SC faces for Chinese names. Each language's rules load once, when it is
 * first shown; the font files themselves load as text needs them (font-display: swap).
 *
 * Nor do they load before the first screen has painted: the four CJK rule sheets are ~400 KB of
 * CSS with ~400 unicode-range faces, and fetching, parsing and matching them (then the WOFF2 files
 * they pull in, then the relayout when those swap in) came in the way of the first timeline frame.
 * That frame shows the fallback faces; the bundled ones swap in a moment later.
 * A screen whose first picture is slower than its DOM holds them until that picture is drawn too
 * (./first-picture.ts): the sand table's first frame no longer shares the machine with their relayout.
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

/** How long a slow start (the pack still loading) goes without the bundled faces at most. */
export const FONTS_LATEST_MS = 1000;

/**
 * Calls `load` once a frame has been presented after `shown` (the first screen) turned true — two
 * animation frames — or `FONTS_LATEST_MS` after the call, whichever comes first. Returns a cancel.
 */
export function afterFirstPaint(shown: boolean, load: () => void): () => void {
  let first = 0;
  let second = 0;
  const timer = setTimeout(go, FONTS_LATEST_MS);
  if (shown) first = requestAnimationFrame(() => (second = requestAnimationFrame(go)));
  function go() {
    cancel();
    load();
  }
  function cancel() {
    cancelAnimationFrame(first);
    cancelAnimationFrame(second);
    clearTimeout(timer);
  }
  return cancel;
}
