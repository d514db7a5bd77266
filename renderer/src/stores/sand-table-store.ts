import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { CameraPose } from '../../../electron/shared/pack-schema';
import type { TimeFilter } from '../sand-table/filters';

/** The place card's three one-tap actions (一键介绍 / 一键导航 / 一键报到). */
export type CardTab = 'intro' | 'navigate' | 'checkin';

/** A camera move the scene should perform; `seq` makes repeated identical requests distinct. */
export type CameraCommand =
  | { kind: 'reset' }
  | { kind: 'place'; placeId: string }
  | { kind: 'preset'; presetId: string }
  | { kind: 'pose'; pose: CameraPose };

export type TourStatus = 'idle' | 'playing' | 'paused' | 'finished' | 'interrupted';

export type TourState = {
  id: string | null;
  status: TourStatus;
  /** Index of the shot being shown. */
  shot: number;
  /** Subtitle now on screen ('' for none). Changes per cue, not per frame. */
  caption: string;
  /** Played by the attract loop (no controls, loops) rather than a visitor. */
  attract: boolean;
};

/** Where the scene is: building, on screen, or waiting out a lost GPU context. */
export type SceneStatus = 'loading' | 'ready' | 'context-lost' | 'failed';

export type CatalogueFilter = {
  category: string | null;
  era: string | null;
  region: string | null;
  letter: string | null;
};

export type SandTableState = {
  selectedPlaceId: string | null;
  hoveredPlaceId: string | null;
  cardTab: CardTab;
  /** Category ids switched off by the chips. */
  hiddenCategories: readonly string[];
  /** Chain layers switched on. */
  visibleLayers: readonly string[];
  timeFilter: TimeFilter;
  catalogueOpen: boolean;
  catalogueFilter: CatalogueFilter;
  cameraCommand: { seq: number; command: CameraCommand } | null;
  tour: TourState;
  sceneStatus: SceneStatus;

  /** A marker on the table was tapped: select it, fly to it, open its card. */
  placeTapped: (placeId: string) => void;
  /** A place was chosen elsewhere (catalogue, timeline "show on the sand table"). */
  placeChosen: (placeId: string) => void;
  /** The mouse rests on a marker (or left it: null). */
  placeHovered: (placeId: string | null) => void;
  /** A tap that hit nothing: close the card. */
  backgroundTapped: () => void;
  cardClosed: () => void;
  cardTabChosen: (tab: CardTab) => void;
  /**
   * A category chip was tapped. With every category shown ("all"), the chip shows only its own
   * places; otherwise it switches its category on or off, and when that leaves every category or
   * none, the table is back to "all". `all` lists the pack's category ids.
   */
  categoryToggled: (categoryId: string, all: readonly string[]) => void;
  allCategoriesShown: () => void;
  layerToggled: (layerId: string) => void;
  timeFilterChosen: (filter: TimeFilter) => void;
  resetCameraPressed: () => void;
  presetChosen: (presetId: string) => void;
  /** A cluster token was tapped: the scene asks to come closer. */
  clusterTapped: (pose: CameraPose) => void;
  catalogueOpened: () => void;
  catalogueClosed: () => void;
  catalogueFilterChanged: (patch: Partial<CatalogueFilter>) => void;
  tourRequested: (tourId: string, opts?: { attract?: boolean }) => void;
  tourPaused: () => void;
  tourResumed: () => void;
  tourShotStarted: (index: number) => void;
  tourCaptionChanged: (caption: string) => void;
  tourFinished: () => void;
  /** A touch during a tour: it stops where it is and the visitor has the table. */
  visitorTookOver: () => void;
  tourStopped: () => void;
  sceneLoaded: () => void;
  sceneFailed: () => void;
  contextLost: () => void;
  contextRestored: () => void;
  sessionReset: () => void;
};

type Data = Pick<
  SandTableState,
  | 'selectedPlaceId'
  | 'hoveredPlaceId'
  | 'cardTab'
  | 'hiddenCategories'
  | 'visibleLayers'
  | 'timeFilter'
  | 'catalogueOpen'
  | 'catalogueFilter'
  | 'cameraCommand'
  | 'tour'
  | 'sceneStatus'
>;

const noTour: TourState = { id: null, status: 'idle', shot: 0, caption: '', attract: false };

const initial: Data = {
  selectedPlaceId: null,
  hoveredPlaceId: null,
  cardTab: 'intro',
  hiddenCategories: [],
  visibleLayers: [],
  timeFilter: { kind: 'all' },
  catalogueOpen: false,
  catalogueFilter: { category: null, era: null, region: null, letter: null },
  cameraCommand: null,
  tour: noTour,
  sceneStatus: 'loading',
};

const toggle = (list: readonly string[], id: string): string[] =>
  list.includes(id) ? list.filter((x) => x !== id) : [...list, id];

/** A touch or choice while a tour plays ends the tour where it is. */
const tookOver = (t: TourState): TourState =>
  t.status === 'playing' || t.status === 'paused' ? { ...t, status: 'interrupted', caption: '' } : t;

export function createSandTableStore(data: Partial<Data> = {}) {
  return createStore<SandTableState>()(
    subscribeWithSelector((set) => {
      let seq = 0;
      const command = (c: CameraCommand) => ({ seq: ++seq, command: c });
      return {
        ...initial,
        ...data,
        placeTapped: (placeId) =>
          set((s) => ({
            selectedPlaceId: placeId,
            cardTab: 'intro',
            cameraCommand: command({ kind: 'place', placeId }),
            tour: tookOver(s.tour),
          })),
        placeChosen: (placeId) =>
          set((s) => ({
            selectedPlaceId: placeId,
            cardTab: 'intro',
            catalogueOpen: false,
            cameraCommand: command({ kind: 'place', placeId }),
            tour: tookOver(s.tour),
          })),
        placeHovered: (placeId) =>
          set((s) => (s.hoveredPlaceId === placeId ? {} : { hoveredPlaceId: placeId })),
        backgroundTapped: () =>
          set((s) => (s.selectedPlaceId === null ? {} : { selectedPlaceId: null, cardTab: 'intro' })),
        cardClosed: () => set({ selectedPlaceId: null, cardTab: 'intro' }),
        cardTabChosen: (tab) => set({ cardTab: tab }),
        categoryToggled: (categoryId, all) =>
          set((s) => {
            if (s.hiddenCategories.length === 0)
              return { hiddenCategories: all.filter((c) => c !== categoryId) };
            const hidden = toggle(s.hiddenCategories, categoryId).filter((c) => all.includes(c));
            return { hiddenCategories: hidden.length >= all.length ? [] : hidden };
          }),
        allCategoriesShown: () => set({ hiddenCategories: [] }),
        layerToggled: (layerId) => set((s) => ({ visibleLayers: toggle(s.visibleLayers, layerId) })),
        timeFilterChosen: (filter) => set({ timeFilter: filter }),
        resetCameraPressed: () =>
          set((s) => ({ cameraCommand: command({ kind: 'reset' }), tour: tookOver(s.tour) })),
        presetChosen: (presetId) => set({ cameraCommand: command({ kind: 'preset', presetId }) }),
        clusterTapped: (pose) => set({ cameraCommand: command({ kind: 'pose', pose }) }),
        catalogueOpened: () => set((s) => ({ catalogueOpen: true, tour: tookOver(s.tour) })),
        catalogueClosed: () => set({ catalogueOpen: false }),
        catalogueFilterChanged: (patch) =>
          set((s) => ({ catalogueFilter: { ...s.catalogueFilter, ...patch } })),
        tourRequested: (tourId, opts) =>
          set({
            tour: { id: tourId, status: 'playing', shot: 0, caption: '', attract: opts?.attract ?? false },
            selectedPlaceId: null,
            catalogueOpen: false,
          }),
        tourPaused: () =>
          set((s) => (s.tour.status === 'playing' ? { tour: { ...s.tour, status: 'paused' } } : {})),
        tourResumed: () =>
          set((s) => (s.tour.status === 'paused' ? { tour: { ...s.tour, status: 'playing' } } : {})),
        tourShotStarted: (index) => set((s) => (s.tour.id ? { tour: { ...s.tour, shot: index } } : {})),
        tourCaptionChanged: (caption) =>
          set((s) => (s.tour.caption === caption || !s.tour.id ? {} : { tour: { ...s.tour, caption } })),
        tourFinished: () =>
          set((s) => (s.tour.id ? { tour: { ...s.tour, status: 'finished', caption: '' } } : {})),
        visitorTookOver: () => set((s) => ({ tour: tookOver(s.tour) })),
        tourStopped: () => set({ tour: noTour }),
        sceneLoaded: () => set({ sceneStatus: 'ready' }),
        sceneFailed: () => set({ sceneStatus: 'failed' }),
        contextLost: () => set({ sceneStatus: 'context-lost' }),
        contextRestored: () => set({ sceneStatus: 'ready' }),
        // The scene's own status survives: the table stays built for the next visitor.
        sessionReset: () =>
          set((s) => ({ ...initial, sceneStatus: s.sceneStatus, cameraCommand: command({ kind: 'reset' }) })),
      };
    }),
  );
}

export type SandTableStore = ReturnType<typeof createSandTableStore>;

/** The app's one sand-table store. */
export const sandTableStore = createSandTableStore();

export const selectSelectedPlaceId = (s: SandTableState) => s.selectedPlaceId;
export const selectCardTab = (s: SandTableState) => s.cardTab;
export const selectHiddenCategories = (s: SandTableState) => s.hiddenCategories;
export const selectVisibleLayers = (s: SandTableState) => s.visibleLayers;
export const selectTimeFilter = (s: SandTableState) => s.timeFilter;
export const selectCatalogueOpen = (s: SandTableState) => s.catalogueOpen;
export const selectCatalogueFilter = (s: SandTableState) => s.catalogueFilter;
export const selectTour = (s: SandTableState) => s.tour;
export const selectSceneStatus = (s: SandTableState) => s.sceneStatus;
