/**
 * Store → scene: which changes of the sand-table store the scene follows, as named events.
 * Listeners run in this order within one store update (filters, selection, hover, card tab,
 * camera command, tour), so a tap that selects, opens the card and flies is applied the same way
 * every time.
 */
import type { CameraCommand, SandTableStore, TourState } from '../stores/sand-table-store';

export type StoreEvents = {
  /** Chips, time slider or chain layers changed. */
  filters: () => void;
  selected: (placeId: string | null) => void;
  hovered: (placeId: string | null) => void;
  cardTab: () => void;
  /** A new camera command (each request is distinct, even when repeated). */
  command: (command: CameraCommand) => void;
  tour: (now: TourState, prev: TourState) => void;
};

/** Subscribes `on` to `store`; returns the function that unsubscribes everything. */
export function followStore(store: SandTableStore, on: StoreEvents): () => void {
  const unsubscribers = [
    store.subscribe((s) => s.hiddenCategories, on.filters),
    store.subscribe((s) => s.timeFilter, on.filters),
    store.subscribe((s) => s.visibleLayers, on.filters),
    store.subscribe((s) => s.selectedPlaceId, on.selected),
    store.subscribe((s) => s.hoveredPlaceId, on.hovered),
    store.subscribe((s) => s.cardTab, on.cardTab),
    store.subscribe(
      (s) => s.cameraCommand,
      (c) => c && on.command(c.command),
    ),
    store.subscribe((s) => s.tour, on.tour),
  ];
  return () => {
    for (const u of unsubscribers) u();
  };
}
