import type { Theme } from '../../../electron/shared/pack-schema';
import { errorData, log } from './log';
import { packUrl } from './pack';

const loaded = new Map<string, FontFace>();

/**
 * Registers the pack's own WOFF2 fonts (rare characters the bundled Noto fonts lack) and
 * returns their family names, to be placed after the app's fonts in the font stacks.
 */
export function registerPackFonts(fonts: Theme['fonts']): string[] {
  if (typeof FontFace === 'undefined') return [];
  const families: string[] = [];
  for (const font of fonts) {
    const key = `${font.family}\u0000${font.src}`;
    families.push(font.family);
    if (loaded.has(key)) continue;
    const face = new FontFace(font.family, `url("${packUrl(font.src)}") format("woff2")`, {
      display: 'swap',
    });
    loaded.set(key, face);
    document.fonts.add(face);
    face
      .load()
      .catch((error: unknown) =>
        log.warn('pack font failed to load', { family: font.family, ...errorData(error) }),
      );
  }
  return families;
}
