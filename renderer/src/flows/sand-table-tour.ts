import type { AttractPlayer } from './attract';
import { contentStore, selectManifest } from '../stores/content-store';
import type { TourStatus } from '../stores/sand-table-store';
import { sandTableStore } from '../stores/sand-table-store';
import { sessionStore } from '../stores/session-store';

/**
 * Narrated sand-table tours, started by a visitor (the tour button), by the timeline ("show on
 * the sand table" for an event with tours) or by the attract loop.
 */

/** Tour ids the attract playlist names, in order; every tour of the pack when it names none. */
export function attractTourIds(): string[] {
  const manifest = selectManifest(contentStore.getState());
  if (!manifest) return [];
  const listed = manifest.attract.playlist.flatMap((item) => (item.kind === 'tour' ? [item.tour] : []));
  const known = new Set(manifest.sandTable?.tours.map((t) => t.id) ?? []);
  const ids = listed.filter((id) => known.has(id));
  return ids.length > 0 ? ids : [...known];
}

/**
 * Plays a tour on the sand table (the first of the pack without an id). A visitor's tour also
 * brings the sand-table screen forward; an attract tour plays wherever the table is hosted.
 * Returns false when the pack has no such tour.
 */
export function startTour(tourId?: string, opts: { attract?: boolean } = {}): boolean {
  const manifest = selectManifest(contentStore.getState());
  const tours = manifest?.sandTable?.tours ?? [];
  const tour = tourId === undefined ? tours[0] : tours.find((t) => t.id === tourId);
  if (!tour) return false;
  sandTableStore.getState().tourRequested(tour.id, { attract: opts.attract ?? false });
  if (!opts.attract) sessionStore.getState().screenRequested('sand-table');
  return true;
}

/** Stops any tour; the camera stays where it is. */
export function stopTour(): void {
  sandTableStore.getState().tourStopped();
}

/** Resolves when the current tour finishes, is interrupted or stopped. */
export function tourEnded(): Promise<TourStatus> {
  return new Promise((resolve) => {
    const done = (s: TourStatus) => s === 'finished' || s === 'interrupted' || s === 'idle';
    const now = sandTableStore.getState().tour.status;
    if (done(now)) {
      resolve(now);
      return;
    }
    const unsubscribe = sandTableStore.subscribe(
      (s) => s.tour.status,
      (status) => {
        if (!done(status)) return;
        unsubscribe();
        resolve(status);
      },
    );
  });
}

/**
 * The attract loop's sand-table player: plays the playlist's tours one after another, round and
 * round, until stopped. Register it where the table is on screen during attract
 * (`registerAttractPlayer(createAttractTourPlayer())`).
 */
export function createAttractTourPlayer(): AttractPlayer {
  let unsubscribe: (() => void) | null = null;
  let index = 0;
  const playNext = () => {
    const ids = attractTourIds();
    if (ids.length === 0) return;
    const id = ids[index % ids.length];
    index++;
    startTour(id, { attract: true });
  };
  return {
    name: 'sand-table-tours',
    start: () => {
      index = 0;
      unsubscribe?.();
      unsubscribe = sandTableStore.subscribe(
        (s) => s.tour,
        (t) => {
          if (t.attract && t.status === 'finished') playNext();
        },
      );
      playNext();
    },
    stop: () => {
      unsubscribe?.();
      unsubscribe = null;
      if (sandTableStore.getState().tour.attract) stopTour();
    },
  };
}
