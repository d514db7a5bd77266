/**
 * The content pack format, `hallpack/1`.
 *
 * One zod schema is the single source of truth: the TypeScript types are inferred from it, the
 * JSON Schema in `docs/pack.schema.json` and the field reference in `docs/pack-reference.md` are
 * generated from it, and every reader of a pack (pack store, request handler, CLI, renderer)
 * parses `pack.json` with it. Cross-references (a place's category exists, a media id resolves …)
 * are checked separately by `checkPackReferences`.
 *
 * Every field carries a description and an example (`doc()`); every text has a length cap by its
 * kind (`TEXT_LIMITS`): over the hard cap the pack is refused, over the display width lint warns.
 */
import { z } from 'zod';

/** The only format string this version reads. */
export const PACK_FORMAT = 'hallpack/1';

import { MAX_PACK_PATH_LENGTH, isSafePackPath } from './pack-path';

export { MAX_PACK_PATH_LENGTH, isSafePackPath };

/**
 * Length caps of visitor-facing text by kind. `max` (characters) refuses the pack: text that long
 * breaks layouts. `width` is what fits the screen without cutting, in display columns (a CJK
 * character counts 2, see `displayWidth`): `hallpack lint` warns above it.
 */
export const TEXT_LIMITS = {
  /** Short labels: units, regions, index keys, display dates, preset names. */
  label: { max: 200, width: 40 },
  /** Titles and names: pack, places, events, eras, tours, categories, figure labels. */
  title: { max: 300, width: 80 },
  /** One line of supporting text: captions, credits, sources, addresses, alt text. */
  line: { max: 1000, width: 240 },
  /** A paragraph: summaries, descriptions, intros, event text. */
  paragraph: { max: 5000, width: 1200 },
  /** A place's long text (Markdown), read in a scrolling card. */
  body: { max: 50000, width: 20000 },
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** Key under which a text kind is recorded in a string schema's metadata (and the JSON Schema). */
export const TEXT_KIND_META = 'x-text-kind';

/** Display columns of `s`: 2 per wide (CJK, fullwidth) code point, 1 otherwise. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Documents a field: what it means and one example value (docs/pack-reference.md, editors). */
function doc<T extends z.ZodType>(schema: T, description: string, example: unknown): T {
  return schema.meta({ description, examples: [example] });
}

/** Identifier of anything inside a pack: lower-case ASCII, digits, `.`, `_`, `-`. */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'ids are 1–64 characters: a–z, 0–9, ".", "_", "-", starting with a letter or digit',
  );

/** A pack id, also used as a folder name in the store. */
export const packIdSchema = idSchema;

/** Semantic version `MAJOR.MINOR.PATCH` with optional pre-release; no build metadata. */
export const semverSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/,
    'version must be semver, e.g. 1.2.0',
  );

/** BCP-47 language tag as used by the pack (`zh-Hans`, `en`, `en-GB`). */
export const languageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP-47 tag such as zh-Hans or en');

/**
 * Text in several languages, keyed by BCP-47 tag; missing languages fall back to the pack default.
 * Uncapped: for readers outside the pack format. Pack fields use `localizedText(kind)`.
 */
export const localizedTextSchema = z.record(languageTagSchema, z.string());

/** Visitor-facing text in several languages, capped by its kind (see `TEXT_LIMITS`). */
export function localizedText(kind: TextKind) {
  return z.record(
    languageTagSchema,
    z
      .string()
      .max(TEXT_LIMITS[kind].max)
      .meta({ [TEXT_KIND_META]: kind }),
  );
}

/**
 * A relative path inside a pack: forward slashes, no `..`, no leading `/`, no drive letter,
 * no backslash, no NUL, no empty segment. The store re-checks every path it writes.
 */
export const packPathSchema = z
  .string()
  .min(1)
  .max(MAX_PACK_PATH_LENGTH)
  .refine((p) => isSafePackPath(p), 'path must be relative, use "/", and contain no "..", "\\", ":" or NUL');

/**
 * Date as written by historians: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a leading `-` for years
 * before the common era (astronomical numbering is not implied: `-0221` means 221 BCE).
 */
export const partialDateSchema = z
  .string()
  .regex(
    /^-?\d{1,6}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'date must be YYYY, YYYY-MM or YYYY-MM-DD',
  );

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');

export const lonLatSchema = z.object({
  lon: doc(z.number().min(-180).max(180), 'Longitude in degrees (WGS 84), east positive.', 121.5),
  lat: doc(z.number().min(-90).max(90), 'Latitude in degrees (WGS 84), north positive.', 31.2),
});

const dateExample = '1921-07';

/** An item shown only within a period (time slider, layers by era). */
const periodShape = {
  from: doc(
    partialDateSchema.optional(),
    'First date this is shown on the time slider (YYYY, YYYY-MM or YYYY-MM-DD; "-" before the year for BCE). Omit for "always".',
    '1921',
  ),
  to: doc(
    partialDateSchema.optional(),
    'Last date this is shown on the time slider. Omit for "until today".',
    '1949-10-01',
  ),
};

export const fileEntrySchema = z.object({
  size: doc(z.number().int().nonnegative(), 'Size of the file in bytes.', 48213),
  sha256: doc(
    z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits'),
    'SHA-256 of the file, 64 lower-case hex digits.',
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  ),
});

export const figureSchema = z.object({
  label: doc(localizedText('title'), 'What is counted.', { 'zh-Hans': '党员人数', en: 'Party members' }),
  value: doc(z.number(), 'The number, unformatted (the kiosk formats it per language).', 1200),
  unit: doc(localizedText('label').optional(), 'Unit shown after the number.', {
    'zh-Hans': '人',
    en: 'people',
  }),
  /** `over` renders "60+" / "超过60"; `about` renders "≈" / "约". */
  qualifier: doc(
    z.enum(['exact', 'over', 'about']).default('exact'),
    '"over" shows "60+" / "超过60"; "about" shows "≈" / "约"; "exact" shows the number as is.',
    'over',
  ),
  source: doc(localizedText('line').optional(), 'Where the number comes from (shown small).', {
    'zh-Hans': '《党史资料》2021年',
    en: 'Party history records, 2021',
  }),
});

export const categorySchema = z.object({
  id: doc(idSchema, 'Id that places use in their "category" field.', 'sites'),
  name: doc(localizedText('title'), 'Name in the legend and the catalogue filters.', {
    'zh-Hans': '革命旧址',
    en: 'Revolutionary sites',
  }),
  color: doc(colorSchema, 'Marker colour, #rrggbb.', '#b3261e'),
  shape: doc(
    z.enum(['circle', 'square', 'diamond', 'star', 'flag', 'triangle']).default('circle'),
    'Marker shape, so categories differ by more than colour.',
    'star',
  ),
  /** The four categories of a red-culture map, or a theme of the pack. */
  group: doc(
    z.enum(['red-map', 'theme']).default('red-map'),
    '"red-map" for the four categories of a red-culture map, "theme" for a theme of the pack.',
    'red-map',
  ),
});

export const placeSchema = z.object({
  id: doc(
    idSchema,
    'Id of the place (a–z, 0–9, ".", "_", "-"), used by events, tours and routes.',
    'south-lake',
  ),
  category: doc(idSchema, "Id of one of the pack's categories.", 'sites'),
  position: doc(lonLatSchema, 'Where the marker stands (WGS 84 degrees).', { lon: 120.75, lat: 30.75 }),
  name: doc(localizedText('title'), 'Name on the marker label and the place card.', {
    'zh-Hans': '南湖红船',
    en: 'Red Boat on South Lake',
  }),
  summary: doc(localizedText('paragraph'), 'One or two sentences on the place card and in the catalogue.', {
    'zh-Hans': '中共一大在此闭幕。',
    en: 'Where the First Party Congress closed.',
  }),
  /** Markdown subset: paragraphs, **bold**, *italic*, lists, headings (##). No HTML. */
  body: doc(
    localizedText('body').optional(),
    'Long text of the place card (介绍). Markdown subset: paragraphs, **bold**, *italic*, lists, ## headings; no HTML.',
    { 'zh-Hans': '## 历史\n\n1921年8月……', en: '## History\n\nIn August 1921 …' },
  ),
  /** Region label for catalogue filters (e.g. a city). */
  region: doc(localizedText('label').optional(), 'Region for the catalogue filters, e.g. a city.', {
    'zh-Hans': '嘉兴',
    en: 'Jiaxing',
  }),
  /** Index key per language for the A–Z / pinyin-initial index (e.g. `{ "zh-Hans": "C" }`). */
  indexKey: doc(
    localizedText('label').optional(),
    'Letter under which the place is filed in the A–Z / pinyin-initial index, per language (computed when omitted).',
    { 'zh-Hans': 'N', en: 'R' },
  ),
  media: doc(z.array(idSchema).default([]), 'Ids of media shown on the place card, in order.', [
    'south-lake-photo',
  ]),
  cover: doc(
    idSchema.optional(),
    'Id of the image shown first (defaults to the first image of "media").',
    'south-lake-photo',
  ),
  figures: doc(z.array(figureSchema).default([]), 'Key figures shown on the place card.', [
    { label: { 'zh-Hans': '代表', en: 'Delegates' }, value: 13 },
  ]),
  navigation: doc(
    z
      .object({
        address: doc(localizedText('line').optional(), 'Postal address shown beside the QR code.', {
          'zh-Hans': '浙江省嘉兴市南湖区',
          en: 'Nanhu District, Jiaxing, Zhejiang',
        }),
        /** Overrides the pack's link template for this place. */
        link: doc(
          z.string().max(2000).url().optional(),
          "Map link for the QR code; overrides the pack's navigation.linkTemplate for this place.",
          'https://uri.amap.com/marker?position=120.75,30.75',
        ),
      })
      .optional(),
    'How to get there (导航): address and QR link.',
    { address: { 'zh-Hans': '浙江省嘉兴市南湖区', en: 'Nanhu District, Jiaxing' } },
  ),
  checkIn: doc(z.boolean().default(false), 'Offer "check in" (报到) on this place\'s card.', true),
  ...periodShape,
});

/** Camera pose on the table, expressed around a geographic target. */
export const cameraPoseSchema = z.object({
  target: doc(lonLatSchema, 'The point the camera looks at.', { lon: 116.4, lat: 39.9 }),
  /** Distance from target in table units. */
  distance: doc(z.number().positive(), 'Distance from the target in table units.', 40),
  /** Degrees above the table plane: 90 looks straight down. */
  tilt: doc(z.number().min(5).max(90), 'Degrees above the table plane: 90 looks straight down.', 55),
  /** Degrees clockwise from north. */
  heading: doc(z.number().min(-360).max(360), 'Degrees clockwise from north.', 0),
});

export const cameraPresetSchema = cameraPoseSchema.extend({
  id: doc(idSchema, 'Id that "camera.initial" and tour shots use.', 'overview'),
  name: doc(localizedText('label').optional(), 'Name on the view button.', {
    'zh-Hans': '全景',
    en: 'Overview',
  }),
});

const shotBase = {
  /** Minimum seconds on this shot; the shot lasts as long as its narration if that is longer. */
  duration: doc(
    z.number().positive().max(600),
    'Minimum seconds on this shot; it lasts as long as its narration if that is longer.',
    8,
  ),
  narration: doc(idSchema.optional(), 'Id of an audio medium spoken during the shot.', 'tour-1-narration'),
  caption: doc(localizedText('line').optional(), 'Caption shown during the shot.', {
    'zh-Hans': '一切从这里开始',
    en: 'Where it all began',
  }),
};

const shotKindDoc = <K extends string>(kind: K, what: string) => doc(z.literal(kind), what, kind);

export const shotSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: shotKindDoc('fly-to', 'Fly to a place, a camera preset or an explicit pose.'),
    place: doc(idSchema.optional(), 'Id of the place to fly to.', 'south-lake'),
    preset: doc(idSchema.optional(), 'Id of a camera preset to fly to.', 'overview'),
    pose: doc(cameraPoseSchema.optional(), 'An explicit camera pose.', {
      target: { lon: 120.75, lat: 30.75 },
      distance: 20,
      tilt: 50,
      heading: 0,
    }),
    ...shotBase,
  }),
  z.object({
    kind: shotKindDoc('orbit', 'Circle around a place.'),
    place: doc(idSchema, 'Id of the place to circle.', 'south-lake'),
    degrees: doc(
      z.number().min(-720).max(720).default(90),
      'How far to circle, in degrees (negative: anticlockwise).',
      180,
    ),
    ...shotBase,
  }),
  z.object({
    kind: shotKindDoc('follow-path', 'Follow a route from its start to its end.'),
    route: doc(idSchema, 'Id of the route to follow.', 'long-march'),
    ...shotBase,
  }),
]);

export const tourSchema = z.object({
  id: doc(idSchema, 'Id of the tour (used by the attract playlist and events).', 'founding'),
  title: doc(localizedText('title'), 'Title on the tour button.', {
    'zh-Hans': '开天辟地',
    en: 'The founding',
  }),
  description: doc(localizedText('paragraph').optional(), 'One or two sentences under the title.', {
    'zh-Hans': '从上海到嘉兴。',
    en: 'From Shanghai to Jiaxing.',
  }),
  shots: doc(z.array(shotSchema).min(1), 'The shots, played in order.', [
    { kind: 'fly-to', place: 'south-lake', duration: 8 },
  ]),
});

export const routeSchema = z.object({
  id: doc(idSchema, 'Id of the route (tour shots follow it).', 'long-march'),
  name: doc(localizedText('title'), 'Name of the route.', { 'zh-Hans': '长征路线', en: 'Long March route' }),
  color: doc(colorSchema.optional(), 'Line colour, #rrggbb (the accent colour when omitted).', '#c9a45c'),
  /** Either an explicit polyline or a sequence of places. */
  path: doc(z.array(lonLatSchema).min(2).optional(), 'The line as points (give this or "places").', [
    { lon: 115.9, lat: 28.7 },
    { lon: 109.5, lat: 36.6 },
  ]),
  places: doc(
    z.array(idSchema).min(2).optional(),
    'The line through these places, in order (give this or "path").',
    ['ruijin', 'yanan'],
  ),
  ...periodShape,
});

const projectionTypeDoc = <K extends string>(type: K, what: string) => doc(z.literal(type), what, type);

export const projectionSchema = z.discriminatedUnion('type', [
  z.object({
    type: projectionTypeDoc('equirectangular', 'Plate carrée around "origin": right for a city or province.'),
    origin: doc(lonLatSchema, 'The point at the centre of the table.', { lon: 120, lat: 30 }),
    /** Table units per degree of latitude; longitude is scaled by cos(origin.lat). */
    unitsPerDegree: doc(
      z.number().positive(),
      'Table units per degree of latitude; longitude is scaled by cos(origin.lat).',
      10,
    ),
  }),
  z.object({
    type: projectionTypeDoc('mercator', 'Web Mercator around "origin": right for a country.'),
    origin: doc(lonLatSchema, 'The point at the centre of the table.', { lon: 105, lat: 35 }),
    unitsPerDegree: doc(z.number().positive(), 'Table units per degree at the origin.', 2),
  }),
]);

export const boundsSchema = z.object({
  west: doc(z.number().min(-180).max(180), 'Western edge, degrees of longitude.', 73.5),
  south: doc(z.number().min(-90).max(90), 'Southern edge, degrees of latitude.', 18),
  east: doc(z.number().min(-180).max(180), 'Eastern edge, degrees of longitude.', 135),
  north: doc(z.number().min(-90).max(90), 'Northern edge, degrees of latitude.', 53.5),
});

export const sandTableSchema = z.object({
  projection: doc(projectionSchema, 'How longitude and latitude map onto the table.', {
    type: 'equirectangular',
    origin: { lon: 120, lat: 30 },
    unitsPerDegree: 10,
  }),
  bounds: doc(boundsSchema, 'The area the table shows; places outside it are not reachable.', {
    west: 118,
    south: 28,
    east: 123,
    north: 32,
  }),
  base: doc(
    z
      .object({
        /** GeoJSON FeatureCollection of polygons, extruded as relief (`properties.height`). */
        regions: doc(
          idSchema.optional(),
          'Id of a geojson medium: polygons extruded as relief by properties.height (table units; below 0.5 is hard to see).',
          'districts',
        ),
        /** GeoJSON FeatureCollection of lines (rivers, coasts, roads). */
        lines: doc(
          idSchema.optional(),
          'Id of a geojson medium: lines such as rivers, coasts and roads.',
          'rivers',
        ),
        heightmap: doc(
          z
            .object({
              image: doc(idSchema, 'Id of a greyscale image medium: white is high.', 'relief'),
              texture: doc(
                idSchema.optional(),
                'Id of an image medium draped over the relief.',
                'relief-colour',
              ),
              /** Height in table units of a white pixel. */
              maxHeight: doc(z.number().nonnegative(), 'Height in table units of a white pixel.', 3),
            })
            .optional(),
          'Relief from a greyscale image.',
          { image: 'relief', maxHeight: 3 },
        ),
        graticule: doc(
          z
            .object({
              stepDegrees: doc(z.number().positive().max(45), 'Degrees between grid lines.', 1),
            })
            .optional(),
          'Grid of longitude and latitude lines.',
          { stepDegrees: 1 },
        ),
        /** Credit or approval number (审图号) of the base map, shown on the table. */
        approval: doc(
          localizedText('paragraph').optional(),
          'Credit or approval number (审图号) of the base map, shown on the table.',
          { 'zh-Hans': '审图号：GS(2024)0650号', en: 'Map approval GS(2024)0650' },
        ),
      })
      .default({}),
    'What the table is made of: relief, lines, grid.',
    { regions: 'districts', graticule: { stepDegrees: 1 } },
  ),
  hereAt: doc(
    z
      .object({
        position: doc(lonLatSchema, 'Where the hall is.', { lon: 120.75, lat: 30.76 }),
        label: doc(localizedText('label'), 'The "you are here" label.', {
          'zh-Hans': '您在这里',
          en: 'You are here',
        }),
      })
      .optional(),
    'A "you are here" marker for the hall itself.',
    { position: { lon: 120.75, lat: 30.76 }, label: { 'zh-Hans': '您在这里', en: 'You are here' } },
  ),
  oneFinger: doc(z.enum(['orbit', 'pan']).default('orbit'), 'What one finger does on the table.', 'pan'),
  camera: doc(
    z.object({
      presets: doc(z.array(cameraPresetSchema).min(1), 'Named views; the visitor can jump to them.', [
        { id: 'overview', target: { lon: 120, lat: 30 }, distance: 60, tilt: 60, heading: 0 },
      ]),
      initial: doc(idSchema, 'Id of the preset shown first and after idle.', 'overview'),
      limits: doc(
        z.object({
          minDistance: doc(z.number().positive(), 'Closest the camera may come (table units).', 5),
          maxDistance: doc(z.number().positive(), 'Farthest the camera may go (table units).', 120),
          minTilt: doc(z.number().min(5).max(90).default(20), 'Lowest tilt in degrees.', 20),
          maxTilt: doc(z.number().min(5).max(90).default(89), 'Highest tilt in degrees.', 89),
        }),
        'How far visitors may move the camera.',
        { minDistance: 5, maxDistance: 120 },
      ),
    }),
    'Camera views and limits.',
    {
      presets: [{ id: 'overview', target: { lon: 120, lat: 30 }, distance: 60, tilt: 60, heading: 0 }],
      initial: 'overview',
      limits: { minDistance: 5, maxDistance: 120 },
    },
  ),
  routes: doc(z.array(routeSchema).default([]), 'Lines drawn on the table.', [
    {
      id: 'long-march',
      name: { 'zh-Hans': '长征路线', en: 'Long March route' },
      places: ['ruijin', 'yanan'],
    },
  ]),
  tours: doc(z.array(tourSchema).default([]), 'Narrated camera tours.', [
    {
      id: 'founding',
      title: { 'zh-Hans': '开天辟地', en: 'The founding' },
      shots: [{ kind: 'fly-to', place: 'south-lake', duration: 8 }],
    },
  ]),
});

export const chainNodeSchema = z.object({
  id: doc(idSchema, 'Id of the node (links use it).', 'hefei'),
  place: doc(idSchema.optional(), 'Id of a place the node stands on (give this or "position").', 'hefei-htz'),
  position: doc(lonLatSchema.optional(), 'Where the node stands (give this or "place").', {
    lon: 117.2,
    lat: 31.8,
  }),
  label: doc(localizedText('title'), 'Label of the node.', { 'zh-Hans': '合肥', en: 'Hefei' }),
  figures: doc(z.array(figureSchema).default([]), 'Key figures shown with the node.', [
    { label: { 'zh-Hans': '企业', en: 'Firms' }, value: 120, qualifier: 'over' },
  ]),
});

export const layerSchema = z.object({
  id: doc(idSchema, 'Id of the layer.', 'chip-chain'),
  kind: doc(z.literal('chain'), 'The kind of layer: "chain" draws nodes linked by arcs.', 'chain'),
  name: doc(localizedText('title'), 'Name on the layer switch.', {
    'zh-Hans': '芯片产业链',
    en: 'Chip supply chain',
  }),
  description: doc(localizedText('paragraph').optional(), 'What the layer shows.', {
    'zh-Hans': '从设计到封装。',
    en: 'From design to packaging.',
  }),
  color: doc(colorSchema, 'Colour of nodes and arcs, #rrggbb.', '#c9a45c'),
  nodes: doc(z.array(chainNodeSchema).min(1), 'The nodes.', [
    { id: 'hefei', position: { lon: 117.2, lat: 31.8 }, label: { 'zh-Hans': '合肥', en: 'Hefei' } },
  ]),
  links: doc(
    z.array(
      z.object({
        from: doc(idSchema, 'Id of the node the arc starts at.', 'hefei'),
        to: doc(idSchema, 'Id of the node the arc ends at.', 'wuxi'),
        label: doc(localizedText('label').optional(), 'Label on the arc.', {
          'zh-Hans': '晶圆',
          en: 'Wafers',
        }),
        weight: doc(z.number().positive().default(1), 'Thickness of the arc, relative.', 2),
      }),
    ),
    'Arcs between nodes.',
    [{ from: 'hefei', to: 'wuxi' }],
  ),
  ...periodShape,
});

export const eraSchema = z.object({
  id: doc(idSchema, 'Id of the era (events name it in "era").', 'founding'),
  title: doc(localizedText('title'), 'Chapter title.', { 'zh-Hans': '开天辟地', en: 'The founding' }),
  intro: doc(localizedText('paragraph').optional(), 'Chapter introduction.', {
    'zh-Hans': '1921年，中国共产党成立。',
    en: 'In 1921 the Party was founded.',
  }),
  color: doc(colorSchema, 'Colour of the era band, #rrggbb.', '#b3261e'),
  from: doc(partialDateSchema, 'Start date (YYYY, YYYY-MM or YYYY-MM-DD).', '1921'),
  to: doc(
    partialDateSchema.optional(),
    'End date; the next era may start in the same year without overlapping. Omit for "until today".',
    '1949',
  ),
});

export const timelineEventSchema = z.object({
  id: doc(idSchema, 'Id of the event.', 'e1921-founding'),
  era: doc(idSchema.optional(), 'Id of the era (chapter) the event belongs to.', 'founding'),
  date: doc(
    partialDateSchema,
    'When it happened: YYYY, YYYY-MM or YYYY-MM-DD ("-" before BCE years).',
    dateExample,
  ),
  end: doc(partialDateSchema.optional(), 'When it ended, for a span.', '1921-08'),
  circa: doc(
    z.boolean().optional(),
    'The date is approximate: shown as "约1926年" / "c. 1926" and sorted by its range.',
    true,
  ),
  /** Shown instead of the formatted date (e.g. "2020s", "Spring 1949"). */
  displayDate: doc(
    localizedText('label').optional(),
    'Shown instead of the formatted date, e.g. "2020s" or "Spring 1949".',
    { 'zh-Hans': '1921年夏', en: 'Summer 1921' },
  ),
  title: doc(localizedText('title'), 'Title of the event.', {
    'zh-Hans': '中共一大召开',
    en: 'First Party Congress',
  }),
  text: doc(localizedText('paragraph').optional(), 'Story of the event.', {
    'zh-Hans': '1921年7月23日，大会在上海开幕。',
    en: 'On 23 July 1921 the congress opened in Shanghai.',
  }),
  media: doc(z.array(idSchema).default([]), 'Ids of media shown with the event, in order.', [
    'congress-site',
  ]),
  places: doc(z.array(idSchema).default([]), 'Ids of places the event links to on the table.', [
    'south-lake',
  ]),
  tours: doc(z.array(idSchema).default([]), 'Ids of tours the event links to.', ['founding']),
  highlight: doc(z.boolean().default(false), "Shown in the attract loop's timeline highlights.", true),
});

export const timelineSchema = z.object({
  id: doc(idSchema, 'Id of the timeline.', 'history'),
  title: doc(localizedText('title'), 'Title on the timeline button.', {
    'zh-Hans': '百年历程',
    en: 'A century',
  }),
  intro: doc(localizedText('paragraph').optional(), 'Introduction shown before the first era.', {
    'zh-Hans': '从1921年到今天。',
    en: 'From 1921 to today.',
  }),
  eras: doc(z.array(eraSchema).default([]), 'Chapters, in order.', [
    {
      id: 'founding',
      title: { 'zh-Hans': '开天辟地', en: 'The founding' },
      color: '#b3261e',
      from: '1921',
      to: '1949',
    },
  ]),
  events: doc(z.array(timelineEventSchema), 'The events (sorted by date on screen).', [
    { id: 'e1921', date: '1921-07', title: { 'zh-Hans': '中共一大召开', en: 'First Party Congress' } },
  ]),
});

/** A file per language (`{ "zh-Hans": "media/a.zh.ogg", "en": "media/a.en.ogg" }`) or one file for all. */
export const mediaSourceSchema = z.union([packPathSchema, z.record(languageTagSchema, packPathSchema)]);

export const mediaKindSchema = z.enum(['image', 'video', 'audio', 'model', 'tiles', 'geojson']);

export const mediaSchema = z.object({
  kind: doc(
    mediaKindSchema,
    'image (PNG/JPEG/WebP), video (WebM/MP4), audio (Ogg/MP3/M4A/WebM), model (glTF/GLB), tiles (IIIF info.json), geojson.',
    'image',
  ),
  src: doc(mediaSourceSchema, 'The file, or one file per language.', 'media/south-lake.jpg'),
  /** WebVTT per language (video and audio). */
  captions: doc(
    z.record(languageTagSchema, packPathSchema).optional(),
    'WebVTT captions per language (video and audio).',
    { 'zh-Hans': 'media/tour.zh-Hans.vtt', en: 'media/tour.en.vtt' },
  ),
  poster: doc(packPathSchema.optional(), 'Image shown before a video plays.', 'media/tour-poster.jpg'),
  /** A smaller image for lists and galleries. */
  thumbnail: doc(
    packPathSchema.optional(),
    'A smaller image for lists and galleries.',
    'media/south-lake.thumb.jpg',
  ),
  alt: doc(
    localizedText('line').optional(),
    'What the medium shows, for people who cannot see it (and the gallery label).',
    {
      'zh-Hans': '南湖上的红船',
      en: 'The red boat on South Lake',
    },
  ),
  credit: doc(localizedText('line').optional(), 'Photographer, archive or maker.', {
    'zh-Hans': '嘉兴南湖革命纪念馆',
    en: 'South Lake Revolutionary Memorial',
  }),
  /** True for drawings, generated posters and reconstructions: never presented as photographs. */
  illustration: doc(
    z.boolean().default(false),
    'True for drawings, generated posters and reconstructions: never presented as photographs.',
    true,
  ),
  width: doc(z.number().int().positive().optional(), 'Pixel width (lint checks it against the file).', 1920),
  height: doc(
    z.number().int().positive().optional(),
    'Pixel height (lint checks it against the file).',
    1080,
  ),
});

/** One group of the About & credits panel: media of one kind, from one source. */
export const creditSchema = z.object({
  /** What these items are, in words for visitors: "Locator map", "Chart", "Synthesised narration" … */
  kind: doc(localizedText('title'), 'What these items are, in words for visitors.', {
    'zh-Hans': '示意图',
    en: 'Locator maps',
  }),
  /** Where their facts or material come from (a publication and its date, an archive, a photographer). */
  source: doc(
    localizedText('line'),
    'Where their facts or material come from: a publication and its date, an archive, a photographer.',
    { 'zh-Hans': '《人民日报》2021年7月1日', en: "People's Daily, 1 July 2021" },
  ),
  /** The media this entry covers; the panel lists each by the place, event or tour that shows it. */
  media: doc(
    z.array(idSchema).min(1),
    'Ids of the media this entry covers; the panel lists each by the place, event or tour that shows it.',
    ['south-lake-photo'],
  ),
});

/**
 * The About & credits panel, one tap from home: the one place for provenance (what is an
 * illustration, a chart, a synthesised voice), sources and licences. Visitor screens elsewhere
 * show only the exhibit.
 */
export const aboutSchema = z.object({
  /** Markdown subset, as in place bodies: who made the exhibition and from what. */
  text: doc(
    localizedText('body'),
    'Who made the exhibition and from what (Markdown subset, as in place bodies).',
    {
      'zh-Hans': '本展由嘉兴南湖革命纪念馆制作。',
      en: 'Made by the South Lake Revolutionary Memorial.',
    },
  ),
  credits: doc(z.array(creditSchema).default([]), 'Credit groups: media of one kind from one source.', [
    {
      kind: { 'zh-Hans': '示意图', en: 'Locator maps' },
      source: { 'zh-Hans': '自绘', en: 'Drawn for the exhibition' },
      media: ['map-1'],
    },
  ]),
  /** Licences of fonts, data and media: name and terms. */
  licences: doc(
    z
      .array(
        z.object({
          name: doc(localizedText('title'), 'What the licence covers.', {
            'zh-Hans': '思源字体',
            en: 'Noto fonts',
          }),
          terms: doc(localizedText('paragraph'), 'The terms, or where to read them.', {
            'zh-Hans': 'SIL 开源字体许可 1.1',
            en: 'SIL Open Font License 1.1',
          }),
        }),
      )
      .default([]),
    'Licences of fonts, data and media: name and terms.',
    [
      {
        name: { 'zh-Hans': '思源字体', en: 'Noto fonts' },
        terms: { 'zh-Hans': 'SIL OFL 1.1', en: 'SIL OFL 1.1' },
      },
    ],
  ),
});

export const statSchema = figureSchema.extend({
  id: doc(idSchema, 'Id of the figure.', 'members'),
  place: doc(
    idSchema.optional(),
    'Id of a place the figure belongs to (tapping it flies there).',
    'south-lake',
  ),
});

export const attractItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: doc(z.literal('tour'), 'Play a narrated tour.', 'tour'),
    tour: doc(idSchema, 'Id of the tour.', 'founding'),
  }),
  z.object({
    kind: doc(
      z.literal('timeline-highlights'),
      'Show the highlighted events of a timeline.',
      'timeline-highlights',
    ),
    timeline: doc(idSchema, 'Id of the timeline.', 'history'),
    count: doc(z.number().int().positive().default(5), 'How many highlights to show.', 5),
  }),
]);

const colorDoc = (what: string, value: string) => doc(colorSchema.default(value), what, value);

export const themeSchema = z.object({
  colors: doc(
    z
      .object({
        background: colorDoc('Page background.', '#15110f'),
        surface: colorDoc('Cards and panels.', '#241d19'),
        text: colorDoc('Body text.', '#f3ece2'),
        muted: colorDoc('Secondary text.', '#b9ab98'),
        accent: colorDoc('Buttons and highlights.', '#b3261e'),
        gold: colorDoc('Titles and ornaments.', '#c9a45c'),
      })
      .default({
        background: '#15110f',
        surface: '#241d19',
        text: '#f3ece2',
        muted: '#b9ab98',
        accent: '#b3261e',
        gold: '#c9a45c',
      }),
    'Colours of the interface, #rrggbb (lint checks text contrast).',
    { accent: '#b3261e' },
  ),
  /** Restrained presentation: muted motion, no celebratory effects. */
  solemn: doc(
    z.boolean().default(true),
    'Restrained presentation: muted motion, no celebratory effects.',
    true,
  ),
  /** WOFF2 fonts in the pack for rare characters the app's fonts lack. */
  fonts: doc(
    z
      .array(
        z.object({
          family: doc(
            z.string().min(1).max(100),
            'Font family name, used as the CSS font-family.',
            'Rare Hanzi',
          ),
          src: doc(packPathSchema, 'The WOFF2 file.', 'fonts/rare.woff2'),
        }),
      )
      .default([]),
    'WOFF2 fonts for rare characters the bundled Noto fonts lack (lint names missing glyphs).',
    [{ family: 'Rare Hanzi', src: 'fonts/rare.woff2' }],
  ),
});

export const kioskOverridesSchema = z.object({
  idleTimeoutSeconds: doc(
    z.number().int().min(15).max(3600).optional(),
    'Seconds without a touch before the kiosk returns home (overrides the hall setting).',
    90,
  ),
  countdownSeconds: doc(
    z.number().int().min(3).max(60).optional(),
    'Seconds of the "still there?" countdown before going home.',
    10,
  ),
  checkIn: doc(z.boolean().optional(), 'Turn check-in (报到) on or off for this pack.', false),
});

export const packManifestSchema = z.object({
  format: doc(z.literal(PACK_FORMAT), 'Always "hallpack/1".', PACK_FORMAT),
  id: doc(packIdSchema, 'Id of the pack; the store keeps versions of the same id.', 'jiaxing-memorial'),
  version: doc(
    semverSchema,
    'Version, MAJOR.MINOR.PATCH; a kiosk never installs an older version of the same id.',
    '1.2.0',
  ),
  title: doc(localizedText('title'), 'Title on the home screen.', {
    'zh-Hans': '红船精神',
    en: 'The Red Boat Spirit',
  }),
  description: doc(localizedText('paragraph').optional(), 'One paragraph under the title.', {
    'zh-Hans': '嘉兴南湖革命纪念馆展项。',
    en: 'An exhibit of the South Lake Revolutionary Memorial.',
  }),
  languages: doc(z.array(languageTagSchema).min(1), 'Languages of the pack (BCP-47), in switcher order.', [
    'zh-Hans',
    'en',
  ]),
  defaultLanguage: doc(
    languageTagSchema,
    'Language shown first and used when a text lacks another.',
    'zh-Hans',
  ),
  publisher: doc(localizedText('title'), 'Who made the pack (shown in About).', {
    'zh-Hans': '嘉兴南湖革命纪念馆',
    en: 'South Lake Revolutionary Memorial',
  }),
  /** ISO 8601 date or date-time the pack was built. Informational only: never trusted for ordering. */
  created: doc(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'created must be an ISO 8601 date'),
    'Date the pack was made (ISO 8601). Informational only.',
    '2026-03-01',
  ),
  /**
   * Link template for 一键导航 QR codes. Placeholders: `{lon}`, `{lat}`, `{name}` (URL-encoded,
   * in the visitor's language), `{id}`.
   */
  navigation: doc(
    z
      .object({
        linkTemplate: doc(
          z.string().min(1).max(2000),
          "Link for the 一键导航 QR code. Placeholders: {lon}, {lat} (WGS-84 as in the pack), {gcjLon}, {gcjLat} (GCJ-02, what Amap, Tencent and other Chinese map apps expect), {name} (URL-encoded, visitor's language), {id}. Without it, an Amap marker link.",
          'https://uri.amap.com/marker?position={gcjLon},{gcjLat}&name={name}',
        ),
      })
      .optional(),
    'One-tap navigation (一键导航) QR codes.',
    { linkTemplate: 'https://uri.amap.com/marker?position={gcjLon},{gcjLat}&name={name}' },
  ),
  categories: doc(z.array(categorySchema).default([]), 'Kinds of places (legend, filters, marker look).', [
    { id: 'sites', name: { 'zh-Hans': '革命旧址', en: 'Revolutionary sites' }, color: '#b3261e' },
  ]),
  places: doc(z.array(placeSchema).default([]), 'Places on the sand table and in the catalogue.', [
    {
      id: 'south-lake',
      category: 'sites',
      position: { lon: 120.75, lat: 30.75 },
      name: { 'zh-Hans': '南湖红船', en: 'Red Boat' },
      summary: { 'zh-Hans': '中共一大在此闭幕。', en: 'Where the First Congress closed.' },
    },
  ]),
  sandTable: doc(
    sandTableSchema.optional(),
    'The 3D sand table: projection, base map, camera, routes, tours.',
    {
      projection: { type: 'equirectangular', origin: { lon: 120, lat: 30 }, unitsPerDegree: 10 },
      bounds: { west: 118, south: 28, east: 123, north: 32 },
      camera: {
        presets: [{ id: 'overview', target: { lon: 120, lat: 30 }, distance: 60, tilt: 60, heading: 0 }],
        initial: 'overview',
        limits: { minDistance: 5, maxDistance: 120 },
      },
    },
  ),
  layers: doc(z.array(layerSchema).default([]), 'Extra layers on the table (supply chains).', [
    {
      id: 'chip-chain',
      kind: 'chain',
      name: { 'zh-Hans': '芯片产业链', en: 'Chip supply chain' },
      color: '#c9a45c',
      nodes: [
        { id: 'hefei', position: { lon: 117.2, lat: 31.8 }, label: { 'zh-Hans': '合肥', en: 'Hefei' } },
      ],
      links: [],
    },
  ]),
  timelines: doc(z.array(timelineSchema).default([]), 'Multimedia timelines.', [
    { id: 'history', title: { 'zh-Hans': '百年历程', en: 'A century' }, events: [] },
  ]),
  media: doc(
    z.record(idSchema, mediaSchema).default({}),
    'Every image, video, audio, model, tile set and GeoJSON file, by id.',
    {
      'south-lake-photo': {
        kind: 'image',
        src: 'media/south-lake.jpg',
        alt: { 'zh-Hans': '红船', en: 'The red boat' },
      },
    },
  ),
  stats: doc(z.array(statSchema).default([]), 'Figures paged through on the home screen.', [
    { id: 'members', label: { 'zh-Hans': '党员', en: 'Party members' }, value: 50, qualifier: 'over' },
  ]),
  attract: doc(
    z
      .object({
        playlist: doc(
          z.array(attractItemSchema).default([]),
          'What plays behind the title when nobody touches the screen.',
          [{ kind: 'tour', tour: 'founding' }],
        ),
      })
      .default({ playlist: [] }),
    'The attract loop.',
    { playlist: [{ kind: 'timeline-highlights', timeline: 'history' }] },
  ),
  theme: doc(
    themeSchema.default({
      colors: {
        background: '#15110f',
        surface: '#241d19',
        text: '#f3ece2',
        muted: '#b9ab98',
        accent: '#b3261e',
        gold: '#c9a45c',
      },
      solemn: true,
      fonts: [],
    }),
    'Colours, fonts and mood.',
    { solemn: true },
  ),
  kiosk: doc(kioskOverridesSchema.default({}), 'Kiosk settings this pack overrides.', {
    idleTimeoutSeconds: 120,
  }),
  about: doc(
    aboutSchema.optional(),
    'The About & credits panel, one tap from home: who made the exhibition, credits by kind and source, licences.',
    {
      text: {
        'zh-Hans': '本展由嘉兴南湖革命纪念馆制作。',
        en: 'Made by the South Lake Revolutionary Memorial.',
      },
      credits: [],
    },
  ),
  strings: doc(
    z.record(z.string().regex(/^[a-z][\w.-]*$/, 'a UI string key'), localizedText('line')).default({}),
    "The pack's own wording for any of the app's visitor strings: UI string key → text per language. Placeholders and plural forms as in the built-in string, e.g. {count, plural, one {# event} other {# events}}.",
    { 'attract.touchToBegin': { 'zh-Hans': '请触摸屏幕', en: 'Touch to begin' } },
  ),
  /** Every file of the pack except `pack.json` and `pack.sig`: path → size and SHA-256. */
  files: doc(
    z.record(packPathSchema, fileEntrySchema),
    'Every file of the pack except pack.json and pack.sig, with size and SHA-256. Written by `hallpack build`: leave it out of a working folder.',
    {
      'media/south-lake.jpg': {
        size: 48213,
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    },
  ),
});

/** A parsed manifest (defaults applied). */
export type PackManifest = z.infer<typeof packManifestSchema>;
/** A manifest as an author writes it (defaults optional). */
export type PackManifestInput = z.input<typeof packManifestSchema>;
export type LocalizedText = z.infer<typeof localizedTextSchema>;
export type Place = z.infer<typeof placeSchema>;
export type Category = z.infer<typeof categorySchema>;
export type SandTableSpec = z.infer<typeof sandTableSchema>;
export type CameraPose = z.infer<typeof cameraPoseSchema>;
export type CameraPreset = z.infer<typeof cameraPresetSchema>;
export type Shot = z.infer<typeof shotSchema>;
export type Tour = z.infer<typeof tourSchema>;
export type Route = z.infer<typeof routeSchema>;
export type Projection = z.infer<typeof projectionSchema>;
export type Bounds = z.infer<typeof boundsSchema>;
export type Layer = z.infer<typeof layerSchema>;
export type ChainNode = z.infer<typeof chainNodeSchema>;
export type Era = z.infer<typeof eraSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type Media = z.infer<typeof mediaSchema>;
export type MediaKind = z.infer<typeof mediaKindSchema>;
export type MediaSource = z.infer<typeof mediaSourceSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Stat = z.infer<typeof statSchema>;
export type FileEntry = z.infer<typeof fileEntrySchema>;
export type LonLat = z.infer<typeof lonLatSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type AttractItem = z.infer<typeof attractItemSchema>;
export type About = z.infer<typeof aboutSchema>;
export type Credit = z.infer<typeof creditSchema>;

/** Every file path a media entry refers to (sources, captions, poster, thumbnail). */
export function mediaFilePaths(media: Media): string[] {
  const paths: string[] = [];
  if (typeof media.src === 'string') paths.push(media.src);
  else paths.push(...Object.values(media.src));
  if (media.captions) paths.push(...Object.values(media.captions));
  if (media.poster) paths.push(media.poster);
  if (media.thumbnail) paths.push(media.thumbnail);
  return paths;
}

/** The file of a media entry for a language, falling back to the pack default, then to any. */
export function mediaSrcFor(media: Media, language: string, defaultLanguage: string): string | undefined {
  if (typeof media.src === 'string') return media.src;
  return media.src[language] ?? media.src[defaultLanguage] ?? Object.values(media.src)[0];
}

/** Text in `language`, else the pack default, else any language present, else ''. */
export function localize(text: LocalizedText | undefined, language: string, defaultLanguage: string): string {
  if (!text) return '';
  return text[language] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';
}
