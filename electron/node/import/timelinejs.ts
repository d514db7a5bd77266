/**
 * TimelineJS (Knight Lab, TimelineJS3) JSON → the pack's timeline model, and back.
 *
 * The published format: `{ title?, events: [slide], eras?: [era], scale? }` where a slide has
 * `start_date`/`end_date` date objects (`year`, `month`, `day`, … as strings or numbers,
 * `display_date`), `text {headline, text}` (HTML), `media {url, caption, credit, thumbnail, alt,
 * title, link, link_target}`, `group`, `display_date`, `background {url, alt, color}`,
 * `autolink`, `unique_id`; an era has `start_date`, `end_date`, `text`.
 *
 * `convertTimelineJs` is pure (no file system): it maps what the pack can hold, turns HTML into
 * the markdown subset, decides where local media files go, and reports everything it could not
 * keep as a notice — nothing is dropped silently. `importTimelineJsIntoPack` does the file work:
 * copies local media into the pack, hashes them into `files`, and rewrites `pack.json`
 * atomically. Remote media are never fetched (halls are offline); they are listed as missing.
 */
import { timelineJsFromCsv } from './timelinejs-csv';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type {
  Era,
  LocalizedText,
  Media,
  MediaKind,
  PackManifestInput,
  Timeline,
  TimelineEvent,
} from '../../shared/pack-schema';
import { idSchema, isSafePackPath, packManifestSchema, PACK_FORMAT } from '../../shared/pack-schema';
import type { PartialDate } from '../../shared/dates';
import {
  formatDateRange,
  parsePartialDate,
  pickContainingPeriod,
  periodSpan,
  toPartialDateString,
  translateHumanDate,
  compareDates,
} from '../../shared/dates';
import { writeFileAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import { htmlToMarkdown, htmlToPlainText, markdownToHtml } from './html-markdown';

// ---------------------------------------------------------------------------------------------
// The TimelineJS format (read leniently: years may be strings or numbers, unknown keys are kept
// so they can be reported).

const numberish = z.union([z.number(), z.string()]);

const tlDateSchema = z.looseObject({
  year: numberish,
  month: numberish.optional(),
  day: numberish.optional(),
  hour: numberish.optional(),
  minute: numberish.optional(),
  second: numberish.optional(),
  millisecond: numberish.optional(),
  display_date: z.string().optional(),
  format: z.string().optional(),
});

const tlTextSchema = z.looseObject({ headline: z.string().optional(), text: z.string().optional() });

const tlMediaSchema = z.looseObject({
  url: z.string(),
  caption: z.string().optional(),
  credit: z.string().optional(),
  thumbnail: z.string().optional(),
  alt: z.string().optional(),
  title: z.string().optional(),
  link: z.string().optional(),
  link_target: z.string().optional(),
});

const tlSlideSchema = z.looseObject({
  start_date: tlDateSchema.optional(),
  end_date: tlDateSchema.optional(),
  text: tlTextSchema.optional(),
  media: tlMediaSchema.optional(),
  group: z.string().optional(),
  display_date: z.string().optional(),
  background: z
    .looseObject({ url: z.string().optional(), alt: z.string().optional(), color: z.string().optional() })
    .optional(),
  autolink: z.boolean().optional(),
  unique_id: z.string().optional(),
});

const tlEraSchema = z.looseObject({
  start_date: tlDateSchema,
  end_date: tlDateSchema.optional(),
  text: tlTextSchema.optional(),
});

export const timelineJsSchema = z.looseObject({
  title: tlSlideSchema.optional(),
  events: z.array(tlSlideSchema),
  eras: z.array(tlEraSchema).optional(),
  scale: z.enum(['human', 'cosmological']).optional(),
});

export type TimelineJsDocument = z.infer<typeof timelineJsSchema>;
export type TimelineJsSlide = z.infer<typeof tlSlideSchema>;
export type TimelineJsDate = z.infer<typeof tlDateSchema>;

const KNOWN = {
  top: ['title', 'events', 'eras', 'scale'],
  slide: [
    'start_date',
    'end_date',
    'text',
    'media',
    'group',
    'display_date',
    'background',
    'autolink',
    'unique_id',
  ],
  date: ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'display_date', 'format'],
  text: ['headline', 'text'],
  media: ['url', 'caption', 'credit', 'thumbnail', 'alt', 'title', 'link', 'link_target'],
  era: ['start_date', 'end_date', 'text'],
} as const;

// ---------------------------------------------------------------------------------------------
// Notices

export type ImportNoticeCode =
  | 'invalid-json'
  | 'invalid-format'
  | 'invalid-date'
  | 'end-before-start'
  | 'precision-dropped'
  | 'unsupported-field'
  | 'unknown-field'
  | 'html-converted'
  | 'remote-media'
  | 'missing-media'
  | 'unknown-media-type'
  | 'no-headline'
  | 'duplicate-id'
  | 'overlapping-eras'
  | 'outside-eras'
  | 'display-date-translated';

export type ImportNotice = {
  severity: 'error' | 'warning' | 'info';
  code: ImportNoticeCode;
  /** Where in the TimelineJS file, e.g. `events[3].media.url`. */
  where: string;
  message: string;
};

/** A media file referred to by the TimelineJS file and not in the pack. */
export type MissingMedia = {
  where: string;
  url: string;
  event?: string;
  reason: 'remote' | 'not-found' | 'unsupported';
};

/** A local file the import copies into the pack. */
export type MediaCopy = {
  where: string;
  mediaId: string;
  source: string;
  packPath: string;
  role: 'src' | 'thumbnail';
};

export type ConvertOptions = {
  /** Language the TimelineJS texts are written in (`zh-Hans`, `en`). */
  language: string;
  /** The pack's languages: a display date understood in one is translated into the others. */
  languages?: readonly string[];
  /** Id of the new timeline; default from the title headline, else `timeline`. */
  timelineId?: string;
  /** Directory of the TimelineJS file: relative media URLs are resolved against it. */
  baseDir: string;
  /** Media ids already used in the pack (the import never overwrites them). */
  takenMediaIds?: ReadonlySet<string>;
  /** Pack paths already used. */
  takenPaths?: ReadonlySet<string>;
  /** Import what can be represented and list the rest as skipped (otherwise a skipped event fails the import). */
  skipUnsupported?: boolean;
};

/** An event the pack cannot represent (e.g. a year beyond ±999,999): never dropped silently. */
export type SkippedEvent = { where: string; headline: string; reason: string };

export type ConvertResult = {
  ok: boolean;
  /** Events left out: the import fails on them unless `skipUnsupported`. */
  skipped: SkippedEvent[];
  timeline?: Timeline;
  media: Record<string, Media>;
  copies: MediaCopy[];
  missing: MissingMedia[];
  notices: ImportNotice[];
};

/** A restrained palette for eras, which TimelineJS does not colour. */
export const ERA_PALETTE = [
  '#8c2f2a',
  '#9a7b3f',
  '#4f6b5a',
  '#5a6478',
  '#7a4e68',
  '#6b5a45',
  '#3f6270',
  '#80583a',
];

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif']);
const VIDEO_EXT = new Set(['.mp4', '.m4v', '.webm']);
const AUDIO_EXT = new Set(['.mp3', '.ogg', '.oga', '.opus', '.m4a', '.aac', '.wav', '.flac']);

export function mediaKindForPath(path: string): MediaKind | null {
  const ext = extname(path.split(/[?#]/)[0] ?? '').toLowerCase();
  if (IMAGE_EXT.has(ext)) return 'image';
  if (VIDEO_EXT.has(ext)) return 'video';
  if (AUDIO_EXT.has(ext)) return 'audio';
  return null;
}

/** Lower-case ASCII slug usable as an id (may be empty for text with no ASCII letters). */
export function slugify(text: string, max = 48): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base.slice(0, 64);
  for (let n = 2; taken.has(id); n++) {
    const suffix = `-${n}`;
    id = `${base.slice(0, 64 - suffix.length)}${suffix}`;
  }
  taken.add(id);
  return id;
}

type Local = { kind: 'local'; path: string } | { kind: 'remote' } | { kind: 'unsupported'; why: string };

/** Classifies a media URL: a local file (absolute path), a remote URL, or something we cannot use. */
export function classifyMediaUrl(url: string, baseDir: string): Local {
  const u = url.trim();
  if (u === '') return { kind: 'unsupported', why: 'empty url' };
  if (/^file:/i.test(u)) {
    try {
      return { kind: 'local', path: fileURLToPath(u) };
    } catch {
      return { kind: 'unsupported', why: 'malformed file: URL' };
    }
  }
  if (/^(https?:)?\/\//i.test(u)) return { kind: 'remote' };
  if (/^data:/i.test(u)) return { kind: 'unsupported', why: 'data: URLs are not imported' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^[a-z]:[\\/]/i.test(u)) {
    return { kind: 'unsupported', why: `"${u.split(':')[0] ?? ''}:" URLs are not files` };
  }
  // "<blockquote>…" embeds and other markup are TimelineJS media types we cannot carry.
  if (u.startsWith('<')) return { kind: 'unsupported', why: 'embedded HTML is not a file' };
  const decoded = safeDecode(u.split(/[?#]/)[0] ?? u);
  return { kind: 'local', path: isAbsolute(decoded) ? decoded : resolve(baseDir, decoded) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function toInt(value: string | number | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  if (s === '') return undefined;
  if (!/^[-+]?\d+$/.test(s)) return null;
  return Number(s);
}

/** A TimelineJS date object → a partial date (TimelineJS negative years are BCE years, as written). */
export function convertTlDate(d: TimelineJsDate, where: string, notices: ImportNotice[]): PartialDate | null {
  const year = toInt(d.year);
  const month = toInt(d.month);
  const day = toInt(d.day);
  if (year === null || year === undefined || year === 0 || Math.abs(year) > 999_999) {
    notices.push({
      severity: 'error',
      code: 'invalid-date',
      where: `${where}.year`,
      message: `year "${String(d.year)}" is not a usable year (whole number, not 0, at most 6 digits)`,
    });
    return null;
  }
  if (month === null || day === null || (day !== undefined && month === undefined)) {
    notices.push({
      severity: 'error',
      code: 'invalid-date',
      where,
      message: 'month and day must be whole numbers, and a day needs a month',
    });
    return null;
  }
  const date: PartialDate = { year };
  if (month !== undefined) date.month = month;
  if (day !== undefined) date.day = day;
  if (!parsePartialDate(toPartialDateString(date))) {
    notices.push({
      severity: 'error',
      code: 'invalid-date',
      where,
      message: `${toPartialDateString(date)} is not a calendar date`,
    });
    return null;
  }
  const finer = (['hour', 'minute', 'second', 'millisecond'] as const).filter(
    (k) => d[k] !== undefined && String(d[k]) !== '',
  );
  if (finer.length > 0) {
    notices.push({
      severity: 'info',
      code: 'precision-dropped',
      where,
      message: `${finer.join(', ')} dropped: pack dates are precise to the day`,
    });
  }
  if (d.format !== undefined) {
    notices.push({
      severity: 'info',
      code: 'unsupported-field',
      where: `${where}.format`,
      message: 'date format ignored: the kiosk formats dates per language',
    });
  }
  reportUnknown(d, KNOWN.date, where, notices);
  return date;
}

function reportUnknown(
  obj: Record<string, unknown>,
  known: readonly string[],
  where: string,
  notices: ImportNotice[],
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      notices.push({
        severity: 'warning',
        code: 'unknown-field',
        where: `${where}.${key}`,
        message: `"${key}" is not part of the TimelineJS format and was not imported`,
      });
    }
  }
}

function markdownOf(html: string, where: string, notices: ImportNotice[]): string {
  const { markdown, dropped } = htmlToMarkdown(html);
  if (dropped.length > 0) {
    notices.push({
      severity: 'warning',
      code: 'html-converted',
      where,
      message: `HTML reduced to plain text and the markdown subset; not kept: ${dropped.join(', ')}`,
    });
  }
  return markdown;
}

function plainOf(html: string, where: string, notices: ImportNotice[]): string {
  const { markdown, dropped } = htmlToPlainText(html);
  if (dropped.length > 0) {
    notices.push({
      severity: 'warning',
      code: 'html-converted',
      where,
      message: `HTML reduced to plain text; not kept: ${dropped.join(', ')}`,
    });
  }
  return markdown;
}

/** A display date in the import language, plus the other pack languages when it can be read. */
function displayDateText(
  text: string,
  opts: ConvertOptions,
  where: string,
  notices: ImportNotice[],
): LocalizedText {
  const out: LocalizedText = { [opts.language]: text };
  const others = (opts.languages ?? []).filter((l) => l !== opts.language);
  if (others.length === 0) return out;
  const translated: string[] = [];
  for (const lang of others) {
    const t = translateHumanDate(text, lang);
    if (t !== null) {
      out[lang] = t;
      translated.push(`${lang} "${t}"`);
    }
  }
  if (translated.length > 0) {
    notices.push({
      severity: 'info',
      code: 'display-date-translated',
      where,
      message: `display date "${text}" also written as ${translated.join(', ')}`,
    });
  }
  return out;
}

function packPathFor(source: string, timelineId: string, taken: Set<string>): string {
  const ext = extname(source)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '');
  const stem = slugify(basename(source, extname(source)), 60) || 'file';
  let path = `media/${timelineId}/${stem}${ext}`;
  for (let n = 2; taken.has(path) || !isSafePackPath(path); n++)
    path = `media/${timelineId}/${stem}-${n}${ext}`;
  taken.add(path);
  return path;
}

/**
 * Converts a parsed TimelineJS document (or anything: it is validated here) into a pack timeline
 * with its media entries. Pure; file copies are described in `copies`, not performed.
 */
export function convertTimelineJs(input: unknown, opts: ConvertOptions): ConvertResult {
  const notices: ImportNotice[] = [];
  const media: Record<string, Media> = {};
  const copies: MediaCopy[] = [];
  const missing: MissingMedia[] = [];
  const parsed = timelineJsSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      notices.push({
        severity: 'error',
        code: 'invalid-format',
        where:
          issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(file)',
        message: issue.message,
      });
    }
    return { ok: false, skipped: [], media, copies, missing, notices };
  }
  const doc = parsed.data;
  const skipped: SkippedEvent[] = [];
  const headlineOf = (i: number): string => {
    const h = doc.events[i]?.text?.headline ?? '';
    return h.replace(/<[^>]*>/g, '').trim() || `event ${i + 1}`;
  };
  const lang = opts.language;
  reportUnknown(doc, KNOWN.top, '(file)', notices);
  if (doc.scale === 'cosmological') {
    notices.push({
      severity: 'warning',
      code: 'unsupported-field',
      where: 'scale',
      message: 'the cosmological scale is not supported: years are limited to ±999,999',
    });
  }

  // Title slide.
  const titleHtml = doc.title?.text?.headline ?? '';
  const titleText = titleHtml ? plainOf(titleHtml, 'title.text.headline', notices) : '';
  const timelineId =
    opts.timelineId ?? (idSchema.safeParse(slugify(titleText)).success ? slugify(titleText) : 'timeline');
  if (doc.title) {
    for (const key of ['media', 'background', 'start_date', 'end_date', 'group', 'display_date'] as const) {
      if (doc.title[key] !== undefined) {
        notices.push({
          severity: 'warning',
          code: 'unsupported-field',
          where: `title.${key}`,
          message: `the title slide's ${key} is not shown by the kiosk's timeline`,
        });
      }
    }
    reportUnknown(doc.title, KNOWN.slide, 'title', notices);
  }

  const takenMedia = new Set(opts.takenMediaIds ?? []);
  const takenPaths = new Set(opts.takenPaths ?? []);

  // Eras.
  const eraIds = new Set<string>();
  const eras: Era[] = [];
  (doc.eras ?? []).forEach((e, i) => {
    const where = `eras[${i}]`;
    const from = convertTlDate(e.start_date, `${where}.start_date`, notices);
    if (!from) return;
    let to: PartialDate | null | undefined = e.end_date
      ? convertTlDate(e.end_date, `${where}.end_date`, notices)
      : undefined;
    if (to && compareDates(to, from) < 0) {
      notices.push({
        severity: 'warning',
        code: 'end-before-start',
        where: `${where}.end_date`,
        message: 'era ends before it starts; end ignored',
      });
      to = undefined;
    }
    const headline = e.text?.headline ? plainOf(e.text.headline, `${where}.text.headline`, notices) : '';
    const title = headline || formatDateRange(from, to ?? undefined, lang);
    const era: Era = {
      id: uniqueId(slugify(headline) || `era-${i + 1}`, eraIds),
      title: { [lang]: title },
      color: ERA_PALETTE[i % ERA_PALETTE.length] ?? '#8c2f2a',
      from: toPartialDateString(from),
    };
    if (to) era.to = toPartialDateString(to);
    if (e.text?.text) {
      const intro = markdownOf(e.text.text, `${where}.text.text`, notices);
      if (intro) era.intro = { [lang]: intro };
    }
    reportUnknown(e, KNOWN.era, where, notices);
    if (e.text) reportUnknown(e.text, KNOWN.text, `${where}.text`, notices);
    eras.push(era);
  });
  for (let a = 0; a < eras.length; a++) {
    for (let b = a + 1; b < eras.length; b++) {
      const ea = eras[a];
      const eb = eras[b];
      if (!ea || !eb) continue;
      const sa = periodSpan(ea);
      const sb = periodSpan(eb);
      // Eras that share a boundary ("1921–1949" then "1949–1978") meet, they do not overlap.
      const meet = (x: Era, y: Era) => x.to !== undefined && x.to === y.from;
      if (sa && sb && sa.start < sb.end && sb.start < sa.end && !meet(ea, eb) && !meet(eb, ea)) {
        notices.push({
          severity: 'info',
          code: 'overlapping-eras',
          where: `eras[${a}] / eras[${b}]`,
          message: `eras "${ea.id}" and "${eb.id}" overlap; an event in both belongs to the one that starts later`,
        });
      }
    }
  }

  // Events.
  const eventIds = new Set<string>();
  const events: TimelineEvent[] = [];
  const groups = new Set<string>();
  doc.events.forEach((slide, i) => {
    const where = `events[${i}]`;
    if (!slide.start_date) {
      notices.push({
        severity: 'error',
        code: 'invalid-date',
        where: `${where}.start_date`,
        message: 'an event needs a start_date; event skipped',
      });
      skipped.push({ where, headline: headlineOf(i), reason: 'no start_date' });
      return;
    }
    const start = convertTlDate(slide.start_date, `${where}.start_date`, notices);
    if (!start) {
      notices.push({
        severity: 'error',
        code: 'invalid-date',
        where,
        message: 'event skipped because its start date is unusable',
      });
      const year = String(slide.start_date.year ?? '');
      skipped.push({
        where,
        headline: headlineOf(i),
        reason: `start year "${year}" cannot be shown (years are whole numbers, not 0, within ±999,999)`,
      });
      return;
    }
    let end = slide.end_date ? convertTlDate(slide.end_date, `${where}.end_date`, notices) : undefined;
    if (end && compareDates(end, start) < 0) {
      notices.push({
        severity: 'warning',
        code: 'end-before-start',
        where: `${where}.end_date`,
        message: 'end_date is before start_date; end ignored',
      });
      end = undefined;
    }
    const headline = slide.text?.headline
      ? plainOf(slide.text.headline, `${where}.text.headline`, notices)
      : '';
    const display =
      slide.display_date ??
      (slide.start_date.display_date !== undefined
        ? [slide.start_date.display_date, slide.end_date?.display_date]
            .filter((x) => x !== undefined && x !== '')
            .join(' – ')
        : undefined);

    // Ids: a valid unique_id is kept (links into the timeline keep working), else the headline.
    let idBase = slugify(headline) || `event-${i + 1}`;
    if (slide.unique_id !== undefined) {
      if (idSchema.safeParse(slide.unique_id).success) idBase = slide.unique_id;
      else {
        const slug = slugify(slide.unique_id);
        if (slug) idBase = slug;
        notices.push({
          severity: 'info',
          code: 'duplicate-id',
          where: `${where}.unique_id`,
          message: `unique_id "${slide.unique_id}" is not a pack id; used "${slug || idBase}"`,
        });
      }
    }
    const id = uniqueId(idBase, eventIds);
    if (id !== idBase) {
      notices.push({
        severity: 'warning',
        code: 'duplicate-id',
        where,
        message: `id "${idBase}" already used; this event is "${id}"`,
      });
    }

    const event: TimelineEvent = {
      id,
      date: toPartialDateString(start),
      title: { [lang]: headline || display || formatDateRange(start, end ?? undefined, lang) },
      media: [],
      places: [],
      tours: [],
      highlight: false,
    };
    if (!headline) {
      notices.push({
        severity: 'warning',
        code: 'no-headline',
        where: `${where}.text.headline`,
        message: 'event has no headline; its date is used as the title',
      });
    }
    if (end && toPartialDateString(end) !== event.date) event.end = toPartialDateString(end);
    if (display) event.displayDate = displayDateText(display, opts, `${where}.display_date`, notices);
    if (slide.text?.text) {
      const text = markdownOf(slide.text.text, `${where}.text.text`, notices);
      if (text) event.text = { [lang]: text };
    }
    if (slide.text) reportUnknown(slide.text, KNOWN.text, `${where}.text`, notices);

    if (slide.media) {
      const m = slide.media;
      const mw = `${where}.media`;
      const mediaId = uniqueId(`${timelineId}-${id}`.slice(0, 60), takenMedia);
      const src = classifyMediaUrl(m.url, opts.baseDir);
      const kind = mediaKindForPath(m.url);
      if (src.kind === 'remote') {
        missing.push({ where: `${mw}.url`, url: m.url, event: id, reason: 'remote' });
        notices.push({
          severity: 'warning',
          code: 'remote-media',
          where: `${mw}.url`,
          message: `${m.url} is on the internet and a hall is offline: download it, refer to it by a relative path, and import again`,
        });
      } else if (src.kind === 'unsupported') {
        missing.push({ where: `${mw}.url`, url: m.url, event: id, reason: 'unsupported' });
        notices.push({
          severity: 'warning',
          code: 'unknown-media-type',
          where: `${mw}.url`,
          message: `media not imported: ${src.why}`,
        });
      } else if (!kind) {
        missing.push({ where: `${mw}.url`, url: m.url, event: id, reason: 'unsupported' });
        notices.push({
          severity: 'warning',
          code: 'unknown-media-type',
          where: `${mw}.url`,
          message: `${basename(src.path)}: not an image (jpg, png, webp, avif), video (mp4, webm) or audio (mp3, ogg, opus, m4a) file`,
        });
      } else {
        const packPath = packPathFor(src.path, timelineId, takenPaths);
        copies.push({ where: `${mw}.url`, mediaId, source: src.path, packPath, role: 'src' });
        const entry: Media = { kind, src: packPath, illustration: false };
        const caption = m.caption ? plainOf(m.caption, `${mw}.caption`, notices) : '';
        const alt = m.alt ? plainOf(m.alt, `${mw}.alt`, notices) : '';
        // The pack has one descriptive text per medium (shown under it and read by assistive
        // technology); the caption is what TimelineJS shows, so it wins over alt.
        if (caption || alt) entry.alt = { [lang]: caption || alt };
        if (caption && alt && caption !== alt) {
          notices.push({
            severity: 'warning',
            code: 'unsupported-field',
            where: `${mw}.alt`,
            message: 'both caption and alt given; the caption is kept as the description, alt dropped',
          });
        }
        if (m.credit) {
          const credit = plainOf(m.credit, `${mw}.credit`, notices);
          if (credit) entry.credit = { [lang]: credit };
        }
        if (m.thumbnail) {
          const t = classifyMediaUrl(m.thumbnail, opts.baseDir);
          if (t.kind === 'local' && mediaKindForPath(t.path) === 'image') {
            const tp = packPathFor(t.path, timelineId, takenPaths);
            copies.push({
              where: `${mw}.thumbnail`,
              mediaId,
              source: t.path,
              packPath: tp,
              role: 'thumbnail',
            });
            entry.thumbnail = tp;
          } else {
            missing.push({
              where: `${mw}.thumbnail`,
              url: m.thumbnail,
              event: id,
              reason: t.kind === 'remote' ? 'remote' : 'unsupported',
            });
            notices.push({
              severity: 'warning',
              code: t.kind === 'remote' ? 'remote-media' : 'unknown-media-type',
              where: `${mw}.thumbnail`,
              message:
                t.kind === 'remote'
                  ? `thumbnail ${m.thumbnail} is on the internet and was not imported`
                  : 'thumbnail is not a local image file and was not imported',
            });
          }
        }
        media[mediaId] = entry;
        event.media.push(mediaId);
      }
      for (const key of ['title', 'link', 'link_target'] as const) {
        if (m[key] !== undefined) {
          notices.push({
            severity: 'warning',
            code: 'unsupported-field',
            where: `${mw}.${key}`,
            message: `media ${key} is not shown in the hall (no links leave the kiosk)`,
          });
        }
      }
      reportUnknown(m, KNOWN.media, mw, notices);
    }
    if (slide.group !== undefined && slide.group !== '') {
      groups.add(slide.group);
      notices.push({
        severity: 'warning',
        code: 'unsupported-field',
        where: `${where}.group`,
        message: `group "${slide.group}" is not shown: the kiosk's timeline groups events by era`,
      });
    }
    if (slide.background !== undefined) {
      notices.push({
        severity: 'warning',
        code: 'unsupported-field',
        where: `${where}.background`,
        message: 'slide backgrounds are not shown: the hall theme and era colours set the look',
      });
    }
    if (slide.autolink !== undefined) {
      notices.push({
        severity: 'info',
        code: 'unsupported-field',
        where: `${where}.autolink`,
        message: 'autolink ignored: the kiosk shows no links',
      });
    }
    reportUnknown(slide, KNOWN.slide, where, notices);

    const era = pickContainingPeriod(eras, event.date);
    if (era) event.era = era.id;
    else if (eras.length > 0) {
      notices.push({
        severity: 'info',
        code: 'outside-eras',
        where,
        message: `event "${id}" (${event.date}) falls in no era`,
      });
    }
    events.push(event);
  });

  const timeline: Timeline = {
    id: timelineId,
    title: { [lang]: titleText || timelineId },
    eras,
    events,
  };
  if (doc.title?.text?.text) {
    const intro = markdownOf(doc.title.text.text, 'title.text.text', notices);
    if (intro) timeline.intro = { [lang]: intro };
  }
  const ok =
    !notices.some((n) => n.severity === 'error' && n.code === 'invalid-format') &&
    (skipped.length === 0 || opts.skipUnsupported === true);
  return { ok, skipped, timeline, media, copies, missing, notices };
}

// ---------------------------------------------------------------------------------------------
// Export (round trips, benchmarks, authors going back to TimelineJS)

function tlDate(date: string): TimelineJsDate {
  const d = parsePartialDate(date);
  if (!d) return { year: date };
  const out: TimelineJsDate = { year: String(d.year) };
  if (d.month !== undefined) out.month = String(d.month);
  if (d.day !== undefined) out.day = String(d.day);
  return out;
}

/**
 * A pack timeline → TimelineJS JSON in one language. Media become their pack paths (resolved
 * against `mediaBase` when given, e.g. a URL prefix for a benchmark page).
 */
export function exportTimelineJs(
  timeline: Timeline,
  media: Readonly<Record<string, Media>>,
  language: string,
  mediaBase = '',
): TimelineJsDocument {
  const pick = (t: LocalizedText | undefined) => (t ? (t[language] ?? Object.values(t)[0] ?? '') : '');
  const doc: TimelineJsDocument = {
    events: timeline.events.map((e) => {
      const slide: TimelineJsSlide = {
        start_date: tlDate(e.date),
        text: { headline: pick(e.title), text: markdownToHtml(pick(e.text)) },
        unique_id: e.id,
      };
      if (e.end) slide.end_date = tlDate(e.end);
      if (e.displayDate) slide.display_date = pick(e.displayDate);
      const first = e.media[0];
      const m = first === undefined ? undefined : media[first];
      if (m) {
        const src = typeof m.src === 'string' ? m.src : (m.src[language] ?? Object.values(m.src)[0] ?? '');
        slide.media = { url: `${mediaBase}${src}` };
        if (m.alt) slide.media.caption = pick(m.alt);
        if (m.credit) slide.media.credit = pick(m.credit);
        if (m.thumbnail) slide.media.thumbnail = `${mediaBase}${m.thumbnail}`;
      }
      return slide;
    }),
  };
  const title = pick(timeline.title);
  if (title) {
    doc.title = { text: { headline: title, text: markdownToHtml(pick(timeline.intro)) } };
  }
  if (timeline.eras.length > 0) {
    doc.eras = timeline.eras.map((era) => {
      const out: z.infer<typeof tlEraSchema> = {
        start_date: tlDate(era.from),
        text: { headline: pick(era.title) },
      };
      // TimelineJS requires an end; an open era ends with the last event.
      const last = timeline.events[timeline.events.length - 1];
      out.end_date = tlDate(era.to ?? last?.date ?? era.from);
      if (era.intro && out.text) out.text.text = markdownToHtml(pick(era.intro));
      return out;
    });
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Into a pack folder

export type ImportIntoPackOptions = {
  file: string;
  packDir: string;
  language?: string;
  timelineId?: string;
  /** Replace a timeline with the same id (otherwise that is an error). */
  replace?: boolean;
  /** Convert and report, write nothing. */
  dryRun?: boolean;
  /** Import what can be represented, listing skipped events (otherwise they fail the import). */
  skipUnsupported?: boolean;
};

export type ImportIntoPackResult = {
  ok: boolean;
  /** Events that could not be represented (the import failed on them unless skipUnsupported). */
  skipped: SkippedEvent[];
  timelineId?: string;
  events: number;
  eras: number;
  copied: { packPath: string; size: number; sha256: string }[];
  missing: MissingMedia[];
  notices: ImportNotice[];
  createdPack: boolean;
  /** True when the pack had a signature that no longer matches. */
  signatureStale: boolean;
};

async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    size += b.length;
    hash.update(b);
  }
  return { sha256: hash.digest('hex'), size };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Imports a TimelineJS file into a pack folder: converts, copies local media into `media/`,
 * hashes them into `files`, merges the timeline and media entries into `pack.json` (created when
 * the folder has none) and checks the result against the pack schema before writing it.
 */
export async function importTimelineJsIntoPack(opts: ImportIntoPackOptions): Promise<ImportIntoPackResult> {
  const result: ImportIntoPackResult = {
    ok: false,
    skipped: [],
    events: 0,
    eras: 0,
    copied: [],
    missing: [],
    notices: [],
    createdPack: false,
    signatureStale: false,
  };
  const fail = (where: string, message: string, code: ImportNoticeCode = 'invalid-format') => {
    result.notices.push({ severity: 'error', code, where, message });
    return result;
  };

  let json: unknown;
  try {
    const text = await readFile(opts.file, 'utf8');
    json = /\.csv$/i.test(opts.file) ? timelineJsFromCsv(text) : JSON.parse(text);
  } catch (error) {
    return fail(
      opts.file,
      `cannot read the TimelineJS ${/\.csv$/i.test(opts.file) ? 'spreadsheet (CSV)' : 'JSON'}: ${error instanceof Error ? error.message : String(error)}`,
      'invalid-json',
    );
  }

  const manifestPath = join(opts.packDir, 'pack.json');
  let raw: Record<string, unknown>;
  if (await exists(manifestPath)) {
    try {
      const parsedRaw: unknown = JSON.parse(await readFile(manifestPath, 'utf8'));
      if (!isRecord(parsedRaw)) return fail(manifestPath, 'pack.json is not a JSON object');
      raw = parsedRaw;
    } catch (error) {
      return fail(
        manifestPath,
        `cannot read pack.json: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // A working folder has no files index (build computes it): check the rest.
    const check = packManifestSchema.safeParse({ files: {}, ...raw });
    if (!check.success) {
      const first = check.error.issues[0];
      return fail(
        manifestPath,
        `pack.json is not a valid pack (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}); fix it before importing`,
      );
    }
  } else {
    const lang = opts.language ?? 'en';
    const id = slugify(basename(resolve(opts.packDir))) || 'imported';
    const fresh: PackManifestInput = {
      format: PACK_FORMAT,
      id: idSchema.safeParse(id).success ? id : 'imported',
      version: '0.1.0',
      title: { [lang]: basename(resolve(opts.packDir)) },
      languages: [lang],
      defaultLanguage: lang,
      publisher: { [lang]: '' },
      created: new Date().toISOString().slice(0, 10),
      files: {},
    };
    raw = fresh;
    result.createdPack = true;
  }

  const languages = Array.isArray(raw.languages)
    ? raw.languages.filter((l): l is string => typeof l === 'string')
    : [];
  const language = opts.language ?? (typeof raw.defaultLanguage === 'string' ? raw.defaultLanguage : 'en');
  if (languages.length > 0 && !languages.includes(language)) {
    result.notices.push({
      severity: 'warning',
      code: 'unsupported-field',
      where: '--lang',
      message: `the pack does not list "${language}" among its languages (${languages.join(', ')})`,
    });
  }
  const rawMedia = isRecord(raw.media) ? raw.media : {};
  const rawFiles = isRecord(raw.files) ? raw.files : {};
  const converted = convertTimelineJs(json, {
    language,
    languages,
    baseDir: dirname(resolve(opts.file)),
    ...(opts.timelineId === undefined ? {} : { timelineId: opts.timelineId }),
    ...(opts.skipUnsupported === true ? { skipUnsupported: true } : {}),
    takenMediaIds: new Set(Object.keys(rawMedia)),
    takenPaths: new Set(Object.keys(rawFiles)),
  });
  result.notices.push(...converted.notices);
  result.missing.push(...converted.missing);
  result.skipped.push(...converted.skipped);
  const timeline = converted.timeline;
  if (!converted.ok || !timeline) return result;
  result.timelineId = timeline.id;

  const rawTimelines = Array.isArray(raw.timelines) ? [...(raw.timelines as unknown[])] : [];
  const existing = rawTimelines.findIndex((t) => isRecord(t) && t.id === timeline.id);
  if (existing >= 0 && !opts.replace) {
    return fail(
      '--id',
      `the pack already has a timeline "${timeline.id}": pass --replace to overwrite it or --id to choose another id`,
    );
  }

  // Local files must exist before anything is written.
  const present: MediaCopy[] = [];
  for (const copy of converted.copies) {
    if (await exists(copy.source)) present.push(copy);
    else {
      result.missing.push({ where: copy.where, url: copy.source, reason: 'not-found' });
      result.notices.push({
        severity: 'warning',
        code: 'missing-media',
        where: copy.where,
        message: `${copy.source} does not exist; medium not imported`,
      });
    }
  }
  const mediaEntries = { ...converted.media };
  for (const copy of converted.copies) {
    if (present.includes(copy)) continue;
    const entry = mediaEntries[copy.mediaId];
    if (copy.role === 'src') {
      delete mediaEntries[copy.mediaId];
      for (const e of timeline.events) e.media = e.media.filter((m) => m !== copy.mediaId);
    } else if (entry) delete entry.thumbnail;
  }

  // Merge, then check the whole manifest before touching the disk.
  const newFiles: Record<string, { size: number; sha256: string }> = {};
  for (const copy of present) {
    const { sha256, size } = await sha256File(copy.source);
    newFiles[copy.packPath] = { size, sha256 };
    result.copied.push({ packPath: copy.packPath, size, sha256 });
  }
  if (existing >= 0) rawTimelines[existing] = timeline;
  else rawTimelines.push(timeline);
  const workingFolder = !isRecord(raw.files);
  const merged: Record<string, unknown> = {
    ...raw,
    timelines: rawTimelines,
    media: { ...rawMedia, ...mediaEntries },
    // A working folder stays one: build computes the index of every file.
    ...(workingFolder ? {} : { files: { ...rawFiles, ...newFiles } }),
  };
  const check = packManifestSchema.safeParse(workingFolder ? { ...merged, files: {} } : merged);
  if (!check.success) {
    const first = check.error.issues[0];
    return fail(
      'pack.json',
      `the imported pack would not be valid (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`,
    );
  }
  result.events = timeline.events.length;
  result.eras = timeline.eras.length;
  result.signatureStale = await exists(join(opts.packDir, 'pack.sig'));
  result.ok = true;
  if (opts.dryRun) return result;

  await mkdir(opts.packDir, { recursive: true });
  for (const copy of present) {
    const target = join(opts.packDir, ...copy.packPath.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(copy.source, target);
    // Re-hash what landed in the pack: the index must describe the copy, not the source.
    const landed = await sha256File(target);
    if (landed.sha256 !== newFiles[copy.packPath]?.sha256) {
      result.ok = false;
      return fail(
        copy.packPath,
        'the copied file differs from its source (changed during the import?); nothing was written to pack.json',
      );
    }
  }
  await writeFileAtomic(
    nodeFsOps,
    manifestPath,
    new TextEncoder().encode(`${JSON.stringify(merged, null, 2)}\n`),
  );
  return result;
}
