/**
 * The content pack format, `hallpack/1`.
 *
 * One zod schema is the single source of truth: the TypeScript types are inferred from it, the
 * JSON Schema in `docs/pack.schema.json` is generated from it, and every reader of a pack (pack
 * store, request handler, CLI, renderer) parses `pack.json` with it. Cross-references (a place's
 * category exists, a media id resolves …) are checked separately by `checkPackReferences`.
 */
import { z } from 'zod';

/** The only format string this version reads. */
export const PACK_FORMAT = 'hallpack/1';

/** Longest relative path accepted inside a pack (bytes of UTF-8 are checked by the store). */
export const MAX_PACK_PATH_LENGTH = 240;

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

/** Text in several languages, keyed by BCP-47 tag; missing languages fall back to the pack default. */
export const localizedTextSchema = z.record(languageTagSchema, z.string());

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
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

/** An item shown only within a period (time slider, layers by era). */
const periodShape = {
  from: partialDateSchema.optional(),
  to: partialDateSchema.optional(),
};

export const fileEntrySchema = z.object({
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits'),
});

export const figureSchema = z.object({
  label: localizedTextSchema,
  value: z.number(),
  unit: localizedTextSchema.optional(),
  /** `over` renders "60+" / "超过60"; `about` renders "≈" / "约". */
  qualifier: z.enum(['exact', 'over', 'about']).default('exact'),
  source: localizedTextSchema.optional(),
});

export const categorySchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  color: colorSchema,
  shape: z.enum(['circle', 'square', 'diamond', 'star', 'flag', 'triangle']).default('circle'),
  /** The four categories of a red-culture map, or a theme of the pack. */
  group: z.enum(['red-map', 'theme']).default('red-map'),
});

export const placeSchema = z.object({
  id: idSchema,
  category: idSchema,
  position: lonLatSchema,
  name: localizedTextSchema,
  summary: localizedTextSchema,
  /** Markdown subset: paragraphs, **bold**, *italic*, lists, headings (##). No HTML. */
  body: localizedTextSchema.optional(),
  /** Region label for catalogue filters (e.g. a city). */
  region: localizedTextSchema.optional(),
  /** Index key per language for the A–Z / pinyin-initial index (e.g. `{ "zh-Hans": "C" }`). */
  indexKey: localizedTextSchema.optional(),
  media: z.array(idSchema).default([]),
  cover: idSchema.optional(),
  figures: z.array(figureSchema).default([]),
  navigation: z
    .object({
      address: localizedTextSchema.optional(),
      /** Overrides the pack's link template for this place. */
      link: z.string().url().optional(),
    })
    .optional(),
  checkIn: z.boolean().default(false),
  ...periodShape,
});

/** Camera pose on the table, expressed around a geographic target. */
export const cameraPoseSchema = z.object({
  target: lonLatSchema,
  /** Distance from target in table units. */
  distance: z.number().positive(),
  /** Degrees above the table plane: 90 looks straight down. */
  tilt: z.number().min(5).max(90),
  /** Degrees clockwise from north. */
  heading: z.number().min(-360).max(360),
});

export const cameraPresetSchema = cameraPoseSchema.extend({
  id: idSchema,
  name: localizedTextSchema.optional(),
});

const shotBase = {
  /** Minimum seconds on this shot; the shot lasts as long as its narration if that is longer. */
  duration: z.number().positive().max(600),
  narration: idSchema.optional(),
  caption: localizedTextSchema.optional(),
};

export const shotSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fly-to'),
    place: idSchema.optional(),
    preset: idSchema.optional(),
    pose: cameraPoseSchema.optional(),
    ...shotBase,
  }),
  z.object({
    kind: z.literal('orbit'),
    place: idSchema,
    degrees: z.number().min(-720).max(720).default(90),
    ...shotBase,
  }),
  z.object({ kind: z.literal('follow-path'), route: idSchema, ...shotBase }),
]);

export const tourSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  shots: z.array(shotSchema).min(1),
});

export const routeSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  color: colorSchema.optional(),
  /** Either an explicit polyline or a sequence of places. */
  path: z.array(lonLatSchema).min(2).optional(),
  places: z.array(idSchema).min(2).optional(),
  ...periodShape,
});

export const projectionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('equirectangular'),
    origin: lonLatSchema,
    /** Table units per degree of latitude; longitude is scaled by cos(origin.lat). */
    unitsPerDegree: z.number().positive(),
  }),
  z.object({
    type: z.literal('mercator'),
    origin: lonLatSchema,
    unitsPerDegree: z.number().positive(),
  }),
]);

export const boundsSchema = z.object({
  west: z.number().min(-180).max(180),
  south: z.number().min(-90).max(90),
  east: z.number().min(-180).max(180),
  north: z.number().min(-90).max(90),
});

export const sandTableSchema = z.object({
  projection: projectionSchema,
  bounds: boundsSchema,
  base: z
    .object({
      /** GeoJSON FeatureCollection of polygons, extruded as relief (`properties.height`). */
      regions: idSchema.optional(),
      /** GeoJSON FeatureCollection of lines (rivers, coasts, roads). */
      lines: idSchema.optional(),
      heightmap: z
        .object({
          image: idSchema,
          texture: idSchema.optional(),
          /** Height in table units of a white pixel. */
          maxHeight: z.number().nonnegative(),
        })
        .optional(),
      graticule: z.object({ stepDegrees: z.number().positive().max(45) }).optional(),
      /** Credit or approval number (审图号) of the base map, shown on the table. */
      approval: localizedTextSchema.optional(),
    })
    .default({}),
  hereAt: z.object({ position: lonLatSchema, label: localizedTextSchema }).optional(),
  oneFinger: z.enum(['orbit', 'pan']).default('orbit'),
  camera: z.object({
    presets: z.array(cameraPresetSchema).min(1),
    initial: idSchema,
    limits: z.object({
      minDistance: z.number().positive(),
      maxDistance: z.number().positive(),
      minTilt: z.number().min(5).max(90).default(20),
      maxTilt: z.number().min(5).max(90).default(89),
    }),
  }),
  routes: z.array(routeSchema).default([]),
  tours: z.array(tourSchema).default([]),
});

export const chainNodeSchema = z.object({
  id: idSchema,
  place: idSchema.optional(),
  position: lonLatSchema.optional(),
  label: localizedTextSchema,
  figures: z.array(figureSchema).default([]),
});

export const layerSchema = z.object({
  id: idSchema,
  kind: z.literal('chain'),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  color: colorSchema,
  nodes: z.array(chainNodeSchema).min(1),
  links: z.array(
    z.object({
      from: idSchema,
      to: idSchema,
      label: localizedTextSchema.optional(),
      weight: z.number().positive().default(1),
    }),
  ),
  ...periodShape,
});

export const eraSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  intro: localizedTextSchema.optional(),
  color: colorSchema,
  from: partialDateSchema,
  to: partialDateSchema.optional(),
});

export const timelineEventSchema = z.object({
  id: idSchema,
  era: idSchema.optional(),
  date: partialDateSchema,
  end: partialDateSchema.optional(),
  /** Shown instead of the formatted date (e.g. "2020s", "Spring 1949"). */
  displayDate: localizedTextSchema.optional(),
  title: localizedTextSchema,
  text: localizedTextSchema.optional(),
  media: z.array(idSchema).default([]),
  places: z.array(idSchema).default([]),
  tours: z.array(idSchema).default([]),
  highlight: z.boolean().default(false),
});

export const timelineSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  intro: localizedTextSchema.optional(),
  eras: z.array(eraSchema).default([]),
  events: z.array(timelineEventSchema),
});

/** A file per language (`{ "zh-Hans": "media/a.zh.ogg", "en": "media/a.en.ogg" }`) or one file for all. */
export const mediaSourceSchema = z.union([packPathSchema, z.record(languageTagSchema, packPathSchema)]);

export const mediaKindSchema = z.enum(['image', 'video', 'audio', 'model', 'tiles', 'geojson']);

export const mediaSchema = z.object({
  kind: mediaKindSchema,
  src: mediaSourceSchema,
  /** WebVTT per language (video and audio). */
  captions: z.record(languageTagSchema, packPathSchema).optional(),
  poster: packPathSchema.optional(),
  /** A smaller image for lists and galleries. */
  thumbnail: packPathSchema.optional(),
  alt: localizedTextSchema.optional(),
  credit: localizedTextSchema.optional(),
  /** True for drawings, generated posters and reconstructions: never presented as photographs. */
  illustration: z.boolean().default(false),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});

/** One group of the About & credits panel: media of one kind, from one source. */
export const creditSchema = z.object({
  /** What these items are, in words for visitors: "Locator map", "Chart", "Synthesised narration" … */
  kind: localizedTextSchema,
  /** Where their facts or material come from (a publication and its date, an archive, a photographer). */
  source: localizedTextSchema,
  /** The media this entry covers; the panel lists each by the place, event or tour that shows it. */
  media: z.array(idSchema).min(1),
});

/**
 * The About & credits panel, one tap from home: the one place for provenance (what is an
 * illustration, a chart, a synthesised voice), sources and licences. Visitor screens elsewhere
 * show only the exhibit.
 */
export const aboutSchema = z.object({
  /** Markdown subset, as in place bodies: who made the exhibition and from what. */
  text: localizedTextSchema,
  credits: z.array(creditSchema).default([]),
  /** Licences of fonts, data and media: name and terms. */
  licences: z.array(z.object({ name: localizedTextSchema, terms: localizedTextSchema })).default([]),
});

export const statSchema = figureSchema.extend({
  id: idSchema,
  place: idSchema.optional(),
});

export const attractItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tour'), tour: idSchema }),
  z.object({
    kind: z.literal('timeline-highlights'),
    timeline: idSchema,
    count: z.number().int().positive().default(5),
  }),
]);

export const themeSchema = z.object({
  colors: z
    .object({
      background: colorSchema.default('#15110f'),
      surface: colorSchema.default('#241d19'),
      text: colorSchema.default('#f3ece2'),
      muted: colorSchema.default('#b9ab98'),
      accent: colorSchema.default('#b3261e'),
      gold: colorSchema.default('#c9a45c'),
    })
    .default({
      background: '#15110f',
      surface: '#241d19',
      text: '#f3ece2',
      muted: '#b9ab98',
      accent: '#b3261e',
      gold: '#c9a45c',
    }),
  /** Restrained presentation: muted motion, no celebratory effects. */
  solemn: z.boolean().default(true),
  /** WOFF2 fonts in the pack for rare characters the app's fonts lack. */
  fonts: z.array(z.object({ family: z.string().min(1), src: packPathSchema })).default([]),
});

export const kioskOverridesSchema = z.object({
  idleTimeoutSeconds: z.number().int().min(15).max(3600).optional(),
  countdownSeconds: z.number().int().min(3).max(60).optional(),
  checkIn: z.boolean().optional(),
});

export const packManifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  id: packIdSchema,
  version: semverSchema,
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  languages: z.array(languageTagSchema).min(1),
  defaultLanguage: languageTagSchema,
  publisher: localizedTextSchema,
  /** ISO 8601 date or date-time the pack was built. Informational only: never trusted for ordering. */
  created: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'created must be an ISO 8601 date'),
  /**
   * Link template for 一键导航 QR codes. Placeholders: `{lon}`, `{lat}`, `{name}` (URL-encoded,
   * in the visitor's language), `{id}`.
   */
  navigation: z.object({ linkTemplate: z.string().min(1) }).optional(),
  categories: z.array(categorySchema).default([]),
  places: z.array(placeSchema).default([]),
  sandTable: sandTableSchema.optional(),
  layers: z.array(layerSchema).default([]),
  timelines: z.array(timelineSchema).default([]),
  media: z.record(idSchema, mediaSchema).default({}),
  stats: z.array(statSchema).default([]),
  attract: z.object({ playlist: z.array(attractItemSchema).default([]) }).default({ playlist: [] }),
  theme: themeSchema.default({
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
  kiosk: kioskOverridesSchema.default({}),
  about: aboutSchema.optional(),
  /** Every file of the pack except `pack.json` and `pack.sig`: path → size and SHA-256. */
  files: z.record(packPathSchema, fileEntrySchema),
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

/**
 * True when `p` is a safe relative pack path. Pure string check: the store additionally refuses
 * case collisions, symlinks and over-long UTF-8 paths when it writes.
 */
export function isSafePackPath(p: string): boolean {
  if (p.length === 0 || p.length > MAX_PACK_PATH_LENGTH) return false;
  if (p.includes('\0') || p.includes('\\') || p.includes(':')) return false;
  if (p.startsWith('/')) return false;
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return false;
    // Control characters and trailing dots/spaces misbehave on Windows file systems.
    if ([...segment].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return false;
    if (/[. ]$/.test(segment)) return false;
  }
  return true;
}

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
