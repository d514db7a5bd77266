/**
 * The table's test and diagnostic signals (`data-*` on the page through the shell's `setSignal`).
 * The counts of the `?debug=1` page — places in the free part of the screen, place names shown —
 * are set only when they change, so a still table writes nothing. `tableReadout` is the
 * `debugInfo()` readout for tests, the benchmark and the staff health screen.
 */
import type { CameraController } from './camera-controller';
import type { DrainTimers } from './gpu-drain';
import type { MarkerField } from './marker-field';
import type { SandTableDebugInfo } from './sand-table-api';
import type { Built } from './scene-builder';
import type { ScreenRect } from './types';

/** Every signal the table sets; all are cleared when it is disposed. */
export const TABLE_SIGNALS = [
  'sceneReady',
  'sandFrames',
  'sandTour',
  'placesOnScreen',
  'labelsShown',
] as const;

/** "N/M": of M places passing the filters, N have their marker inside `rect`. */
export function placesOnScreenOf(
  field: { countInRect(rect: ScreenRect): { inside: number; visible: number } },
  rect: ScreenRect,
): string {
  const { inside, visible } = field.countInRect(rect);
  return `${inside}/${visible}`;
}

/** How long the table stays still before its debug counts are read (ms). */
export const COUNTS_SETTLE_MS = 120;

/**
 * Publishes `placesOnScreen` and `labelsShown`, each pair once. Counting the places on screen is a
 * pass over every place, so a frame never does it: `schedule` reads the counts once no frame has
 * asked for `COUNTS_SETTLE_MS` (a finger drag's frames, which are "still" one by one, used to pay
 * it every frame: 1.3 ms of 7.7 at 10,000 places).
 */
export class CountSignals {
  private last = '';
  private timer: number | null = null;

  constructor(
    private readonly signal: ((name: string, value: string) => void) | undefined,
    private readonly timers: DrainTimers,
  ) {}

  publish(placesOnScreen: string, labelsShown: number): void {
    const shown = String(labelsShown);
    const key = `${placesOnScreen}|${shown}`;
    if (key === this.last) return;
    this.last = key;
    this.signal?.('placesOnScreen', placesOnScreen);
    this.signal?.('labelsShown', shown);
  }

  /**
   * Publishes what `read` returns `COUNTS_SETTLE_MS` after the last call; `read` returns null when
   * the picture is no longer still (nothing is published then).
   */
  schedule(read: () => { placesOnScreen: string; labelsShown: number } | null): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      const counts = read();
      if (counts) this.publish(counts.placesOnScreen, counts.labelsShown);
    }, COUNTS_SETTLE_MS);
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}

/** What the readout is read from. */
export type ReadoutSources = {
  ready: boolean;
  contextLost: boolean;
  info: {
    render: { calls: number; triangles: number };
    memory: { geometries: number; textures: number };
    programs: readonly unknown[] | null;
  };
  /** Shader programs the first frame had to compile itself (none were compiled for it ahead). */
  firstFramePrograms: number;
  frameMs: number;
  avgFrameMs: number;
  frames: number;
  places: number;
  field: MarkerField;
  built: Built;
  labels: { count: number; placeCount: number };
  /** A pending frame, flight or fling counts: the picture is about to change. */
  animating: boolean;
  cam: CameraController;
};

export function tableReadout(t: ReadoutSources): SandTableDebugInfo {
  const { built: b, cam, field } = t;
  const lim = cam.limits;
  return {
    ready: t.ready,
    contextLost: t.contextLost,
    drawCalls: t.info.render.calls,
    triangles: t.info.render.triangles,
    geometries: t.info.memory.geometries,
    textures: t.info.memory.textures,
    programs: t.info.programs?.length ?? 0,
    firstFramePrograms: t.firstFramePrograms,
    frameMs: t.frameMs,
    avgFrameMs: t.avgFrameMs,
    frames: t.frames,
    places: t.places,
    visiblePlaces: field.visible.length,
    markersShown: b.markers.shownCount,
    clusters: field.clustering.clusters.length,
    labels: t.labels.count,
    placeLabels: t.labels.placeCount,
    placesOnScreen: placesOnScreenOf(field, cam.safe),
    visibleLayers: b.layers.filter((l) => l.mesh.visible).length,
    visibleRoutes: b.routes.filter((r) => r.mesh.visible).length,
    navigationRoute: !!b.nav?.mesh.visible,
    animating: t.animating,
    pose: { ...cam.pose },
    home: { ...cam.home },
    safe: cam.safe,
    limits: {
      minDistance: lim.minDistance,
      maxDistance: lim.maxDistance,
      minTilt: lim.minTilt,
      maxTilt: lim.maxTilt,
    },
  };
}
