/**
 * What the first place card needs before a visitor taps it: the font faces it is the first screen
 * to use. The web fonts come in unicode-range slices, and Blink fetches and decodes a slice the
 * first time it lays out one of its glyphs. The first card (a serif title in bold, serif figures,
 * its own characters) used to start six or seven slices inside the tap's layout, shape with
 * fallback faces and swap them later. Once the table is ready, while the kiosk idles,
 * `warmCardFonts` asks `document.fonts` for exactly the slices the cards of the pack use.
 */
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { localize } from '../../../../electron/shared/pack-schema';
import { parseMarkdown } from '../../../../electron/shared/markdown';
import type { MdInline } from '../../../../electron/shared/markdown';
import { formatFigure } from '../../i18n/format-figure';
import type { Language } from '../../i18n/language';

/** The faces of sand-table.css's place card (family and weight). */
export type CardFace = 'serif-700' | 'serif-400' | 'sans-400' | 'sans-700';

/** The characters each face shows in some card, deduplicated and sorted. */
export type CardTexts = Record<CardFace, string>;

function inlineText(nodes: readonly MdInline[], strongOnly: boolean, inStrong = false): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return !strongOnly || inStrong ? n.text : '';
        case 'break':
          return '';
        case 'strong':
          return inlineText(n.children, strongOnly, true);
        case 'em':
          return inlineText(n.children, strongOnly, inStrong);
      }
    })
    .join('');
}

/** Heading text (serif, bold) and bold text (sans, bold) of a card body. */
function bodyParts(body: string): { headings: string; strong: string; all: string } {
  const parts = { headings: '', strong: '', all: '' };
  for (const b of parseMarkdown(body).blocks) {
    switch (b.type) {
      case 'heading':
        parts.headings += inlineText(b.children, false);
        break;
      case 'paragraph':
        parts.strong += inlineText(b.children, true);
        parts.all += inlineText(b.children, false);
        break;
      case 'list':
        for (const item of b.items) {
          parts.strong += inlineText(item, true);
          parts.all += inlineText(item, false);
        }
        break;
    }
  }
  return parts;
}

function unique(text: string): string {
  return [...new Set(text.replace(/\s+/gu, ''))].sort().join('');
}

/**
 * The characters of every place's card in `languages`, per face: names in the bold serif, figures in
 * the serif, headings of the story in the bold serif, its bold words in the bold sans, and the rest
 * (category, names in the other language, summary, story, figure labels, `uiStrings`) in the sans.
 */
export function cardTexts(
  manifest: PackManifest,
  languages: readonly Language[],
  uiStrings: readonly string[],
): CardTexts {
  const fallback = manifest.defaultLanguage;
  const out = { 'serif-700': '', 'serif-400': '', 'sans-400': uiStrings.join(''), 'sans-700': '' };
  for (const language of languages) {
    for (const c of manifest.categories) out['sans-400'] += localize(c.name, language, fallback);
    for (const place of manifest.places) {
      const name = localize(place.name, language, fallback);
      out['serif-700'] += name;
      out['sans-400'] += name + localize(place.summary, language, fallback);
      const body = bodyParts(localize(place.body, language, fallback));
      out['serif-700'] += body.headings;
      out['sans-700'] += body.strong;
      out['sans-400'] += body.all;
      for (const f of place.figures) {
        const ff = formatFigure(f, language, fallback);
        out['serif-400'] += ff.text;
        out['sans-400'] += ff.label;
      }
    }
  }
  return {
    'serif-700': unique(out['serif-700']),
    'serif-400': unique(out['serif-400']),
    'sans-400': unique(out['sans-400']),
    'sans-700': unique(out['sans-700']),
  };
}

/** `document.fonts.load` arguments for the texts: a CSS font shorthand and the text. */
export function fontLoads(
  texts: CardTexts,
  families: { sans: string; serif: string },
): { font: string; text: string }[] {
  const faces: [CardFace, string, string][] = [
    ['serif-700', '700', families.serif],
    ['serif-400', '400', families.serif],
    ['sans-400', '400', families.sans],
    ['sans-700', '700', families.sans],
  ];
  return faces
    .filter(([face, , family]) => texts[face] !== '' && family.trim() !== '')
    .map(([face, weight, family]) => ({ font: `${weight} 16px ${family.trim()}`, text: texts[face] }));
}

/**
 * Asks for every face's slices at once: each batch of slices that arrives makes Blink lay out and
 * repaint the text of those families (under software GL a full frame), so one batch costs one
 * such frame. Resolves with the number of slices loaded; a slice that fails is left to the page's
 * own loading (the card then shows a fallback face first, as before).
 */
export async function warmCardFonts(
  fonts: Pick<FontFaceSet, 'load'>,
  loads: readonly { font: string; text: string }[],
): Promise<number> {
  const results = await Promise.allSettled(loads.map((l) => fonts.load(l.font, l.text)));
  return results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.length : 0), 0);
}
