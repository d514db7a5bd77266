/**
 * Which places, arcs and routes are shown: category chips and the time slider. Items without
 * `from`/`to` belong to every period; a period filter shows items whose span overlaps it.
 */
import { parsePartialDate, periodSpan, toDecimalYear } from '../../../electron/shared/dates';
import type { Era, PackManifest } from '../../../electron/shared/pack-schema';

/** The time slider's choice: everything, one era of the first timeline, or one year. */
export type TimeFilter = { kind: 'all' } | { kind: 'era'; eraId: string } | { kind: 'year'; year: number };

/** A span on the decimal-year scale, end exclusive. */
export type Span = { start: number; end: number };

/** Something with an optional period. */
export type Periodic = { from?: string | undefined; to?: string | undefined };

const ALL: Span = { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };

/** Span of an item's `from`/`to`; an open side is infinite; unparsable dates count as open. */
export function itemSpan(item: Periodic): Span {
  const from = item.from === undefined ? null : parsePartialDate(item.from);
  const to = item.to === undefined ? null : parsePartialDate(item.to);
  return {
    start: from ? toDecimalYear(from) : Number.NEGATIVE_INFINITY,
    end: to ? toDecimalYear(to, 'end') : Number.POSITIVE_INFINITY,
  };
}

/** The eras the slider offers: those of the first timeline (the pack's main story). */
export function sliderEras(manifest: Pick<PackManifest, 'timelines'>): Era[] {
  return manifest.timelines[0]?.eras ?? [];
}

/** Year range across dated places, routes and layers, for packs without eras; `null` if none. */
export function yearRange(
  manifest: Pick<PackManifest, 'places' | 'layers' | 'sandTable'>,
): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const items: Periodic[] = [...manifest.places, ...manifest.layers, ...(manifest.sandTable?.routes ?? [])];
  for (const it of items) {
    for (const d of [it.from, it.to]) {
      const p = d === undefined ? null : parsePartialDate(d);
      if (!p) continue;
      min = Math.min(min, p.year);
      max = Math.max(max, p.year);
    }
  }
  return min <= max ? { min, max } : null;
}

/** The span a filter selects. */
export function filterSpan(filter: TimeFilter, eras: readonly Era[]): Span {
  switch (filter.kind) {
    case 'all':
      return ALL;
    case 'era': {
      const era = eras.find((e) => e.id === filter.eraId);
      if (!era) return ALL;
      return periodSpan({ from: era.from, to: era.to }) ?? ALL;
    }
    case 'year': {
      const p = parsePartialDate(String(filter.year));
      if (!p) return ALL;
      return { start: toDecimalYear(p), end: toDecimalYear(p, 'end') };
    }
  }
}

/** True when the item's period overlaps `span`. */
export function inSpan(item: Periodic, span: Span): boolean {
  if (span.start === Number.NEGATIVE_INFINITY && span.end === Number.POSITIVE_INFINITY) return true;
  const s = itemSpan(item);
  return s.start < span.end && s.end > span.start;
}

/** Category ids hidden by the chips (empty = all shown). */
export type CategoryFilter = ReadonlySet<string>;

/** Indices of places that pass both filters. */
export function visiblePlaceIndices(
  places: readonly (Periodic & { category: string })[],
  hiddenCategories: CategoryFilter,
  span: Span,
): number[] {
  const out: number[] = [];
  places.forEach((p, i) => {
    if (!hiddenCategories.has(p.category) && inSpan(p, span)) out.push(i);
  });
  return out;
}

/**
 * The period of each place for the time slider: its own `from`/`to` when the pack gives them,
 * else from the earliest timeline event that names it onwards (the map by era shows what the
 * story had reached by then), else open (always shown).
 */
export function placePeriods(manifest: Pick<PackManifest, 'places' | 'timelines'>): Periodic[] {
  const first = new Map<string, { date: string; year: number }>();
  for (const t of manifest.timelines) {
    for (const e of t.events) {
      const d = parsePartialDate(e.date);
      if (!d) continue;
      const year = toDecimalYear(d);
      for (const id of e.places) {
        const cur = first.get(id);
        if (!cur || year < cur.year) first.set(id, { date: e.date, year });
      }
    }
  }
  return manifest.places.map((p) => {
    if (p.from !== undefined || p.to !== undefined)
      return { ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) };
    const e = first.get(p.id);
    return e ? { from: e.date } : {};
  });
}
