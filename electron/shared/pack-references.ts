/**
 * Cross-reference and sanity checks of a parsed manifest: what the zod schema cannot say.
 *
 * Pure (no I/O), so the store, the CLI, the request handler and the renderer can all run it.
 * Decisions recorded here:
 * - ids are unique per kind (places among places, categories among categories …); events and
 *   eras are unique across all timelines, chain nodes within their layer. A place and a category
 *   may share an id.
 * - Files are allowlisted by extension (`ALLOWED_FILE_EXTENSIONS`). SVG is refused outright:
 *   proving an SVG script-free means parsing XML with all its escape routes, and a PNG/WebP does
 *   the same job. Content sniffing and codecs are the lint's job.
 */
import type { LocalizedText, MediaKind, PackManifest } from './pack-schema';
import { formatJsonPath, problem } from './problems';
import type { PackProblem } from './problems';

/** File extensions a pack may contain (lower case, no dot). Everything else is refused. */
export const ALLOWED_FILE_EXTENSIONS: readonly string[] = [
  'json',
  'geojson',
  'vtt',
  'png',
  'jpg',
  'jpeg',
  'webp',
  'avif',
  'mp4',
  'webm',
  'ogg',
  'opus',
  'mp3',
  'm4a',
  'aac',
  'glb',
  'gltf',
  'bin',
  'woff2',
  'txt',
  'md',
];

/** Names at the pack root that belong to the pack itself and are never in `files`. */
export const RESERVED_PACK_FILES: readonly string[] = ['pack.json', 'pack.sig'];

const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'avif'];

/** Extensions accepted for each media kind. */
export const MEDIA_KIND_EXTENSIONS: Readonly<Record<MediaKind, readonly string[]>> = {
  image: IMAGE_EXTENSIONS,
  video: ['mp4', 'webm'],
  audio: ['ogg', 'opus', 'mp3', 'm4a', 'aac', 'webm'],
  model: ['glb', 'gltf'],
  tiles: ['json', ...IMAGE_EXTENSIONS],
  geojson: ['geojson', 'json'],
};

/** Lower-case extension of a path without the dot, or '' when it has none. */
export function fileExtension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True when a pack may contain a file with this path's extension. */
export function isAllowedPackFile(path: string): boolean {
  return ALLOWED_FILE_EXTENSIONS.includes(fileExtension(path));
}

/** How a localized text is used: `label`/`long` must be translated; `index` keys are optional per language. */
export type TextRole = 'label' | 'long' | 'index';

/** A localized text of the manifest and where it is. `long` texts may use the markdown subset. */
export type ManifestText = { path: readonly PropertyKey[]; text: LocalizedText; role: TextRole };

/**
 * Every localized text in the manifest with its JSON path: what a visitor can see. Used for
 * translation checks here and for glyph coverage by the lint.
 */
export function manifestTexts(m: PackManifest): ManifestText[] {
  const out: ManifestText[] = [];
  const add = (
    text: LocalizedText | undefined,
    path: readonly PropertyKey[],
    role: TextRole = 'label',
  ): void => {
    if (text) out.push({ path, text, role });
  };
  const figures = (
    list: PackManifest['stats'] | PackManifest['places'][number]['figures'],
    base: PropertyKey[],
  ) => {
    list.forEach((f, i) => {
      add(f.label, [...base, i, 'label']);
      add(f.unit, [...base, i, 'unit']);
      add(f.source, [...base, i, 'source']);
    });
  };

  add(m.title, ['title']);
  add(m.description, ['description'], 'long');
  add(m.publisher, ['publisher']);
  m.categories.forEach((c, i) => add(c.name, ['categories', i, 'name']));
  m.places.forEach((p, i) => {
    const base = ['places', i];
    add(p.name, [...base, 'name']);
    add(p.summary, [...base, 'summary'], 'long');
    add(p.body, [...base, 'body'], 'long');
    add(p.region, [...base, 'region']);
    add(p.indexKey, [...base, 'indexKey'], 'index');
    add(p.navigation?.address, [...base, 'navigation', 'address']);
    figures(p.figures, [...base, 'figures']);
  });
  const st = m.sandTable;
  if (st) {
    add(st.base.approval, ['sandTable', 'base', 'approval']);
    add(st.hereAt?.label, ['sandTable', 'hereAt', 'label']);
    st.camera.presets.forEach((p, i) => add(p.name, ['sandTable', 'camera', 'presets', i, 'name']));
    st.routes.forEach((r, i) => add(r.name, ['sandTable', 'routes', i, 'name']));
    st.tours.forEach((t, i) => {
      add(t.title, ['sandTable', 'tours', i, 'title']);
      add(t.description, ['sandTable', 'tours', i, 'description'], 'long');
      t.shots.forEach((s, j) => add(s.caption, ['sandTable', 'tours', i, 'shots', j, 'caption'], 'long'));
    });
  }
  m.layers.forEach((l, i) => {
    add(l.name, ['layers', i, 'name']);
    add(l.description, ['layers', i, 'description'], 'long');
    l.nodes.forEach((n, j) => {
      add(n.label, ['layers', i, 'nodes', j, 'label']);
      figures(n.figures, ['layers', i, 'nodes', j, 'figures']);
    });
    l.links.forEach((k, j) => add(k.label, ['layers', i, 'links', j, 'label']));
  });
  m.timelines.forEach((t, i) => {
    add(t.title, ['timelines', i, 'title']);
    add(t.intro, ['timelines', i, 'intro'], 'long');
    t.eras.forEach((e, j) => {
      add(e.title, ['timelines', i, 'eras', j, 'title']);
      add(e.intro, ['timelines', i, 'eras', j, 'intro'], 'long');
    });
    t.events.forEach((e, j) => {
      add(e.displayDate, ['timelines', i, 'events', j, 'displayDate']);
      add(e.title, ['timelines', i, 'events', j, 'title']);
      add(e.text, ['timelines', i, 'events', j, 'text'], 'long');
    });
  });
  for (const [id, media] of Object.entries(m.media)) {
    add(media.alt, ['media', id, 'alt']);
    add(media.credit, ['media', id, 'credit']);
  }
  figures(m.stats, ['stats']);
  if (m.about) {
    add(m.about.text, ['about', 'text'], 'long');
    m.about.credits.forEach((c, i) => {
      add(c.kind, ['about', 'credits', i, 'kind']);
      add(c.source, ['about', 'credits', i, 'source'], 'long');
    });
    m.about.licences.forEach((l, i) => {
      add(l.name, ['about', 'licences', i, 'name']);
      add(l.terms, ['about', 'licences', i, 'terms'], 'long');
    });
  }
  return out;
}

type DateKey = { start: number; end: number };

/** Sort keys of a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optional leading `-`). */
export function partialDateKey(date: string): DateKey | undefined {
  const m = /^(-?\d{1,6})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]) * 10000;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  return {
    start: y + (month ?? 1) * 100 + (day ?? 1),
    end: y + (month ?? 12) * 100 + (day ?? 31),
  };
}

const LINK_PLACEHOLDERS = new Set(['{lon}', '{lat}', '{name}', '{id}', '{gcjLon}', '{gcjLat}']);

/** Links a phone can open: web links, or an RFC 5870 `geo:` URI that phones hand to their map app. */
function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]/i.test(s) || /^geo:[-+0-9.{]/i.test(s);
}

/**
 * Checks every cross-reference and sanity rule of a parsed manifest. Errors refuse the pack;
 * warnings (missing translations, unused media, positions off the table) are reported only.
 */
export function checkPackReferences(m: PackManifest, file = 'pack.json'): PackProblem[] {
  const problems: PackProblem[] = [];
  const at = (path: readonly PropertyKey[]) => ({ path: formatJsonPath(path) });

  // --- ids ------------------------------------------------------------------------------------
  const unique = (ids: readonly { id: string; path: PropertyKey[] }[], where: string): Set<string> => {
    const seen = new Set<string>();
    for (const { id, path } of ids) {
      if (seen.has(id)) problems.push(problem('ref.duplicate-id', file, { where, id }, at(path)));
      seen.add(id);
    }
    return seen;
  };
  const withPaths = <T extends { id: string }>(list: readonly T[], base: PropertyKey[]) =>
    list.map((x, i) => ({ id: x.id, path: [...base, i, 'id'] }));

  const categoryIds = unique(withPaths(m.categories, ['categories']), 'categories');
  const placeIds = unique(withPaths(m.places, ['places']), 'places');
  const st = m.sandTable;
  const presetIds = st
    ? unique(withPaths(st.camera.presets, ['sandTable', 'camera', 'presets']), 'sandTable.camera.presets')
    : new Set<string>();
  const routeIds = st
    ? unique(withPaths(st.routes, ['sandTable', 'routes']), 'sandTable.routes')
    : new Set<string>();
  const tourIds = st
    ? unique(withPaths(st.tours, ['sandTable', 'tours']), 'sandTable.tours')
    : new Set<string>();
  unique(withPaths(m.layers, ['layers']), 'layers');
  const timelineIds = unique(withPaths(m.timelines, ['timelines']), 'timelines');
  unique(
    m.timelines.flatMap((t, i) => withPaths(t.eras, ['timelines', i, 'eras'])),
    'timelines[].eras',
  );
  unique(
    m.timelines.flatMap((t, i) => withPaths(t.events, ['timelines', i, 'events'])),
    'timelines[].events',
  );
  unique(withPaths(m.stats, ['stats']), 'stats');

  // --- media references -----------------------------------------------------------------------
  const mediaRef = (id: string | undefined, path: PropertyKey[], kinds?: readonly MediaKind[]): void => {
    if (id === undefined) return;
    const media = m.media[id];
    if (!Object.hasOwn(m.media, id) || !media) {
      problems.push(problem('ref.media-missing', file, { id }, at(path)));
      return;
    }
    if (kinds && !kinds.includes(media.kind)) {
      problems.push(
        problem('ref.media-kind', file, { id, expected: kinds.join(' or '), actual: media.kind }, at(path)),
      );
    }
  };
  const placeRef = (id: string | undefined, path: PropertyKey[]): void => {
    if (id !== undefined && !placeIds.has(id))
      problems.push(problem('ref.place-missing', file, { id }, at(path)));
  };
  const tourRef = (id: string, path: PropertyKey[]): void => {
    if (!tourIds.has(id)) problems.push(problem('ref.tour-missing', file, { id }, at(path)));
  };

  // --- places -------------------------------------------------------------------------------------
  m.places.forEach((p, i) => {
    const base = ['places', i];
    if (!categoryIds.has(p.category)) {
      problems.push(problem('ref.category-missing', file, { id: p.category }, at([...base, 'category'])));
    }
    p.media.forEach((id, j) => mediaRef(id, [...base, 'media', j]));
    mediaRef(p.cover, [...base, 'cover'], ['image']);
    if (p.navigation?.link !== undefined && !isHttpUrl(p.navigation.link)) {
      problems.push(
        problem('ref.link-scheme', file, { link: p.navigation.link }, at([...base, 'navigation', 'link'])),
      );
    }
    checkPeriod(p, base);
  });

  // --- sand table ---------------------------------------------------------------------------------
  if (st) {
    const b = st.bounds;
    if (!(b.west < b.east)) {
      problems.push(
        problem(
          'range.invalid',
          file,
          { low: 'west', lowValue: b.west, high: 'east', highValue: b.east },
          at(['sandTable', 'bounds']),
        ),
      );
    }
    if (!(b.south < b.north)) {
      problems.push(
        problem(
          'range.invalid',
          file,
          { low: 'south', lowValue: b.south, high: 'north', highValue: b.north },
          at(['sandTable', 'bounds']),
        ),
      );
    }
    const inBounds = (lon: number, lat: number) =>
      lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;
    if (b.west < b.east && b.south < b.north) {
      m.places.forEach((p, i) => {
        if (!inBounds(p.position.lon, p.position.lat)) {
          problems.push(problem('range.outside-bounds', file, { id: p.id }, at(['places', i, 'position'])));
        }
      });
      m.layers.forEach((l, i) =>
        l.nodes.forEach((n, j) => {
          if (n.position && !inBounds(n.position.lon, n.position.lat)) {
            problems.push(
              problem('range.outside-bounds', file, { id: n.id }, at(['layers', i, 'nodes', j, 'position'])),
            );
          }
        }),
      );
    }

    const lim = st.camera.limits;
    const limPath = ['sandTable', 'camera', 'limits'];
    const distanceOk = lim.minDistance < lim.maxDistance;
    if (!distanceOk) {
      problems.push(
        problem(
          'range.invalid',
          file,
          { low: 'minDistance', lowValue: lim.minDistance, high: 'maxDistance', highValue: lim.maxDistance },
          at(limPath),
        ),
      );
    }
    const tiltOk = lim.minTilt <= lim.maxTilt;
    if (!tiltOk) {
      problems.push(
        problem(
          'range.invalid',
          file,
          { low: 'minTilt', lowValue: lim.minTilt, high: 'maxTilt', highValue: lim.maxTilt },
          at(limPath),
        ),
      );
    }
    if (distanceOk && tiltOk) {
      st.camera.presets.forEach((p, i) => {
        const outside =
          p.distance < lim.minDistance ||
          p.distance > lim.maxDistance ||
          p.tilt < lim.minTilt ||
          p.tilt > lim.maxTilt;
        if (outside) {
          problems.push(
            problem(
              'range.preset-outside-limits',
              file,
              { id: p.id },
              at(['sandTable', 'camera', 'presets', i]),
            ),
          );
        }
      });
    }
    if (!presetIds.has(st.camera.initial)) {
      problems.push(
        problem(
          'ref.preset-missing',
          file,
          { id: st.camera.initial },
          at(['sandTable', 'camera', 'initial']),
        ),
      );
    }

    const basePath = ['sandTable', 'base'];
    mediaRef(st.base.regions, [...basePath, 'regions'], ['geojson']);
    mediaRef(st.base.lines, [...basePath, 'lines'], ['geojson']);
    mediaRef(st.base.heightmap?.image, [...basePath, 'heightmap', 'image'], ['image']);
    mediaRef(st.base.heightmap?.texture, [...basePath, 'heightmap', 'texture'], ['image']);

    st.routes.forEach((r, i) => {
      const base = ['sandTable', 'routes', i];
      if (!r.path && !r.places) problems.push(problem('ref.route-empty', file, { id: r.id }, at(base)));
      r.places?.forEach((id, j) => placeRef(id, [...base, 'places', j]));
      checkPeriod(r, base);
    });

    st.tours.forEach((t, i) =>
      t.shots.forEach((s, j) => {
        const base = ['sandTable', 'tours', i, 'shots', j];
        mediaRef(s.narration, [...base, 'narration'], ['audio']);
        switch (s.kind) {
          case 'fly-to':
            if (s.place === undefined && s.preset === undefined && s.pose === undefined) {
              problems.push(problem('ref.shot-target', file, {}, at(base)));
            }
            placeRef(s.place, [...base, 'place']);
            if (s.preset !== undefined && !presetIds.has(s.preset)) {
              problems.push(problem('ref.preset-missing', file, { id: s.preset }, at([...base, 'preset'])));
            }
            break;
          case 'orbit':
            placeRef(s.place, [...base, 'place']);
            break;
          case 'follow-path':
            if (!routeIds.has(s.route)) {
              problems.push(problem('ref.route-missing', file, { id: s.route }, at([...base, 'route'])));
            }
            break;
        }
      }),
    );
  }

  // --- layers ---------------------------------------------------------------------------------------
  m.layers.forEach((l, i) => {
    const base = ['layers', i];
    const nodeIds = unique(withPaths(l.nodes, [...base, 'nodes']), `layers[${i}].nodes`);
    l.nodes.forEach((n, j) => {
      if (n.place === undefined && n.position === undefined) {
        problems.push(problem('ref.node-position', file, { id: n.id }, at([...base, 'nodes', j])));
      }
      placeRef(n.place, [...base, 'nodes', j, 'place']);
    });
    l.links.forEach((k, j) => {
      for (const end of ['from', 'to'] as const) {
        if (!nodeIds.has(k[end])) {
          problems.push(
            problem('ref.node-missing', file, { id: k[end], layer: l.id }, at([...base, 'links', j, end])),
          );
        }
      }
    });
    checkPeriod(l, base);
  });

  // --- about & credits -------------------------------------------------------------------------------
  m.about?.credits.forEach((c, i) =>
    c.media.forEach((id, j) => mediaRef(id, ['about', 'credits', i, 'media', j])),
  );

  // --- timelines ------------------------------------------------------------------------------------
  m.timelines.forEach((t, i) => {
    const eras = new Map(t.eras.map((e) => [e.id, e]));
    t.eras.forEach((e, j) => checkPeriod(e, ['timelines', i, 'eras', j]));
    t.events.forEach((e, j) => {
      const base = ['timelines', i, 'events', j];
      const era = e.era === undefined ? undefined : eras.get(e.era);
      if (e.era !== undefined && !era) {
        problems.push(problem('ref.era-missing', file, { id: e.era, timeline: t.id }, at([...base, 'era'])));
      }
      e.media.forEach((id, k) => mediaRef(id, [...base, 'media', k]));
      e.places.forEach((id, k) => placeRef(id, [...base, 'places', k]));
      e.tours.forEach((id, k) => tourRef(id, [...base, 'tours', k]));
      const ok = checkPeriod({ from: e.date, to: e.end }, base);
      const date = partialDateKey(e.date);
      const eraFrom = era && partialDateKey(era.from);
      const eraTo = era?.to === undefined ? undefined : partialDateKey(era.to);
      if (ok && era && date && eraFrom) {
        const end = (e.end === undefined ? undefined : partialDateKey(e.end)) ?? date;
        if (end.end < eraFrom.start || (eraTo && date.start > eraTo.end)) {
          problems.push(
            problem('range.event-outside-era', file, { id: e.id, era: era.id }, at([...base, 'date'])),
          );
        }
      }
    });
  });

  // --- stats and attract ----------------------------------------------------------------------------
  m.stats.forEach((s, i) => placeRef(s.place, ['stats', i, 'place']));
  m.attract.playlist.forEach((item, i) => {
    const base = ['attract', 'playlist', i];
    switch (item.kind) {
      case 'tour':
        if (!st) problems.push(problem('ref.sand-table-missing', file, {}, at(base)));
        tourRef(item.tour, [...base, 'tour']);
        break;
      case 'timeline-highlights':
        if (!timelineIds.has(item.timeline)) {
          problems.push(
            problem('ref.timeline-missing', file, { id: item.timeline }, at([...base, 'timeline'])),
          );
        }
        break;
    }
  });

  // --- navigation link template ---------------------------------------------------------------------
  if (m.navigation) {
    const template = m.navigation.linkTemplate;
    const path = at(['navigation', 'linkTemplate']);
    for (const ph of template.match(/\{[^{}]*\}/g) ?? []) {
      if (!LINK_PLACEHOLDERS.has(ph))
        problems.push(problem('ref.link-placeholder', file, { placeholder: ph }, path));
    }
    if (!isHttpUrl(template)) problems.push(problem('ref.link-scheme', file, { link: template }, path));
  }

  // --- files ----------------------------------------------------------------------------------------
  const indexed = new Set(Object.keys(m.files));
  const fileRef = (p: string, path: PropertyKey[]): void => {
    if (indexed.has(p)) return;
    const actual = similarFileName(p, indexed);
    problems.push(
      actual !== undefined
        ? problem('ref.file-wrong-name', file, { path: p, actual }, at(path))
        : problem('ref.file-not-indexed', file, { path: p }, at(path)),
    );
  };
  const extensionRef = (
    id: string,
    p: string,
    kind: string,
    allowed: readonly string[],
    path: PropertyKey[],
  ) => {
    fileRef(p, path);
    if (!allowed.includes(fileExtension(p))) {
      problems.push(
        problem(
          'media.extension-mismatch',
          file,
          { id, path: p, kind, allowed: allowed.join(', ') },
          at(path),
        ),
      );
    }
  };
  for (const [id, media] of Object.entries(m.media)) {
    const base = ['media', id];
    const kindExts = MEDIA_KIND_EXTENSIONS[media.kind];
    if (typeof media.src === 'string') extensionRef(id, media.src, media.kind, kindExts, [...base, 'src']);
    else {
      for (const [lang, p] of Object.entries(media.src))
        extensionRef(id, p, media.kind, kindExts, [...base, 'src', lang]);
    }
    for (const [lang, p] of Object.entries(media.captions ?? {})) {
      extensionRef(id, p, 'captions', ['vtt'], [...base, 'captions', lang]);
    }
    if (media.poster !== undefined)
      extensionRef(id, media.poster, 'poster', IMAGE_EXTENSIONS, [...base, 'poster']);
    if (media.thumbnail !== undefined) {
      extensionRef(id, media.thumbnail, 'thumbnail', IMAGE_EXTENSIONS, [...base, 'thumbnail']);
    }
  }
  m.theme.fonts.forEach((f, i) => {
    const path = ['theme', 'fonts', i, 'src'];
    fileRef(f.src, path);
    if (fileExtension(f.src) !== 'woff2') {
      problems.push(
        problem(
          'media.extension-mismatch',
          file,
          { id: f.family, path: f.src, kind: 'font', allowed: 'woff2' },
          at(path),
        ),
      );
    }
  });
  const folded = new Map<string, string>();
  for (const p of Object.keys(m.files).sort()) {
    const path = at(['files', p]);
    if (RESERVED_PACK_FILES.includes(p)) problems.push(problem('files.reserved', file, { path: p }, path));
    else if (!isAllowedPackFile(p)) {
      problems.push(
        problem(
          'content.forbidden-type',
          file,
          { path: p, allowed: ALLOWED_FILE_EXTENSIONS.join(', ') },
          path,
        ),
      );
    }
    const key = p.normalize('NFC').toLowerCase();
    const other = folded.get(key);
    if (other !== undefined) problems.push(problem('files.case-collision', file, { path: p, other }, path));
    else folded.set(key, p);
  }

  // --- languages ------------------------------------------------------------------------------------
  const languages = new Set<string>();
  m.languages.forEach((lang, i) => {
    if (languages.has(lang)) problems.push(problem('lang.duplicate', file, { lang }, at(['languages', i])));
    languages.add(lang);
  });
  if (!languages.has(m.defaultLanguage)) {
    problems.push(
      problem('lang.default-not-listed', file, { lang: m.defaultLanguage }, at(['defaultLanguage'])),
    );
  }
  const checkLanguages = (
    record: Readonly<Record<string, string>>,
    path: readonly PropertyKey[],
    required: boolean,
  ) => {
    if (required) {
      for (const lang of languages) {
        const value = record[lang];
        if (value === undefined || value.trim() === '') {
          problems.push(problem('lang.missing-translation', file, { lang }, at(path)));
        }
      }
    }
    for (const lang of Object.keys(record)) {
      if (!languages.has(lang)) problems.push(problem('lang.unlisted', file, { lang }, at([...path, lang])));
    }
  };
  for (const t of manifestTexts(m)) checkLanguages(t.text, t.path, t.role !== 'index');
  for (const [id, media] of Object.entries(m.media)) {
    if (typeof media.src !== 'string') checkLanguages(media.src, ['media', id, 'src'], true);
    // Caption languages are the lint's (lint.captions-language); only unlisted ones here.
    if (media.captions) checkLanguages(media.captions, ['media', id, 'captions'], false);
  }

  return problems;

  function checkPeriod(
    p: { from?: string | undefined; to?: string | undefined },
    path: PropertyKey[],
  ): boolean {
    if (p.from === undefined || p.to === undefined) return true;
    const from = partialDateKey(p.from);
    const to = partialDateKey(p.to);
    if (from && to && from.start > to.end) {
      problems.push(problem('range.dates', file, { from: p.from, to: p.to }, at(path)));
      return false;
    }
    return true;
  }
}

/**
 * The file an author probably meant by a name that is not in the pack: the same path in another
 * letter case, or the same file name (any case) in another folder when there is exactly one.
 */
export function similarFileName(wanted: string, files: ReadonlySet<string>): string | undefined {
  const lower = wanted.toLowerCase();
  for (const f of files) if (f.toLowerCase() === lower) return f;
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  const sameName = [...files].filter((f) => f.toLowerCase().slice(f.lastIndexOf('/') + 1) === name);
  return sameName.length === 1 ? sameName[0] : undefined;
}
