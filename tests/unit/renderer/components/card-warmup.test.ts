import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import {
  cardTexts,
  fontLoads,
  warmCardFonts,
} from '../../../../renderer/src/components/sand-table/card-warmup';

const pack: PackManifest = packManifestSchema.parse(
  JSON.parse(readFileSync('tests/fixtures/packs/sand-small/pack.json', 'utf8')),
);
// One place only, so each character's face is known: name 瞿秋白纪念馆, heading 纪念馆, bold 测试,
// figure "60余件" (zh) / "60+ items" (en), figure label 馆藏文物.
const manifest: PackManifest = { ...pack, places: pack.places.filter((p) => p.id === 'qiu-memorial') };

describe('card warm-up: the characters each face of the place card shows', () => {
  const zh = cardTexts(manifest, ['zh-Hans'], ['一键介绍']);

  it('names and story headings in the bold serif, bold words in the bold sans', () => {
    expect(zh['serif-700']).toBe([...new Set('瞿秋白纪念馆')].sort().join(''));
    expect(zh['sans-700']).toBe([...'测试'].sort().join(''));
  });

  it('figures in the serif, as the card formats them', () => {
    expect(zh['serif-400']).toBe([...new Set('60余件')].sort().join(''));
  });

  it('category, summary, story, figure labels and the card strings in the sans', () => {
    for (const ch of '革命人物测试地点正文第一条二馆藏文物一键介绍') expect(zh['sans-400']).toContain(ch);
    // Names also show in the sans, under the other language's name.
    expect(zh['sans-400']).toContain('瞿');
  });

  it('deduplicated, sorted, without white space', () => {
    for (const text of Object.values(zh)) {
      expect(text).not.toMatch(/\s/u);
      expect([...text]).toEqual([...new Set(text)].sort());
    }
  });

  it('every language the kiosk may show', () => {
    const both = cardTexts(manifest, ['zh-Hans', 'en'], []);
    for (const ch of 'QuiMemorial') expect(both['serif-700']).toContain(ch);
    for (const ch of '60+items') expect(both['serif-400']).toContain(ch);
    expect(both['sans-700']).toContain('t');
    expect(zh['serif-700']).not.toContain('Q');
  });
});

describe('card warm-up: font loads', () => {
  it('one CSS font shorthand per face with text, in the page families', () => {
    const loads = fontLoads(
      { 'serif-700': '名', 'serif-400': '6', 'sans-400': '文', 'sans-700': '' },
      { sans: " 'Noto Sans SC', sans-serif", serif: "'Noto Serif SC', serif " },
    );
    expect(loads).toEqual([
      { font: "700 16px 'Noto Serif SC', serif", text: '名' },
      { font: "400 16px 'Noto Serif SC', serif", text: '6' },
      { font: "400 16px 'Noto Sans SC', sans-serif", text: '文' },
    ]);
  });

  it('nothing when the page has no families (styles not there)', () => {
    expect(
      fontLoads(
        { 'serif-700': 'a', 'serif-400': 'b', 'sans-400': 'c', 'sans-700': 'd' },
        { sans: '', serif: ' ' },
      ),
    ).toEqual([]);
  });

  it('asks for all faces at once and counts the slices; a failing face does not stop the others', async () => {
    const asked: string[] = [];
    const fonts = {
      load: (font: string) => {
        asked.push(font);
        if (font.startsWith('700')) return Promise.reject(new Error('network'));
        return Promise.resolve([{} as FontFace, {} as FontFace]);
      },
    };
    const n = await warmCardFonts(fonts, [
      { font: '700 16px serif', text: 'a' },
      { font: '400 16px serif', text: 'b' },
      { font: '400 16px sans-serif', text: 'c' },
    ]);
    expect(asked).toHaveLength(3);
    expect(n).toBe(4);
  });
});
