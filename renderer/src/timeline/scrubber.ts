/**
 * The year scrubber: a bar along the bottom of the timeline, one position per item (so every
 * event is reachable however unevenly the years fall), labelled with years and coloured by era.
 */
import type { TimelineModel } from './model';
import { yearOfEvent } from './model';
import { formatYear } from '../../../electron/shared/dates';

export type ScrubberTick = {
  year: number;
  label: string;
  /** 0…1 along the bar. */
  fraction: number;
  itemIndex: number;
  /** An era begins here. */
  eraStart: boolean;
};

export type EraBand = { eraId: string; color: string; from: number; to: number };

export function fractionOfItem(model: TimelineModel, index: number): number {
  const n = model.items.length;
  return n <= 1 ? 0.5 : Math.max(0, Math.min(1, index / (n - 1)));
}

export function itemAtFraction(model: TimelineModel, fraction: number): number {
  const n = model.items.length;
  if (n <= 1) return 0;
  return Math.max(0, Math.min(n - 1, Math.round(Math.max(0, Math.min(1, fraction)) * (n - 1))));
}

/** Bands of colour for the eras, from their chapter card to their last event. */
export function eraBands(model: TimelineModel): EraBand[] {
  const bands: EraBand[] = [];
  for (const span of model.eras) {
    if (span.cardIndex < 0) continue;
    const lastItem = model.itemIndexOfEventIndex[span.lastEventIndex] ?? span.cardIndex;
    bands.push({
      eraId: span.era.id,
      color: span.color,
      from: fractionOfItem(model, span.cardIndex),
      to: fractionOfItem(model, lastItem),
    });
  }
  return bands;
}

/**
 * Year labels that fit: era starts first, then the first event of each new decade (or century on
 * long timelines), never closer than `minSpacing` (a fraction of the bar) to a label already kept.
 */
export function scrubberTicks(model: TimelineModel, language: string, minSpacing: number): ScrubberTick[] {
  if (model.events.length === 0) return [];
  const candidates: (ScrubberTick & { priority: number })[] = [];
  const spanYears = yearOfEvent(model.events[model.events.length - 1]!) - yearOfEvent(model.events[0]!);
  const step = spanYears > 600 ? 100 : spanYears > 60 ? 10 : 1;
  let lastBucket: number | null = null;
  model.events.forEach((e, i) => {
    const year = yearOfEvent(e);
    const itemIndex = model.itemIndexOfEventIndex[i] ?? 0;
    const eraStart = model.eras.some((s) => s.firstEventIndex === i);
    const bucket = Math.floor(year / step);
    const newBucket = bucket !== lastBucket;
    lastBucket = bucket;
    if (!eraStart && !newBucket && i !== 0 && i !== model.events.length - 1) return;
    candidates.push({
      year,
      label: formatYear(year, language).replace(/年$/, ''),
      fraction: fractionOfItem(model, itemIndex),
      itemIndex,
      eraStart,
      priority: eraStart ? 0 : i === 0 || i === model.events.length - 1 ? 1 : 2,
    });
  });
  candidates.sort((a, b) => a.priority - b.priority || a.fraction - b.fraction);
  const kept: ScrubberTick[] = [];
  for (const c of candidates) {
    if (kept.some((k) => Math.abs(k.fraction - c.fraction) < minSpacing || k.year === c.year)) continue;
    kept.push({
      year: c.year,
      label: c.label,
      fraction: c.fraction,
      itemIndex: c.itemIndex,
      eraStart: c.eraStart,
    });
  }
  return kept.sort((a, b) => a.fraction - b.fraction);
}
