import { describe, expect, it } from 'vitest';
import { tileGrid, tilePath, scaleFactorsFor } from '../../../../electron/node/iiif/tiles';
import {
  baseImagePath,
  chooseScaleFactor,
  iiifInfoSchema,
  visibleTiles,
} from '../../../../renderer/src/timeline/iiif';
import {
  captionFor,
  cardImagePath,
  presentableMedia,
  resolveMedia,
} from '../../../../renderer/src/timeline/media';
import { buildTimelineModel } from '../../../../renderer/src/timeline/model';
import {
  eraBands,
  fractionOfItem,
  itemAtFraction,
  scrubberTicks,
} from '../../../../renderer/src/timeline/scrubber';
import { L, bigTimeline, ev, manifest, timeline } from './helpers';

describe('year scrubber', () => {
  const model = buildTimelineModel(bigTimeline(500));

  it('maps items to fractions and back', () => {
    const n = model.items.length;
    expect(fractionOfItem(model, 0)).toBe(0);
    expect(fractionOfItem(model, n - 1)).toBe(1);
    for (const i of [0, 1, 17, 250, n - 1]) expect(itemAtFraction(model, fractionOfItem(model, i))).toBe(i);
    expect(itemAtFraction(model, -1)).toBe(0);
    expect(itemAtFraction(model, 2)).toBe(n - 1);
    const one = buildTimelineModel(timeline([ev('a', '1921')]));
    expect(fractionOfItem(one, 0)).toBe(0.5);
    expect(itemAtFraction(one, 0.9)).toBe(0);
  });

  it('labels era starts first and keeps labels apart', () => {
    const ticks = scrubberTicks(model, 'en', 0.06);
    expect(ticks.filter((t) => t.eraStart).map((t) => t.year)).toEqual([1800, 1900, 1950]);
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]!.fraction - ticks[i - 1]!.fraction).toBeGreaterThanOrEqual(0.06);
      expect(ticks[i]!.year).toBeGreaterThan(ticks[i - 1]!.year);
    }
    expect(ticks.length).toBeGreaterThan(5);
    // A label jumps to its event.
    const t1900 = ticks.find((t) => t.year === 1900);
    const item = model.items[t1900!.itemIndex];
    expect(item?.kind === 'event' && item.event.date).toBe('1900');
  });

  it('writes BCE years per language', () => {
    const m = buildTimelineModel(timeline([ev('a', '-0221'), ev('b', '1949')]));
    expect(scrubberTicks(m, 'en', 0.1).map((t) => t.label)).toEqual(['221 BCE', '1949']);
    expect(scrubberTicks(m, 'zh-Hans', 0.1).map((t) => t.label)).toEqual(['公元前221', '1949']);
  });

  it('colours the eras from their chapter card to their last event', () => {
    const bands = eraBands(model);
    expect(bands.map((b) => b.eraId)).toEqual(['a', 'b', 'c']);
    expect(bands[0]!.from).toBe(0);
    expect(bands[2]!.to).toBe(1);
    expect(bands[0]!.to).toBeLessThan(bands[1]!.from);
  });
});

describe('IIIF level-0 tiles', () => {
  const info = iiifInfoSchema.parse({
    '@context': 'http://iiif.io/api/image/3/context.json',
    width: 2048,
    height: 1536,
    tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4] }],
    sizes: [
      { width: 512, height: 384 },
      { width: 1024, height: 768 },
    ],
  });

  it('chooses the level that matches the screen', () => {
    expect(chooseScaleFactor(info, 1)).toBe(1);
    expect(chooseScaleFactor(info, 0.5)).toBe(2);
    expect(chooseScaleFactor(info, 0.3)).toBe(4);
    expect(chooseScaleFactor(info, 0.01)).toBe(4);
    expect(chooseScaleFactor(info, 4)).toBe(1);
  });

  it('lists only the tiles in view', () => {
    const all = visibleTiles(info, 1, { x0: 0, y0: 0, x1: 2048, y1: 1536 });
    expect(all).toHaveLength(12);
    const corner = visibleTiles(info, 1, { x0: 1600, y0: 1100, x1: 2048, y1: 1536 });
    expect(corner.map((t) => t.path)).toEqual(['1536,1024,512,512/512,512/0/default.jpg']);
    const middle = visibleTiles(info, 1, { x0: 500, y0: 500, x1: 1030, y1: 530 });
    expect(middle.map((t) => t.key)).toEqual(['1:0:0', '1:1:0', '1:2:0', '1:0:1', '1:1:1', '1:2:1']);
    expect(visibleTiles(info, 4, { x0: 0, y0: 0, x1: 2048, y1: 1536 }).map((t) => t.path)).toEqual([
      '0,0,2048,1536/512,384/0/default.jpg',
    ]);
  });

  it('names tiles exactly as hallpack tiles cuts them', () => {
    for (const [w, h, tile] of [
      [2048, 1536, 512],
      [1300, 900, 256],
      [20000, 13001, 512],
    ] as const) {
      const factors = scaleFactorsFor(w, h, tile);
      const inf = iiifInfoSchema.parse({
        width: w,
        height: h,
        tiles: [{ width: tile, scaleFactors: factors }],
      });
      for (const s of factors) {
        const cut = tileGrid(w, h, tile, s).map((g) => tilePath(g.region, g.size));
        const seen = visibleTiles(inf, s, { x0: 0, y0: 0, x1: w, y1: h }).map((t) => t.path);
        expect(seen).toEqual(cut);
      }
    }
  });

  it('paints a small whole image first', () => {
    expect(baseImagePath(info, 400)).toBe('full/512,384/0/default.jpg');
    expect(baseImagePath(info, 900)).toBe('full/1024,768/0/default.jpg');
    expect(baseImagePath(info, 5000)).toBe('full/1024,768/0/default.jpg');
    expect(baseImagePath({ ...info, sizes: [] }, 10)).toBeNull();
  });
});

describe('media for a language', () => {
  const m = manifest([timeline([])], {
    media: {
      narration: {
        kind: 'audio',
        src: { 'zh-Hans': 'media/n.zh.ogg', en: 'media/n.en.ogg' },
        captions: { 'zh-Hans': 'media/n.zh.vtt', en: 'media/n.en.vtt' },
        alt: L('讲解', 'Narration'),
      },
      film: {
        kind: 'video',
        src: 'media/f.webm',
        poster: 'media/f.jpg',
        captions: { 'zh-Hans': 'media/f.zh.vtt' },
      },
      photo: { kind: 'image', src: 'media/p.jpg', thumbnail: 'media/p.t.jpg', credit: { 'zh-Hans': '馆藏' } },
      model: { kind: 'model', src: 'media/m.glb' },
    },
  });
  const url = (p: string) => `pack/${p}`;

  it('picks the file and captions of the language, falling back to the default', () => {
    const en = resolveMedia(m, 'narration', 'en', url)!;
    expect(en.src).toBe('pack/media/n.en.ogg');
    expect(en.srcPath).toBe('media/n.en.ogg');
    expect(en.alt).toBe('Narration');
    expect(captionFor(en, 'en', 'zh-Hans')?.url).toBe('pack/media/n.en.vtt');
    expect(resolveMedia(m, 'narration', 'zh-Hans', url)?.src).toBe('pack/media/n.zh.ogg');
    const film = resolveMedia(m, 'film', 'en', url)!;
    expect(captionFor(film, 'en', 'zh-Hans')?.language).toBe('zh-Hans');
    expect(film.poster).toBe('pack/media/f.jpg');
    expect(resolveMedia(m, 'photo', 'en', url)?.credit).toBe('馆藏');
    expect(resolveMedia(m, 'missing', 'en', url)).toBeNull();
  });

  it('chooses card pictures and presentable media', () => {
    expect(cardImagePath(m.media.photo, 'en', 'zh-Hans')).toBe('media/p.t.jpg');
    expect(cardImagePath(m.media.film, 'en', 'zh-Hans')).toBe('media/f.jpg');
    expect(cardImagePath(m.media.narration, 'en', 'zh-Hans')).toBeUndefined();
    expect(cardImagePath(undefined, 'en', 'zh-Hans')).toBeUndefined();
    expect(presentableMedia(m, ['model', 'photo', 'gone', 'narration', 'film'])).toEqual([
      'photo',
      'narration',
      'film',
    ]);
  });
});
