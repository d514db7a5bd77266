import { describe, expect, it } from 'vitest';
import {
  appFontCoverage,
  coverageFromRanges,
  missingGlyphs,
  parseUnicodeRanges,
} from '../../../../electron/node/lint/glyphs';

describe('unicode-range parsing', () => {
  it('reads single points, ranges and wildcards', () => {
    const ranges = parseUnicodeRanges('a { unicode-range: U+0041, U+4E00-4E0F, U+02??; }');
    expect(ranges).toEqual([
      [0x41, 0x41],
      [0x4e00, 0x4e0f],
      [0x200, 0x2ff],
    ]);
    const c = coverageFromRanges(ranges);
    expect(c.has(0x41)).toBe(true);
    expect(c.has(0x42)).toBe(false);
    expect(c.has(0x4e05)).toBe(true);
    expect(c.has(0x2ff)).toBe(true);
    expect(c.size).toBe(1 + 16 + 256);
  });
});

describe('bundled font coverage', () => {
  const coverage = appFontCoverage();
  it('covers the names of the default pack, including rarer characters', () => {
    expect(
      missingGlyphs(
        '恽代英 苏兆征故居 西夏墅 唐家湾 魏村红帆 平顶山 景德镇 中关村 «Xi’an» — 1926年',
        coverage,
      ),
    ).toEqual([]);
  });
  it('finds characters no bundled font has', () => {
    expect(missingGlyphs('𠮷野家 😀', coverage)).toEqual(['𠮷', '😀']);
  });
  it('ignores whitespace and joiners', () => {
    expect(missingGlyphs(' \n\t\u200d\u3000', coverage)).toEqual([]);
  });
});
