/**
 * Crossing between the two instruments.
 *
 * - "Show on the sand table" from a timeline event: media stop (leaving the story), the sand
 *   table selects the event's first place (flies there and opens its card), or plays the event's
 *   tour when it has no place, and the screen switches.
 * - "Its events" from a place: the timeline opens at the first event linked to the place.
 */
import type { PackManifest, TimelineEvent } from '../../../electron/shared/pack-schema';
import { compareDateStrings } from '../../../electron/shared/dates';
import { log } from '../bridge/log';
import { selectManifest, contentStore } from '../stores/content-store';
import { playerStore } from '../stores/player-store';
import { sandTableStore } from '../stores/sand-table-store';
import { sessionStore } from '../stores/session-store';
import { timelineStore } from '../stores/timeline-store';
import { registerSessionReset } from './session-reset';

registerSessionReset(timelineStore, 'timeline');
registerSessionReset(playerStore, 'player');

export type SandTableTarget = { kind: 'place'; placeId: string } | { kind: 'tour'; tourId: string };

/** Where an event leads on the table: its first place that exists, else its first tour. */
export function sandTableTargetOf(
  event: Pick<TimelineEvent, 'places' | 'tours'>,
  manifest: Pick<PackManifest, 'places' | 'sandTable'>,
): SandTableTarget | null {
  const place = event.places.find((id) => manifest.places.some((p) => p.id === id));
  if (place !== undefined) return { kind: 'place', placeId: place };
  const tour = event.tours.find((id) => manifest.sandTable?.tours.some((t) => t.id === id));
  return tour === undefined ? null : { kind: 'tour', tourId: tour };
}

/** Switches to the sand table focused on an event's place (or tour). Returns false if it has none. */
export function showEventOnSandTable(event: Pick<TimelineEvent, 'id' | 'places' | 'tours'>): boolean {
  const manifest = selectManifest(contentStore.getState());
  if (!manifest) return false;
  const target = sandTableTargetOf(event, manifest);
  if (!target) {
    log.warn('event has no place or tour on the sand table', { event: event.id });
    return false;
  }
  playerStore.getState().stopRequested();
  timelineStore.getState().highlightsStopped();
  if (target.kind === 'place') sandTableStore.getState().placeChosen(target.placeId);
  else sandTableStore.getState().tourRequested(target.tourId);
  sessionStore.getState().screenRequested('sand-table');
  return true;
}

/** The events linked to a place, in date order, with their timeline. */
export function eventsOfPlace(
  manifest: Pick<PackManifest, 'timelines'>,
  placeId: string,
): { timelineId: string; event: TimelineEvent }[] {
  const found: { timelineId: string; event: TimelineEvent }[] = [];
  for (const t of manifest.timelines) {
    for (const e of t.events) if (e.places.includes(placeId)) found.push({ timelineId: t.id, event: e });
  }
  return found.sort((a, b) => compareDateStrings(a.event.date, b.event.date));
}

/** "Its events": opens the timeline at the first event of a place. Returns false if it has none. */
export function showPlaceEvents(placeId: string, open = true): boolean {
  const manifest = selectManifest(contentStore.getState());
  const first = manifest ? eventsOfPlace(manifest, placeId)[0] : undefined;
  if (!first) return false;
  playerStore.getState().stopRequested();
  timelineStore.getState().eventRequested(first.timelineId, first.event.id, open);
  sessionStore.getState().screenRequested('timeline');
  return true;
}
