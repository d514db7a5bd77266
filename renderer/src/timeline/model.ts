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

export function buildTimelineModel(timeline: Timeline): TimelineModel {
  const eras = [...timeline.eras].sort((a, b) => {
    const pa = parsePartialDate(a.from);
    const pb = parsePartialDate(b.from);
    return (pa ? toDecimalYear(pa) : 0) - (pb ? toDecimalYear(pb) : 0);
  });
  const eraIndex = new Map(eras.map((e, i) => [e.id, i]));

  // Sort events by start, stable for equal dates (the author's order wins).
  const dated = timeline.events
    .map((event, order) => {
      const start = parsePartialDate(event.date);
      return { event, order, start, at: start ? toDecimalYear(start) : Number.POSITIVE_INFINITY };
    })
    .filter((x): x is typeof x & { start: PartialDate } => x.start !== null)
    .sort((a, b) => a.at - b.at || a.order - b.order);

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
  const eraIds: (string | null)[] = dated.map(({ event }) => eraOfEvent(event, eras)?.id ?? null);
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

  const first = events[0];
  const last = events[events.length - 1];
  return {
    timeline,
    items,
    events,
    eras: spans,
    itemIndexOfEvent,
    itemIndexOfEventIndex,
    eventIndexOfItem,
    minAt: first?.at ?? 0,
    maxAt: last ? (last.end ? toDecimalYear(last.end, 'end') : toDecimalYear(last.start, 'end')) : 0,
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

/** Index of the first event starting in or after `year` (historians' year), else the last event. */
export function eventIndexForYear(model: TimelineModel, year: number): number {
  const x = toDecimalYear({ year: year === 0 ? 1 : Math.trunc(year) });
  let lo = 0;
  let hi = model.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((model.events[mid]?.at ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, model.events.length - 1);
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

/** The date line of an event card: its display date, else the formatted date or range. */
export function eventDateLabel(item: EventItem, language: string, defaultLanguage: string): string {
  const display = item.event.displayDate;
  if (display && localize(display, language, defaultLanguage) !== '') {
    return localize(display, language, defaultLanguage);
  }
  return formatDateRange(item.start, item.end, language);
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
