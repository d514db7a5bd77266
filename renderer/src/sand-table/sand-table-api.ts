/**
 * The sand table's public types: what the host passes in (content, stores, options) and what the
 * table reports back (debug readout, a place's screen position). Kept apart from the class so
 * tests and the benchmark can import them without the scene.
 */
import type { PackManifest } from '../../../electron/shared/pack-schema';
import type { SandTableStore } from '../stores/sand-table-store';
import type { TablePose } from './types';

/** The pack as the table needs it. */
export type SandTableContent = {
  manifest: PackManifest;
  /** URL of a pack file (relative path in the pack → fetchable URL). */
  url: (path: string) => string;
};

/** The stores the scene follows. */
export type SandTableStores = { sandTable: SandTableStore };

export type SandTableOptions = {
  /** Language of labels and narration. */
  language: string;
  reducedMotion?: boolean;
  /** Where labels are placed (an element over the canvas); default the canvas's parent. */
  overlay?: HTMLElement;
  /** Sets a test/diagnostic signal (the shell's `setSignal`). */
  signal?: (name: string, value: string) => void;
  clearSignal?: (name: string) => void;
  /** Benchmark baseline: one mesh per place instead of instancing. */
  baseline?: 'naive';
  /** Benchmark baseline: draw every tick while anything runs, as before render on demand. */
  alwaysRender?: boolean;
  fetch?: typeof fetch;
  /** Reports problems (missing base map file …); never shown to visitors. */
  warn?: (message: string, data?: Record<string, unknown>) => void;
  /** Device pixel ratio cap (default 2). */
  maxPixelRatio?: number;
  /** Publish `placesOnScreen` and `labelsShown` through `signal` (the `?debug=1` page). */
  debugSignals?: boolean;
};

/** Readout for tests, the benchmark and the staff health screen. */
export type SandTableDebugInfo = {
  ready: boolean;
  contextLost: boolean;
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  /** Shader programs in use. */
  programs: number;
  /**
   * Programs the first frame compiled itself: 0 when every program was compiled ahead, while the
   * base map loaded (each one compiled inside the first frame held it ~50 ms under SwiftShader).
   */
  firstFramePrograms: number;
  /** CPU time of the last frame (ms). */
  frameMs: number;
  /** Smoothed CPU frame time (ms). */
  avgFrameMs: number;
  frames: number;
  places: number;
  /** Places passing the chips and the time slider. */
  visiblePlaces: number;
  /** Places drawn as their own marker (not inside a cluster). */
  markersShown: number;
  clusters: number;
  /** Labels drawn (names, cluster counts, "you are here", chain nodes). */
  labels: number;
  /** Place names drawn, none overlapping. */
  placeLabels: number;
  /** "N/M": of M places passing the filters, N have their marker in the free part of the screen. */
  placesOnScreen: string;
  visibleLayers: number;
  visibleRoutes: number;
  navigationRoute: boolean;
  animating: boolean;
  pose: TablePose;
  /** The start view, fitted to the places for this screen and its panels. */
  home: TablePose;
  /** The part of the screen no panel covers (CSS px). */
  safe: { left: number; top: number; right: number; bottom: number };
  limits: { minDistance: number; maxDistance: number; minTilt: number; maxTilt: number };
};

/** Where a place is on screen: CSS px in the canvas and in the page. */
export type PlaceScreenPosition = {
  x: number;
  y: number;
  clientX: number;
  clientY: number;
  /** In front of the camera and in the part of the screen no panel (chips, slider, card) covers. */
  onScreen: boolean;
  /** Passes the filters. */
  visible: boolean;
  /** Drawn inside a cluster token rather than as itself. */
  clustered: boolean;
};
