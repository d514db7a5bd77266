import { describe, expect, it } from 'vitest';
import {
  checkPackReferences,
  fileExtension,
  isAllowedPackFile,
  manifestTexts,
  partialDateKey,
} from '../../../electron/shared/pack-references';
import { packManifestSchema } from '../../../electron/shared/pack-schema';
import { minimalManifest, richManifest } from './manifest-fixture';

type Path = string | readonly (string | number)[];
type Mutation = (m: unknown) => void;

const segments = (path: Path): (string | number)[] =>
  typeof path === 'string' ? path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)) : [...path];

/** The container holding the last segment of `path`, and that segment. */
function locate(m: unknown, path: Path): [Record<string | number, unknown>, string | number] {
  const keys = segments(path);
  let node = m as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return [node, keys[keys.length - 1] ?? ''];
}
const get = (m: unknown, path: Path): unknown => {
  const [node, key] = locate(m, path);
  return node[key];
};
const set =
  (path: Path, value: unknown): Mutation =>
  (m) => {
    const [node, key] = locate(m, path);
    node[key] = value;
  };
const del =
  (path: Path): Mutation =>
  (m) => {
    const [node, key] = locate(m, path);
    delete node[key];
  };
const push =
  (path: Path, value: unknown): Mutation =>
  (m) => {
    (get(m, path) as unknown[]).push(value);
  };
/** Copies the value at `from` to `to` (e.g. a files entry under another name). */
const copy =
  (from: Path, to: Path): Mutation =>
  (m) =>
    set(to, get(m, from))(m);
const all =
  (...mutations: Mutation[]): Mutation =>
  (m) => {
    for (const f of mutations) f(m);
  };
const file = (name: string): Path => ['files', name];
const COVER = file('media/cover.png');

function check(mutate: Mutation = () => undefined) {
  const input = structuredClone(richManifest());
  mutate(input);
  return checkPackReferences(packManifestSchema.parse(input));
}

const codes = (mutate?: Mutation) => check(mutate).map((p) => p.code);

describe('checkPackReferences', () => {
  it('finds nothing wrong in valid manifests', () => {
    expect(check()).toEqual([]);
    expect(checkPackReferences(packManifestSchema.parse(minimalManifest()))).toEqual([]);
  });

  const cases: [string, string, Mutation, string?][] = [
    ['duplicate place id', 'ref.duplicate-id', set('places.1.id', 'boat'), 'places[1].id'],
    [
      'duplicate event id across timelines',
      'ref.duplicate-id',
      (m) =>
        push('timelines', {
          id: 'second',
          title: { 'zh-Hans': '二', en: 'Two' },
          events: [structuredClone(get(m, 'timelines.0.events.1'))],
        })(m),
    ],
    ['duplicate node id in a layer', 'ref.duplicate-id', set('layers.0.nodes.1.id', 'a')],
    ['missing category', 'ref.category-missing', set('places.0.category', 'nope'), 'places[0].category'],
    ['missing media in place', 'ref.media-missing', push('places.0.media', 'nope'), 'places[0].media[2]'],
    ['cover not an image', 'ref.media-kind', set('places.0.cover', 'narration'), 'places[0].cover'],
    ['narration not audio', 'ref.media-kind', set('sandTable.tours.0.shots.1.narration', 'cover')],
    ['regions not geojson', 'ref.media-kind', set('sandTable.base.regions', 'cover')],
    ['missing heightmap media', 'ref.media-missing', set('sandTable.base.heightmap.image', 'nope')],
    ['shot place missing', 'ref.place-missing', set('sandTable.tours.0.shots.2.place', 'nope')],
    ['shot preset missing', 'ref.preset-missing', set('sandTable.tours.0.shots.0.preset', 'nope')],
    ['shot route missing', 'ref.route-missing', set('sandTable.tours.0.shots.3.route', 'nope')],
    ['fly-to without target', 'ref.shot-target', del('sandTable.tours.0.shots.0.preset')],
    [
      'camera.initial missing',
      'ref.preset-missing',
      set('sandTable.camera.initial', 'nope'),
      'sandTable.camera.initial',
    ],
    ['route place missing', 'ref.place-missing', set('sandTable.routes.0.places.1', 'nope')],
    ['route without path or places', 'ref.route-empty', del('sandTable.routes.0.places')],
    ['node place missing', 'ref.place-missing', set('layers.0.nodes.0.place', 'nope')],
    ['node without position', 'ref.node-position', del('layers.0.nodes.1.position')],
    ['link to missing node', 'ref.node-missing', set('layers.0.links.0.to', 'zz'), 'layers[0].links[0].to'],
    ['event era missing', 'ref.era-missing', set('timelines.0.events.0.era', 'nope')],
    ['event media missing', 'ref.media-missing', push('timelines.0.events.0.media', 'nope')],
    ['event place missing', 'ref.place-missing', push('timelines.0.events.0.places', 'nope')],
    ['event tour missing', 'ref.tour-missing', push('timelines.0.events.0.tours', 'nope')],
    ['stat place missing', 'ref.place-missing', set('stats.0.place', 'nope')],
    ['attract tour missing', 'ref.tour-missing', set('attract.playlist.0.tour', 'nope')],
    ['attract timeline missing', 'ref.timeline-missing', set('attract.playlist.1.timeline', 'nope')],
    [
      'attract tour without sand table',
      'ref.sand-table-missing',
      all(del('sandTable'), set('timelines.0.events.0.tours', [])),
    ],
    ['media file not indexed', 'ref.file-not-indexed', del(COVER)],
    ['caption file not indexed', 'ref.file-not-indexed', del(file('captions/narration.en.vtt'))],
    ['font file not indexed', 'ref.file-not-indexed', del(file('fonts/rare.woff2'))],
    [
      'image with a video extension',
      'media.extension-mismatch',
      all(set('media.cover.src', 'media/cover.mp4'), copy(COVER, file('media/cover.mp4'))),
    ],
    [
      'captions not vtt',
      'media.extension-mismatch',
      all(
        set('media.narration.captions.en', 'captions/narration.en.txt'),
        copy(file('captions/narration.en.vtt'), file('captions/narration.en.txt')),
      ),
    ],
    ['font not woff2', 'media.extension-mismatch', set('theme.fonts.0.src', 'fonts/rare.ttf')],
    ['default language not listed', 'lang.default-not-listed', set('defaultLanguage', 'fr')],
    ['language listed twice', 'lang.duplicate', push('languages', 'en')],
    ['missing translation', 'lang.missing-translation', del('places.0.name.en'), 'places[0].name'],
    ['empty translation', 'lang.missing-translation', set('timelines.0.events.0.title.en', '  ')],
    ['per-language media source missing', 'lang.missing-translation', del('media.narration.src.en')],
    ['unlisted language', 'lang.unlisted', set('title.fr', 'Riche')],
    ['min distance not below max', 'range.invalid', set('sandTable.camera.limits.minDistance', 900)],
    [
      'min tilt above max',
      'range.invalid',
      all(set('sandTable.camera.limits.minTilt', 80), set('sandTable.camera.limits.maxTilt', 30)),
    ],
    ['bounds inverted', 'range.invalid', set('sandTable.bounds.west', 124)],
    ['preset outside limits', 'range.preset-outside-limits', set('sandTable.camera.presets.0.distance', 10)],
    ['place outside bounds', 'range.outside-bounds', set('places.1.position.lon', 100)],
    ['era ends before it starts', 'range.dates', set('timelines.0.eras.0.to', '1900')],
    ['event ends before it starts', 'range.dates', set('timelines.0.events.1.end', '2019-12')],
    ['place period inverted', 'range.dates', set('places.0.to', '1900')],
    ['event outside its era', 'range.event-outside-era', set('timelines.0.events.0.date', '1960')],
    [
      'link template with javascript',
      'ref.link-scheme',
      set('navigation.linkTemplate', 'javascript:alert({id})'),
    ],
    ['place link not http', 'ref.link-scheme', set('places.0.navigation.link', 'file:///etc/passwd')],
    [
      'unknown placeholder',
      'ref.link-placeholder',
      set('navigation.linkTemplate', 'https://maps.example.org/?q={lat},{lon}&x={foo}'),
    ],
    ['html file listed', 'content.forbidden-type', copy(COVER, file('page.html'))],
    ['script listed', 'content.forbidden-type', copy(COVER, file('media/x.js'))],
    ['svg listed', 'content.forbidden-type', copy(COVER, file('media/logo.svg'))],
    ['file without extension', 'content.forbidden-type', copy(COVER, file('README'))],
    ['pack.json listed', 'files.reserved', copy(COVER, file('pack.json'))],
    ['case collision', 'files.case-collision', copy(COVER, file('media/Cover.png'))],
  ];

  it.each(cases)('%s → %s', (_name, code, mutate, path) => {
    const problems = check(mutate);
    const found = problems.filter((p) => p.code === code);
    expect(found.length, JSON.stringify(problems)).toBeGreaterThan(0);
    if (path !== undefined) expect(found.map((p) => p.path)).toContain(path);
    for (const p of found) {
      expect(p.file).toBe('pack.json');
      expect(p.message.en.length).toBeGreaterThan(10);
      expect(p.message['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps warnings and errors apart', () => {
    const problems = check(del('places.0.name.en'));
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(codes(set('places.0.category', 'nope'))).toEqual(['ref.category-missing']);
  });

  it('does not ask for translations of index keys', () => {
    expect(codes(set('places.0.indexKey', { 'zh-Hans': 'H' }))).toEqual([]);
  });
});

describe('helpers', () => {
  it('reads file extensions', () => {
    expect(fileExtension('media/a.PNG')).toBe('png');
    expect(fileExtension('media/.hidden')).toBe('');
    expect(fileExtension('a.b/c')).toBe('');
    expect(isAllowedPackFile('x/y.webm')).toBe(true);
    expect(isAllowedPackFile('x/y.svg')).toBe(false);
    expect(isAllowedPackFile('x/y.htm')).toBe(false);
  });

  it('orders partial dates', () => {
    const k = (d: string) => partialDateKey(d)!;
    expect(k('1921').start).toBeLessThan(k('1921-07').start);
    expect(k('1921').end).toBeGreaterThan(k('1921-07-23').end);
    expect(k('-0221').start).toBeLessThan(k('0001').start);
    expect(k('-0221').end).toBeLessThan(k('-0220').start);
    expect(partialDateKey('July')).toBeUndefined();
  });

  it('lists every displayed text with its path', () => {
    const texts = manifestTexts(packManifestSchema.parse(richManifest()));
    const paths = texts.map((t) => t.path.join('.'));
    expect(paths).toContain('places.0.body');
    expect(paths).toContain('timelines.0.events.0.title');
    expect(paths).toContain('sandTable.tours.0.shots.0.caption');
    expect(paths).toContain('layers.0.links.0.label');
    expect(paths).toContain('media.cover.alt');
    expect(paths).toContain('stats.0.label');
    expect(texts.find((t) => t.path.join('.') === 'places.0.body')?.role).toBe('long');
  });
});
