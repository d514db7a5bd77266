/**
 * The embedded default pack (assets/packs/default, source form): schema, translations, references,
 * files on disk, captions, glyph coverage, and — where the source article is beside the clone —
 * that every figure it shows is one the article states.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Figure, PackManifest } from '../../../electron/shared/pack-schema';
import { mediaFilePaths, packManifestSchema } from '../../../electron/shared/pack-schema';
import { appFontCoverage, missingGlyphs } from '../../../electron/node/lint/glyphs';
import { displayedStrings } from '../../../electron/node/lint/lint-pack';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACK_DIR = path.join(ROOT, 'assets/packs/default');
const ARTICLE = path.join(ROOT, '../shared/seed/000_559a2f4c01fe5749.txt');
const LANGUAGES = ['zh-Hans', 'en'] as const;

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

const packFiles = listFiles(PACK_DIR).filter((f) => f !== 'pack.json' && f !== 'pack.sig');
const raw: unknown = JSON.parse(readFileSync(path.join(PACK_DIR, 'pack.json'), 'utf8'));

function computeFilesIndex(): Record<string, { size: number; sha256: string }> {
  const files: Record<string, { size: number; sha256: string }> = {};
  for (const file of packFiles) {
    const bytes = readFileSync(path.join(PACK_DIR, file));
    files[file] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return files;
}

const parsed = packManifestSchema.safeParse({
  ...(raw as Record<string, unknown>),
  files: computeFilesIndex(),
});
const manifest: PackManifest = parsed.success ? parsed.data : (undefined as unknown as PackManifest);

/** Every object whose keys are all pack languages (localized texts, per-language files). */
function localizedObjects(
  value: unknown,
  at: string,
  out: Array<{ at: string; text: Record<string, unknown> }>,
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => localizedObjects(v, `${at}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([k]) => k === 'zh-Hans' || k === 'en')) {
    out.push({ at, text: value as Record<string, unknown> });
    return;
  }
  for (const [k, v] of entries) localizedObjects(v, at ? `${at}.${k}` : k, out);
}

function allFigures(m: PackManifest): Array<{ at: string; figure: Figure }> {
  const out: Array<{ at: string; figure: Figure }> = [];
  for (const p of m.places)
    p.figures.forEach((figure, i) => out.push({ at: `places.${p.id}.figures[${i}]`, figure }));
  for (const s of m.stats) out.push({ at: `stats.${s.id}`, figure: s });
  for (const layer of m.layers) {
    for (const n of layer.nodes)
      n.figures.forEach((figure, i) => out.push({ at: `layers.${layer.id}.${n.id}[${i}]`, figure }));
  }
  return out;
}

type Cue = { start: number; end: number; text: string };

function parseVtt(text: string): Cue[] {
  expect(text.startsWith('WEBVTT')).toBe(true);
  const seconds = (t: string) => {
    const [h, m, s] = t.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  const cues: Cue[] = [];
  for (const block of text.split(/\n\n+/).slice(1)) {
    const lines = block.split('\n').filter(Boolean);
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0) continue;
    const match = /^(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})$/.exec(lines[timing] ?? '');
    expect(match, `cue timing line "${lines[timing]}"`).not.toBeNull();
    cues.push({
      start: seconds(match![1]!),
      end: seconds(match![2]!),
      text: lines.slice(timing + 1).join('\n'),
    });
  }
  return cues;
}

describe('default pack (assets/packs/default)', () => {
  it('parses with the pack schema once the files index is filled in', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(manifest.id).toBe('hongse-gaoxin');
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.languages).toEqual(['zh-Hans', 'en']);
    expect(manifest.defaultLanguage).toBe('zh-Hans');
    expect((raw as Record<string, unknown>)['files']).toBeUndefined(); // source form: the build computes it
  });

  it('has every string in both languages, never empty', () => {
    const found: Array<{ at: string; text: Record<string, unknown> }> = [];
    localizedObjects(raw, '', found);
    expect(found.length).toBeGreaterThan(300);
    const incomplete = found
      .filter(({ text }) => LANGUAGES.some((l) => typeof text[l] !== 'string' || text[l].trim() === ''))
      .map(({ at }) => at);
    expect(incomplete).toEqual([]);
  });

  it('places: both languages, known category, inside the table bounds, an index key, media that exist', () => {
    const categories = new Set(manifest.categories.map((c) => c.id));
    const bounds = manifest.sandTable!.bounds;
    expect(manifest.places.length).toBe(20);
    for (const p of manifest.places) {
      expect(categories.has(p.category), `${p.id}: category ${p.category}`).toBe(true);
      for (const l of LANGUAGES) {
        for (const field of [p.name, p.summary, p.body, p.region, p.navigation?.address])
          expect(field?.[l], `${p.id} ${l}`).toBeTruthy();
        expect(p.indexKey?.[l], `${p.id} indexKey ${l}`).toMatch(/^[A-Z]$/);
      }
      expect(p.indexKey!.en).toBe(p.name.en!.charAt(0).toUpperCase());
      expect(p.position.lon).toBeGreaterThan(bounds.west);
      expect(p.position.lon).toBeLessThan(bounds.east);
      expect(p.position.lat).toBeGreaterThan(bounds.south);
      expect(p.position.lat).toBeLessThan(bounds.north);
      expect(p.media.length).toBeGreaterThan(0);
      for (const id of [...p.media, p.cover])
        expect(manifest.media[id!], `${p.id}: media ${id}`).toBeDefined();
    }
    // Every category of the red map and every theme has at least one place.
    for (const c of manifest.categories)
      expect(
        manifest.places.some((p) => p.category === c.id),
        c.id,
      ).toBe(true);
    expect(
      manifest.places
        .filter((p) => p.checkIn)
        .map((p) => p.id)
        .sort(),
    ).toEqual(
      [
        'south-lake-red-boat',
        'su-zhaozheng-hall',
        'tangjiawan-history-halls',
        'weicun-red-sail-square',
        'xixiashu-branch-site',
      ].sort(),
    );
  });

  it('timeline: every event has a known era, existing places, tours and media, and lies within its era', () => {
    const placeIds = new Set(manifest.places.map((p) => p.id));
    const tourIds = new Set(manifest.sandTable!.tours.map((t) => t.id));
    const [timeline] = manifest.timelines;
    expect(timeline).toBeDefined();
    expect(timeline!.eras.map((e) => e.id)).toEqual(['spark', 'memory', 'engine']);
    // Chapters are in order and do not overlap; each covers exactly the years of its events.
    timeline!.eras.forEach((era, i) => {
      const next = timeline!.eras[i + 1];
      if (next) expect(era.to! < next.from, `${era.id} ends before ${next.id} begins`).toBe(true);
      const years = timeline!.events
        .filter((e) => e.era === era.id)
        .flatMap((e) => [e.date, e.end ?? e.date]);
      expect(years.length, era.id).toBeGreaterThan(0);
      expect(years.map((y) => y.slice(0, 4)).sort()[0], `${era.id} from`).toBe(era.from);
      expect(
        years
          .map((y) => y.slice(0, 4))
          .sort()
          .at(-1),
        `${era.id} to`,
      ).toBe(era.to);
    });
    // Events run in date order, and no two share a "as of" label standing in for a date.
    const dates = timeline!.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(timeline!.events.filter((e) => e.displayDate && /as of/i.test(e.displayDate.en ?? ''))).toEqual(
      [],
    );
    const eras = new Map(timeline!.eras.map((e) => [e.id, e]));
    for (const e of timeline!.events) {
      const era = eras.get(e.era ?? '');
      expect(era, `${e.id}: era`).toBeDefined();
      expect(
        e.date.slice(0, 4) >= era!.from && (e.end ?? e.date).slice(0, 4) <= (era!.to ?? '9999'),
        `${e.id}: ${e.date} within ${era!.id}`,
      ).toBe(true);
      expect(e.places.length, `${e.id}: places`).toBeGreaterThan(0);
      for (const p of e.places) expect(placeIds.has(p), `${e.id}: place ${p}`).toBe(true);
      for (const t of e.tours) expect(tourIds.has(t), `${e.id}: tour ${t}`).toBe(true);
      for (const id of e.media) expect(manifest.media[id], `${e.id}: media ${id}`).toBeDefined();
    }
    expect(timeline!.events.filter((e) => e.highlight).length).toBeGreaterThanOrEqual(5);
  });

  it('sand table: tours, presets, narration with captions, attract playlist, chain layer', () => {
    const st = manifest.sandTable!;
    const placeIds = new Set(manifest.places.map((p) => p.id));
    const presets = new Set(st.camera.presets.map((p) => p.id));
    expect(presets.has(st.camera.initial)).toBe(true);
    expect(st.tours.map((t) => t.id)).toEqual(expect.arrayContaining(['zones-overview', 'red-landmarks']));
    for (const tour of st.tours) {
      for (const shot of tour.shots) {
        if (shot.kind === 'fly-to') {
          expect(shot.place === undefined || placeIds.has(shot.place), `${tour.id}: ${shot.place}`).toBe(
            true,
          );
          expect(shot.preset === undefined || presets.has(shot.preset), `${tour.id}: ${shot.preset}`).toBe(
            true,
          );
        } else if (shot.kind === 'orbit') expect(placeIds.has(shot.place)).toBe(true);
        const narration = manifest.media[shot.narration ?? ''];
        expect(narration?.kind, `${tour.id}: narration ${shot.narration}`).toBe('audio');
        for (const l of LANGUAGES) {
          expect(typeof narration!.src === 'object' && narration!.src[l]).toBeTruthy();
          expect(narration!.captions?.[l]).toBeTruthy();
        }
      }
    }
    const tours = new Set(st.tours.map((t) => t.id));
    const timelines = new Set(manifest.timelines.map((t) => t.id));
    for (const item of manifest.attract.playlist) {
      if (item.kind === 'tour') expect(tours.has(item.tour)).toBe(true);
      else expect(timelines.has(item.timeline)).toBe(true);
    }
    expect(st.hereAt?.label.en).toBe('This hall');
    for (const layer of manifest.layers) {
      const nodes = new Set(layer.nodes.map((n) => n.id));
      for (const n of layer.nodes) {
        expect(n.place !== undefined || n.position !== undefined, n.id).toBe(true);
        if (n.place) expect(placeIds.has(n.place), n.id).toBe(true);
        if (n.position) {
          expect(n.position.lon > st.bounds.west && n.position.lon < st.bounds.east, n.id).toBe(true);
          expect(n.position.lat > st.bounds.south && n.position.lat < st.bounds.north, n.id).toBe(true);
        }
      }
      for (const link of layer.links)
        expect(nodes.has(link.from) && nodes.has(link.to), `${link.from}→${link.to}`).toBe(true);
    }
  });

  it('base map: rivers only (no boundaries), a graticule and a note on the approved base map', () => {
    const base = manifest.sandTable!.base;
    expect(base.regions).toBeUndefined();
    expect(base.graticule?.stepDegrees).toBe(5);
    expect(base.approval?.['zh-Hans']).toContain('不绘制国界、省界和海岸线');
    expect(base.approval?.en).toContain('no national or provincial boundaries');
    const lines = manifest.media[base.lines!]!;
    const geo = JSON.parse(readFileSync(path.join(PACK_DIR, lines.src as string), 'utf8')) as {
      features: Array<{ properties: { kind: string }; geometry: { type: string } }>;
    };
    expect(geo.features.length).toBeGreaterThan(0);
    for (const f of geo.features) {
      expect(f.properties.kind).toBe('river');
      expect(f.geometry.type).toBe('LineString');
    }
  });

  it('media: every referenced file exists, every file is referenced, images are credited illustrations', () => {
    const referenced = new Set<string>();
    for (const [id, media] of Object.entries(manifest.media)) {
      for (const file of mediaFilePaths(media)) {
        referenced.add(file);
        expect(existsSync(path.join(PACK_DIR, file)), `${id}: ${file}`).toBe(true);
      }
      if (media.kind === 'image' || media.kind === 'video') {
        expect(media.illustration, id).toBe(true);
        for (const l of LANGUAGES) {
          expect(media.alt?.[l], `${id} alt ${l}`).toBeTruthy();
          expect(media.credit?.[l], `${id} credit ${l}`).toBeTruthy();
        }
      }
      if (media.kind === 'audio' || media.kind === 'video') {
        for (const l of LANGUAGES) expect(media.captions?.[l], `${id} captions ${l}`).toBeTruthy();
      }
    }
    expect(packFiles.filter((f) => !referenced.has(f))).toEqual([]);
  });

  it('captions parse, are in order and use only characters the bundled fonts have', () => {
    const coverage = appFontCoverage();
    for (const [id, media] of Object.entries(manifest.media)) {
      for (const [language, file] of Object.entries(media.captions ?? {})) {
        const cues = parseVtt(readFileSync(path.join(PACK_DIR, file), 'utf8'));
        expect(cues.length, `${id} ${language}`).toBeGreaterThan(0);
        let previousEnd = 0;
        for (const cue of cues) {
          expect(cue.start).toBeGreaterThanOrEqual(previousEnd - 1e-6);
          expect(cue.end).toBeGreaterThan(cue.start);
          expect(cue.text.trim()).not.toBe('');
          expect(missingGlyphs(cue.text, coverage), `${file}`).toEqual([]);
          if (language === 'zh-Hans') expect(cue.text).toMatch(/[\u4e00-\u9fff]/);
          else expect(cue.text).not.toMatch(/[\u4e00-\u9fff]/);
          previousEnd = cue.end;
        }
      }
    }
  });

  it('every displayed string is covered by the bundled fonts', () => {
    const coverage = appFontCoverage();
    const missing = displayedStrings(manifest)
      .map(({ path: at, text }) => ({ at, missing: missingGlyphs(text, coverage) }))
      .filter((m) => m.missing.length > 0);
    expect(missing).toEqual([]);
  });

  it('stays well under the 60 MB pack budget', () => {
    const total = packFiles.reduce((n, f) => n + statSync(path.join(PACK_DIR, f)).size, 0);
    expect(total).toBeLessThan(60 * 1024 * 1024);
  });

  const hasArticle = existsSync(ARTICLE);
  it.skipIf(hasArticle)(
    'source article not found at ../shared/seed/000_559a2f4c01fe5749.txt: figure check skipped',
    () => {},
  );

  it.runIf(hasArticle)('every figure and every event year is one the source article states', () => {
    const article = readFileSync(ARTICLE, 'utf8');
    const numerals = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    const stated = (v: number): boolean => {
      const forms = [String(v)];
      if (v % 1e8 === 0) forms.push(`${v / 1e8}亿`);
      if (v % 1e4 === 0) forms.push(`${v / 1e4}万`);
      if (v <= 10 && numerals[v]) forms.push(`${numerals[v]}级`, `${numerals[v]}大类`);
      return forms.some((form) => new RegExp(`(?<![\\d.])${form}(?![\\d.])`).test(article));
    };
    const unstated = allFigures(manifest)
      .filter(({ figure }) => !stated(figure.value))
      .map(({ at, figure }) => `${at}: ${figure.value}`);
    expect(unstated).toEqual([]);
    for (const { figure } of allFigures(manifest))
      expect(figure.source?.['zh-Hans']).toContain('红色基因转化为国家高新区澎湃动能');

    // Years not printed in the article, each with the reason it is still a fact.
    const derivedYears: Record<string, string> = {
      '1921': 'founding year: 2026 is the 105th anniversary (both in the article)',
      '1949': 'year of the Yangtze River Crossing Campaign and the liberation of Changzhou (general history)',
    };
    for (const e of manifest.timelines[0]!.events) {
      const year = e.date.slice(0, 4);
      expect(article.includes(`${year}年`) || year in derivedYears, `${e.id}: ${year}`).toBe(true);
    }
  });
});
