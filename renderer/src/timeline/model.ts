/**
 * The timeline as the track shows it: events sorted by date, grouped into eras (chapters), laid
 * out as one row of items where each era's chapter card comes before its first event.
 *
 * Pure and React-free, so it is unit-tested and shared by the track, the scrubber, the detail
 * view and the highlights player. Built once per timeline (O(n log n)); lookups are O(1) or
 * O(log n), which is what keeps 5,000 events smooth.
 */
import type { Era, LocalizedText, Timeline, TimelineEvent } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { PartialDate } from '../../../electron/shared/dates';
import {
  formatDateRange,
  isChinese,
  parsePartialDate,
  pickContainingPeriod,
  toDecimalYear,
  yearAtDecimal,
} from '../../../electron/shared/dates';

export type EraItem = {
  kind: 'era';
  key: string;
  era: Era;
  /** Index of the era in the model's `eras`. */
  eraIndex: number;
  /** Events in this era. */
  eventCount: number;
};

export type EventItem = {
  kind: 'event';
  key: string;
  event: TimelineEvent;
  /** Index among events (sorted by date). */
  eventIndex: number;
  eraId: string | null;
  start: PartialDate;
  end?: PartialDate;
  /** Start on the decimal-year scale. */
  at: number;
};

export type TimelineItem = EraItem | EventItem;

export type EraSpan = {
  era: Era;
  color: string;
  /** Item index of the era's chapter card (−1 when it has no events). */
  cardIndex: number;
  firstEventIndex: number;
  lastEventIndex: number;
};

export type TimelineModel = {
  timeline: Timeline;
  items: TimelineItem[];
  /** Event items in date order (`events[i].eventIndex === i`). */
  events: EventItem[];
  eras: EraSpan[];
  /** Item index of each event id. */
  itemIndexOfEvent: ReadonlyMap<string, number>;
  /** Item index of each event index. */
  itemIndexOfEventIndex: readonly number[];
  /** Nearest event index for every item (an era card maps to its first event). */
  eventIndexOfItem: readonly number[];
  /** Decimal-year bounds of all events ([0, 0] when empty). */
  minAt: number;
  maxAt: number;
};

/** The era an event belongs to: its explicit `era` when that exists, else the containing one. */
export function eraOfEvent(event: TimelineEvent, eras: readonly Era[]): Era | undefined {
  if (event.era !== undefined) {
    const explicit = eras.find((e) => e.id === event.era);
    if (explicit) return explicit;
  }
  return pickContainingPeriod(eras, event.date);
}

/** Start and end of a period on the decimal-year scale (an open end is the start's own span). */
function periodRange(from: string, to: string | undefined): { start: number; end: number } {
  const a = parsePartialDate(from);
  const b = to === undefined ? null : parsePartialDate(to);
  const start = a ? toDecimalYear(a) : 0;
  return { start, end: b ? toDecimalYear(b, 'end') : a ? toDecimalYear(a, 'end') : start };
}

/**
 * Chapters (eras) in date order — by start, then end — and every event inside its own chapter,
 * so chapters never interleave; within a chapter, events by their range (start, then end; an
 * approximate date sorts by its range like any other), ties in the author's order. An event in no
 * chapter stands between the chapters, where its date falls.
 */
export function buildTimelineModel(timeline: Timeline): TimelineModel {
  const eras = timeline.eras
    .map((era, order) => ({ era, order, ...periodRange(era.from, era.to) }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order)
    .map((x) => x.era);
  const eraIndex = new Map(eras.map((e, i) => [e.id, i]));
  const eraStarts = eras.map((e) => periodRange(e.from, e.to).start);

  const dated = timeline.events
    .map((event, order) => {
      const start = parsePartialDate(event.date);
      const at = start ? toDecimalYear(start) : Number.POSITIVE_INFINITY;
      const endDate = event.end === undefined ? null : parsePartialDate(event.end);
      const until = endDate ? toDecimalYear(endDate, 'end') : start ? toDecimalYear(start, 'end') : at;
      const era = eraOfEvent(event, eras);
      // A chapter's events sort as the chapter; others just after the last chapter begun before them.
      const group = era ? (eraIndex.get(era.id) ?? 0) : eraStarts.filter((s) => s <= at).length - 0.5;
      return { event, order, start, at, until, group, eraId: era?.id ?? null };
    })
    .filter((x): x is typeof x & { start: PartialDate } => x.start !== null)
    .sort((a, b) => a.group - b.group || a.at - b.at || a.until - b.until || a.order - b.order);

  const spans: EraSpan[] = eras.map((era) => ({
    era,
    color: era.color,
    cardIndex: -1,
    firstEventIndex: -1,
    lastEventIndex: -1,
  }));
  const items: TimelineItem[] = [];
  const events: EventItem[] = [];
  const itemIndexOfEvent = new Map<string, number>();
  const itemIndexOfEventIndex: number[] = [];
  const eventIndexOfItem: number[] = [];
  const counts = new Map<string, number>();
  const eraIds: (string | null)[] = dated.map((x) => x.eraId);
  for (const id of eraIds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);

  dated.forEach(({ event, start, at }, i) => {
    const eraId = eraIds[i] ?? null;
    if (eraId !== null) {
      const ei = eraIndex.get(eraId) ?? -1;
      const span = spans[ei];
      if (span && span.cardIndex < 0) {
        // The chapter card comes once, before the era's first event.
        span.cardIndex = items.length;
        const era = eras[ei];
        if (era)
          items.push({
            kind: 'era',
            key: `era:${era.id}`,
            era,
            eraIndex: ei,
            eventCount: counts.get(eraId) ?? 0,
          });
        eventIndexOfItem.push(i);
      }
      if (span) {
        if (span.firstEventIndex < 0) span.firstEventIndex = i;
        span.lastEventIndex = i;
      }
    }
    const item: EventItem = {
      kind: 'event',
      key: `event:${event.id}`,
      event,
      eventIndex: i,
      eraId,
      start,
      at,
    };
    const end = event.end === undefined ? null : parsePartialDate(event.end);
    if (end) item.end = end;
    itemIndexOfEvent.set(event.id, items.length);
    itemIndexOfEventIndex.push(items.length);
    eventIndexOfItem.push(i);
    items.push(item);
    events.push(item);
  });

  let minAt = Number.POSITIVE_INFINITY;
  let maxAt = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    minAt = Math.min(minAt, e.at);
    maxAt = Math.max(maxAt, e.end ? toDecimalYear(e.end, 'end') : toDecimalYear(e.start, 'end'));
  }
  return {
    timeline,
    items,
    events,
    eras: spans,
    itemIndexOfEvent,
    itemIndexOfEventIndex,
    eventIndexOfItem,
    minAt: events.length > 0 ? minAt : 0,
    maxAt: events.length > 0 ? maxAt : 0,
  };
}

/** Clamps an item index into the model. */
export function clampItem(model: TimelineModel, index: number): number {
  return Math.max(0, Math.min(model.items.length - 1, Math.round(index)));
}

/** The era id current at an item (era cards are their own era). */
export function eraIdAtItem(model: TimelineModel, index: number): string | null {
  const item = model.items[clampItem(model, index)];
  if (!item) return null;
  return item.kind === 'era' ? item.era.id : item.eraId;
}

/** The event at or nearest after an item (an era card → its first event). */
export function eventAtItem(model: TimelineModel, index: number): EventItem | undefined {
  if (model.items.length === 0) return undefined;
  const ei = model.eventIndexOfItem[clampItem(model, index)];
  return ei === undefined ? undefined : model.events[ei];
}

/**
 * Index of the earliest event starting in or after `year` (historians' year), else the last event
 * to start. Linear: chapters order the events, so the track is not sorted by date overall.
 */
export function eventIndexForYear(model: TimelineModel, year: number): number {
  const x = toDecimalYear({ year: year === 0 ? 1 : Math.trunc(year) });
  let best = -1;
  let latest = 0;
  model.events.forEach((e, i) => {
    if (e.at >= x && (best < 0 || e.at < (model.events[best]?.at ?? Infinity))) best = i;
    if (e.at > (model.events[latest]?.at ?? -Infinity)) latest = i;
  });
  return best >= 0 ? best : latest;
}

/** The item index to show for a year: the event's own item. */
export function itemIndexForYear(model: TimelineModel, year: number): number {
  const ei = eventIndexForYear(model, year);
  return model.itemIndexOfEventIndex[ei] ?? 0;
}

/** The historians' year an event starts in. */
export function yearOfEvent(item: EventItem): number {
  return yearAtDecimal(item.at);
}

/**
 * The date line of an event card: its display date, else the formatted date or range, marked
 * "约" / "c." when the pack says the date is approximate.
 */
export function eventDateLabel(item: EventItem, language: string, defaultLanguage: string): string {
  const display = item.event.displayDate;
  if (display && localize(display, language, defaultLanguage) !== '') {
    return localize(display, language, defaultLanguage);
  }
  const date = formatDateRange(item.start, item.end, language);
  if (item.event.circa !== true) return date;
  return isChinese(language) ? `约${date}` : `c. ${date}`;
}

/** Localised text helper bound to a language pair. */
export function textIn(text: LocalizedText | undefined, language: string, defaultLanguage: string): string {
  return localize(text, language, defaultLanguage);
}

/** Highlighted events for the attract loop (in date order), at most `count`; all events if none is marked. */
export function pickHighlights(model: TimelineModel, count: number): EventItem[] {
  const marked = model.events.filter((e) => e.event.highlight);
  const pool = marked.length > 0 ? marked : model.events;
  if (pool.length <= count) return pool;
  // Spread the picks over the whole timeline rather than taking the first few.
  const out: EventItem[] = [];
  for (let i = 0; i < count; i++) {
    const e = pool[Math.floor((i * pool.length) / count)];
    if (e) out.push(e);
  }
  return out;
}
