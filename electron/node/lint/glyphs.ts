/**
 * Glyph coverage: which characters the kiosk can draw with the fonts it ships (Noto Sans SC and
 * Noto Serif SC from @fontsource) plus any WOFF2 fonts a pack brings. A name with a rare
 * character that no font has would show as a box on the hall's screen; the lint catches it before
 * the pack leaves the author's PC.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** A set of Unicode code points. */
export type Coverage = { has(codePoint: number): boolean; size: number };

/** Code point ranges of one or more `unicode-range` CSS descriptors. */
export function parseUnicodeRanges(css: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of css.matchAll(/unicode-range:\s*([^;]+);/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const token = part.trim().replace(/^U\+/i, '');
      if (!token) continue;
      if (token.includes('?')) {
        ranges.push([parseInt(token.replace(/\?/g, '0'), 16), parseInt(token.replace(/\?/g, 'f'), 16)]);
      } else if (token.includes('-')) {
        const [a, b] = token.split('-');
        ranges.push([parseInt(a ?? '', 16), parseInt(b ?? '', 16)]);
      } else {
        const cp = parseInt(token, 16);
        ranges.push([cp, cp]);
      }
    }
  }
  return ranges.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a <= b);
}

/** A coverage from sorted, merged ranges, searched by bisection. */
export function coverageFromRanges(input: Array<[number, number]>): Coverage {
  const sorted = [...input].sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const size = merged.reduce((n, [a, b]) => n + (b - a + 1), 0);
  return {
    size,
    has(cp: number) {
      let lo = 0;
      let hi = merged.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [a, b] = merged[mid]!;
        if (cp < a) hi = mid - 1;
        else if (cp > b) lo = mid + 1;
        else return true;
      }
      return false;
    },
  };
}

export function unionCoverage(...parts: Coverage[]): Coverage {
  return { size: Math.max(0, ...parts.map((p) => p.size)), has: (cp) => parts.some((p) => p.has(cp)) };
}

let appCoverage: Coverage | undefined;

/**
 * The app's bundled fonts. The @fontsource CSS lists, per WOFF2 slice, exactly the code points
 * that slice holds, so the union of its `unicode-range`s is the font's coverage. Computed once
 * per process: the installed fonts do not change, and every `lintPack` asks for them.
 */
export function appFontCoverage(): Coverage {
  return (appCoverage ??= readAppFontCoverage());
}

function readAppFontCoverage(): Coverage {
  const require = createRequire(import.meta.url);
  const ranges: Array<[number, number]> = [];
  for (const pkg of ['@fontsource/noto-sans-sc/400.css', '@fontsource/noto-serif-sc/400.css']) {
    ranges.push(...parseUnicodeRanges(readFileSync(require.resolve(pkg), 'utf8')));
  }
  return coverageFromRanges(ranges);
}

/** Coverage of a font file (WOFF2, WOFF, TTF, OTF) brought by a pack. */
export function fontFileCoverage(bytes: Uint8Array): Coverage {
  const font = fontkit.create(Buffer.from(bytes));
  const faces = 'fonts' in font ? font.fonts : [font];
  const points = new Set<number>();
  for (const face of faces) for (const cp of face.characterSet) points.add(cp);
  return { size: points.size, has: (cp) => points.has(cp) };
}

/** Characters that need no glyph: whitespace, controls, joiners, variation selectors. */
export function needsGlyph(cp: number): boolean {
  if (cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0)) return false;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return false;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return false;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x3000) return false;
  return true;
}

/** Distinct characters of `text` that `coverage` lacks, in order of appearance. */
export function missingGlyphs(text: string, coverage: Coverage): string[] {
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (seen.has(cp)) continue;
    seen.add(cp);
    if (needsGlyph(cp) && !coverage.has(cp)) missing.push(ch);
  }
  return missing;
}
