/**
 * The electronic sand table (电子沙盘): a plain Three.js scene that React only hosts.
 *
 * `new SandTable(canvas, content, stores, options)` builds the table from the pack, listens to
 * the canvas for touch, mouse and wheel, and follows the sand-table store (selection, filters,
 * layers, camera commands, tours). It renders on demand: one frame per change, frames while a
 * flight, inertia, a tour or a flowing arc runs, nothing when idle. `dispose()` releases every
 * geometry, material, texture, listener, DOM node and the WebGL context.
 *
 * This file wires the parts together: `scene-builder` (the objects), `base-map` (relief, heightmap,
 * lines), `camera-controller` (pose, home fitted to the content, flights, gestures),
 * `marker-field` (filters, clusters, projection, picking), `label-placer` (names on screen) and
 * `tour-host` (narrated tours).
 *
 * Test hooks: `debugInfo()`, `screenPositionOf(placeId)`, `renderFrames(n)`, and data-* signals
 * through `options.signal` (sceneReady, sandFrames, sandTour; with `debugSignals` also
 * placesOnScreen "N/M" and labelsShown "N").
 */
import { Color, Fog, Mesh, PerspectiveCamera, Scene, SRGBColorSpace, WebGLRenderer } from 'three';
import type { BufferGeometry } from 'three';
import type { CameraPose, PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { SandTableState, SandTableStore } from '../stores/sand-table-store';
import { loadBaseMap } from './base-map';
import { basisOf, projectPoint } from './camera-math';
import type { ViewInsets } from './camera-controller';
import { CameraController, FOV } from './camera-controller';
import { attachCanvasInput } from './canvas-input';
import { filterSpan, inSpan, placePeriods, sliderEras, visiblePlaceIndices } from './filters';
import type { GestureIntent, PointerKind } from './gestures';
import { GestureRecognizer } from './gestures';
import { LabelLayer } from './label-layer';
import type { LabelScene, PlaceNames } from './label-placer';
import { labelBudget, LabelPlacer, zoom01Of } from './label-placer';
import { MARKER_HEAD_Y } from './markers';
import { markerScaleAt } from './clustering';
import { MarkerField, placeTablePositions } from './marker-field';
import { projectAll, routeLonLats } from './paths';
import type { TableProjection } from './projection';
import { createProjection, rectCentre, tableRectOf } from './projection';
import type { Built, Palette, SceneSpec } from './scene-builder';
import {
  arcsGeometry,
  buildScene,
  disposeBuilt,
  drapeOnSurface,
  setNavigationRoute,
  swapGeometry,
  tableFloor,
  tableSpan,
} from './scene-builder';
import { HOLD_TICK_MS, planFrame, samePose } from './frame-plan';
import { TourHost } from './tour-host';
import type { TablePose, TableRect } from './types';

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

const LABEL_BUDGET = 64;

export class SandTable {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera3 = new PerspectiveCamera(FOV, 16 / 9, 0.1, 1000);
  private readonly manifest: PackManifest;
  private readonly projection: TableProjection;
  private readonly rect: TableRect;
  private readonly places: Place[];
  private readonly placeIndex = new Map<string, number>();
  private readonly spec: SceneSpec;
  private readonly cam: CameraController;
  private readonly field: MarkerField;
  private readonly placer: LabelPlacer;
  private readonly labels: LabelLayer;
  private readonly tours: TourHost;
  private readonly gestures: GestureRecognizer;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly disposers: (() => void)[] = [];
  private readonly names: PlaceNames;
  private readonly periods: ReturnType<typeof placePeriods>;
  private built: Built;

  private language: string;
  private reducedMotion: boolean;
  private rafId = 0;
  /** The timer ticking a tour that holds still (see frame-plan). */
  private tickTimer = 0;
  private ticking = false;
  private lastFrameAt = 0;
  private lastArcAt = 0;
  private flowTime = 0;
  private disposed = false;
  private contextLost = false;
  private ready = false;
  private frames = 0;
  private frameMs = 0;
  private avgFrameMs = 0;
  private animating = false;
  /**
   * Something other than the flow clock changed since the last frame. Flowing arcs alone keep
   * frames coming (~30/s) with a still camera; those skip clustering, projection and labels.
   */
  private viewDirty = true;
  private labelFontPx = 14;
  /** A camera command given before the table had a size. */
  private pending: NonNullable<SandTableState['cameraCommand']>['command'] | null = null;
  private lastSignals = '';
  private readonly extras: { key: string; kind: 'here' | 'node'; text: string; x: number; y: number }[] = [];
  private clusterCounts: number[] = [];
  private readonly labelScene: LabelScene;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly content: SandTableContent,
    private readonly stores: SandTableStores,
    private readonly options: SandTableOptions,
  ) {
    const { manifest } = content;
    const spec = manifest.sandTable;
    if (!spec) throw new Error('The pack has no sandTable section');
    this.manifest = manifest;
    this.language = options.language;
    this.reducedMotion = options.reducedMotion ?? false;
    const palette: Palette = { ...manifest.theme.colors };
    this.projection = createProjection(spec.projection);
    this.rect = tableRectOf(this.projection, spec.bounds);
    this.places = manifest.places;
    this.periods = placePeriods(manifest);
    this.places.forEach((p, i) => this.placeIndex.set(p.id, i));
    const closest = Math.min(spec.camera.limits.minDistance, spec.camera.limits.maxDistance);
    const { xs, zs } = placeTablePositions(this.places, this.projection, closest);
    const colours = new Map(manifest.categories.map((cat) => [cat.id, cat.color]));
    const mixed = '#' + new Color(palette.surface).lerp(new Color(palette.gold), 0.45).getHexString();
    // Markers stand on the bare table until the relief has loaded.
    this.field = new MarkerField(
      xs,
      zs,
      (i) => this.places[i]?.category ?? '',
      (cat) => colours.get(cat),
      mixed,
      tableFloor(this.rect),
    );
    this.spec = {
      manifest,
      projection: this.projection,
      rect: this.rect,
      palette,
      xs,
      zs,
      ground: this.field.ground,
      placeIndex: this.placeIndex,
      reducedMotion: this.reducedMotion,
      naive: options.baseline === 'naive',
    };

    const l = spec.camera.limits;
    const limits = {
      minDistance: Math.min(l.minDistance, l.maxDistance),
      maxDistance: Math.max(l.minDistance, l.maxDistance),
      minTilt: Math.min(l.minTilt, l.maxTilt),
      maxTilt: Math.max(l.minTilt, l.maxTilt),
      rect: this.rect,
    };
    const preset = spec.camera.presets.find((p) => p.id === spec.camera.initial) ?? spec.camera.presets[0];
    const c = rectCentre(this.rect);
    const fallbackHome = preset
      ? this.tablePoseRaw(preset)
      : { x: c.x, z: c.z, distance: Math.max(c.width, c.depth) * 1.4, tilt: 55, heading: 0 };
    this.cam = new CameraController({
      limits,
      homeView: { tilt: fallbackHome.tilt, heading: fallbackHome.heading },
      fallbackHome,
      reducedMotion: this.reducedMotion,
    });
    this.cam.setContent(this.field.headPoints(0));

    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, options.maxPixelRatio ?? 2));
    this.camera3.rotation.order = 'YXZ';

    const host = options.overlay ?? canvas.parentElement ?? canvas.ownerDocument.body;
    this.labels = new LabelLayer(host, LABEL_BUDGET);
    this.placer = new LabelPlacer(
      LABEL_BUDGET,
      this.places.map((p) => p.id),
    );
    this.labelFontPx = this.readLabelFont(host);
    this.cam.setLabelSize(this.labelFontPx);
    const def = manifest.defaultLanguage;
    this.names = {
      primary: (i) => {
        const p = this.places[i];
        return p ? localize(p.name, this.language, def) : '';
      },
      secondary: (i) => {
        const p = this.places[i];
        const other = manifest.languages.find((x) => x !== this.language);
        return p && other ? localize(p.name, other, def) : '';
      },
    };
    this.labelScene = {
      headScreen: this.field.headScreen,
      drawnAs: this.field.drawnAs,
      selected: -1,
      hovered: -1,
      clusterScreen: this.field.clusterScreen,
      clusterCounts: this.clusterCounts,
      extras: this.extras,
      bounds: { left: 0, top: 0, right: 1, bottom: 1 },
      fontPx: this.labelFontPx,
      budget: 12,
    };

    this.tours = new TourHost({
      manifest,
      store: stores.sandTable,
      url: content.url,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      language: () => this.language,
      reducedMotion: () => this.reducedMotion,
      shots: () => ({
        placePose: (id) => {
          const i = this.placeIndex.get(id);
          return i === undefined ? null : this.cam.placePose({ x: xs[i] ?? 0, z: zs[i] ?? 0 });
        },
        presetPose: (id) => {
          const p = this.manifest.sandTable?.camera.presets.find((x) => x.id === id);
          return p ? this.tablePose(p) : null;
        },
        tablePose: (p) => this.tablePose(p),
        routePoints: (id) => {
          const r = this.manifest.sandTable?.routes.find((x) => x.id === id);
          return r ? projectAll(this.projection, routeLonLats(r, this.places)) : null;
        },
        clamp: (p) => this.cam.clamp(p),
      }),
      camera: { get: () => this.cam.pose, set: (p) => (this.cam.pose = p) },
      createAudio: () => this.canvas.ownerDocument.createElement('audio'),
      onTakeCamera: () => this.cam.halt(),
      ...(options.signal ? { signal: options.signal } : {}),
    });

    this.gestures = new GestureRecognizer({ oneFinger: spec.oneFinger });
    this.built = this.build();
    this.listen();
    this.follow();
    this.applyFilters();
    void this.loadBase(this.built);
  }

  // ---------------------------------------------------------------------------------------------
  // Public API

  /** Sets the drawing size in CSS pixels (call from a ResizeObserver). */
  resize(width: number, height: number): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    const vp = this.cam.viewport;
    if (w === vp.width && h === vp.height) return;
    this.renderer.setSize(w, h, false);
    this.camera3.aspect = w / h;
    this.restyle();
    this.cam.setViewport({ width: w, height: h });
    const pending = this.pending;
    this.pending = null;
    if (pending) this.runCommand(pending);
    this.requestRender();
  }

  /** Re-reads text sizes from the page (after the large-text preset changed). */
  restyle(): void {
    this.labelFontPx = this.readLabelFont(this.labels.root.parentElement ?? this.canvas);
    this.cam.setLabelSize(this.labelFontPx);
    this.placer.invalidateNames();
    this.requestRender();
  }

  /**
   * CSS px of the table covered by panels (chips and buttons above, the time slider below, an
   * open card at the side or, in portrait, at the bottom). Home is fitted to the rest; a place is
   * framed in the rest; labels stay in the rest.
   */
  setViewInsets(insets: ViewInsets): void {
    this.cam.setInsets(insets);
    this.requestRender();
  }

  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    this.placer.invalidateNames();
    this.requestRender();
  }

  setReducedMotion(reduced: boolean): void {
    if (reduced === this.reducedMotion) return;
    this.reducedMotion = reduced;
    this.spec.reducedMotion = reduced;
    this.cam.reducedMotion = reduced;
    for (const layer of this.built.layers) layer.material.uniforms.uFlow!.value = reduced ? 0 : 1;
    if (this.built.nav) this.built.nav.material.uniforms.uFlow!.value = reduced ? 0 : 1;
    this.requestRender();
  }

  /** Schedules one frame (coalesced); nothing happens while the context is lost. */
  requestRender(): void {
    this.viewDirty = true;
    this.scheduleFrame();
  }

  /** Schedules one frame without marking the view changed (the flow clock's own frames). */
  private scheduleFrame(): void {
    if (this.rafId !== 0 || this.disposed || this.contextLost) return;
    this.cancelTick();
    this.rafId = requestAnimationFrame(this.frame);
  }

  /** Where a place's marker head is on screen now (for tests that tap it). */
  screenPositionOf(placeId: string): PlaceScreenPosition | null {
    const i = this.placeIndex.get(placeId);
    if (i === undefined) return null;
    const vp = this.cam.viewport;
    const basis = basisOf(this.cam.pose, FOV, vp);
    const s = projectPoint(basis, vp, {
      x: this.spec.xs[i] ?? 0,
      y: (this.field.ground[i] ?? 0) + MARKER_HEAD_Y * this.markerScale(),
      z: this.spec.zs[i] ?? 0,
    });
    const r = this.canvas.getBoundingClientRect();
    const x = s?.x ?? Number.NaN;
    const y = s?.y ?? Number.NaN;
    const safe = this.cam.safe;
    const onScreen = !!s && x >= safe.left && y >= safe.top && x <= safe.right && y <= safe.bottom;
    return {
      x,
      y,
      clientX: r.left + (x * r.width) / vp.width,
      clientY: r.top + (y * r.height) / vp.height,
      onScreen,
      visible: this.field.isVisible(i),
      clustered: this.field.drawnAs[i] === 2,
    };
  }

  debugInfo(): SandTableDebugInfo {
    const info = this.renderer.info;
    const lim = this.cam.limits;
    return {
      ready: this.ready,
      contextLost: this.contextLost,
      drawCalls: info.render.calls,
      triangles: info.render.triangles,
      geometries: info.memory.geometries,
      textures: info.memory.textures,
      frameMs: this.frameMs,
      avgFrameMs: this.avgFrameMs,
      frames: this.frames,
      places: this.places.length,
      visiblePlaces: this.field.visible.length,
      markersShown: this.built.markers.shownCount,
      clusters: this.field.clustering.clusters.length,
      labels: this.placer.count,
      placeLabels: this.placer.placeCount,
      placesOnScreen: this.placesOnScreen(),
      visibleLayers: this.built.layers.filter((l) => l.mesh.visible).length,
      visibleRoutes: this.built.routes.filter((r) => r.mesh.visible).length,
      navigationRoute: !!this.built.nav?.mesh.visible,
      // A pending frame, flight or fling counts: the picture is about to change.
      animating: this.animating || this.rafId !== 0 || this.cam.moving,
      pose: { ...this.cam.pose },
      home: { ...this.cam.home },
      safe: this.cam.safe,
      limits: {
        minDistance: lim.minDistance,
        maxDistance: lim.maxDistance,
        minTilt: lim.minTilt,
        maxTilt: lim.maxTilt,
      },
    };
  }

  /** The scene's top-level objects (diagnostics and tests). */
  sceneObjects(): { name: string; type: string; visible: boolean; triangles: number }[] {
    return this.built.root.children.map((o) => {
      const g = o instanceof Mesh ? (o.geometry as BufferGeometry) : null;
      const count = g ? (g.index?.count ?? g.getAttribute('position').count) : 0;
      return { name: o.name, type: o.type, visible: o.visible, triangles: Math.floor(count / 3) };
    });
  }

  /** Current camera pose (copy). */
  getPose(): TablePose {
    return { ...this.cam.pose };
  }

  /** Puts the camera at `pose` at once (clamped to the limits): tests and the benchmark. */
  setPose(pose: TablePose): void {
    this.cam.jumpTo(pose);
    this.requestRender();
  }

  /**
   * Renders `n` frames synchronously, turning the camera a little each time so labels and
   * clusters do real work. Returns the mean CPU time of a frame on the main thread (`cpuMs`) and
   * the mean wall time including waiting for the GPU at the end (`wallMs`): the benchmark.
   */
  renderFrames(n: number): { cpuMs: number; wallMs: number; frames: number } {
    const start = performance.now();
    const base = this.cam.pose;
    let cpu = 0;
    for (let i = 0; i < n; i++) {
      this.cam.pose = this.cam.clamp({ ...base, heading: base.heading + (i % 2 === 0 ? 0.05 : -0.05) });
      this.viewDirty = true;
      this.render();
      cpu += this.frameMs;
    }
    this.cam.pose = base;
    this.viewDirty = true;
    // Wait for the GPU so the wall time includes the work the frames queued.
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    const frames = Math.max(1, n);
    return { cpuMs: cpu / frames, wallMs: (performance.now() - start) / frames, frames: n };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.rafId !== 0) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.cancelTick();
    this.tours.stop();
    for (const u of this.unsubscribers) u();
    for (const d of this.disposers) d();
    this.unsubscribers.length = 0;
    this.disposers.length = 0;
    disposeBuilt(this.built);
    this.labels.dispose();
    this.renderer.renderLists.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    for (const s of ['sceneReady', 'sandFrames', 'sandTour', 'placesOnScreen', 'labelsShown'])
      this.options.clearSignal?.(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  private tablePoseRaw(p: CameraPose): TablePose {
    const t = this.projection.toTable(p.target);
    return { x: t.x, z: t.z, distance: p.distance, tilt: p.tilt, heading: p.heading };
  }

  private tablePose(p: CameraPose): TablePose {
    return this.cam.clamp(this.tablePoseRaw(p));
  }

  private build(): Built {
    const b = buildScene(this.spec);
    const span = tableSpan(this.rect);
    const bg = this.spec.palette.background;
    this.scene.background = new Color(bg);
    this.scene.fog = new Fog(bg, span, span * 6);
    this.scene.add(b.root);
    this.field.attach({ markers: b.markers, clusters: b.clusters });
    return b;
  }

  /** Loads the base map; the table is ready (and markers stand on the relief) once it settled. */
  private async loadBase(b: Built): Promise<void> {
    const failures = await loadBaseMap(b, {
      manifest: this.manifest,
      projection: this.projection,
      rect: this.rect,
      palette: this.spec.palette,
      language: this.language,
      url: this.content.url,
      fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
      current: () => this.built === b && !this.disposed,
    });
    if (this.built !== b || this.disposed) return;
    for (const error of failures) this.options.warn?.('sand table base map part failed', { error });
    drapeOnSurface(b, this.spec);
    this.applyFilters();
    this.cam.setContent(this.field.headPoints(0));
    this.ready = true;
    this.stores.sandTable.getState().sceneLoaded();
    this.requestRender();
  }

  // ---------------------------------------------------------------------------------------------
  // Store → scene

  private follow(): void {
    const store = this.stores.sandTable;
    const sub = <T>(selector: (s: SandTableState) => T, listener: (v: T, prev: T) => void) => {
      this.unsubscribers.push(store.subscribe(selector, listener));
    };
    sub(
      (s) => s.hiddenCategories,
      () => this.applyFilters(),
    );
    sub(
      (s) => s.timeFilter,
      () => this.applyFilters(),
    );
    sub(
      (s) => s.visibleLayers,
      () => this.applyFilters(),
    );
    sub(
      (s) => s.selectedPlaceId,
      (id) => {
        this.setSelected(id);
        this.updateNavigation();
      },
    );
    sub(
      (s) => s.hoveredPlaceId,
      (id) => {
        if (this.field.setHovered(id === null ? -1 : (this.placeIndex.get(id) ?? -1))) this.requestRender();
      },
    );
    sub(
      (s) => s.cardTab,
      () => this.updateNavigation(),
    );
    sub(
      (s) => s.cameraCommand,
      (c) => c && this.runCommand(c.command),
    );
    sub(
      (s) => s.tour,
      (t, prev) => {
        if (this.tours.follow(t, prev)) this.requestRender();
      },
    );
    const s = store.getState();
    this.setSelected(s.selectedPlaceId);
    this.updateNavigation();
    // "Show on the sand table" chose a place before this screen existed: fly there once the
    // table knows its size.
    if (s.cameraCommand && s.cameraCommand.command.kind !== 'reset') this.pending = s.cameraCommand.command;
    if (s.tour.status === 'playing' && this.tours.follow(s.tour, { ...s.tour, status: 'idle', id: null }))
      this.requestRender();
  }

  /**
   * Chips and the time slider: places pass by category and by date; chain arcs show when their
   * layer is on, its period overlaps, and both ends' places are shown; routes by their period.
   */
  private applyFilters(): void {
    const s = this.stores.sandTable.getState();
    const span = filterSpan(s.timeFilter, sliderEras(this.manifest));
    const hidden = new Set(s.hiddenCategories);
    this.field.setVisible(
      visiblePlaceIndices(
        this.places.map((p, i) => ({ category: p.category, ...this.periods[i] })),
        hidden,
        span,
      ),
    );
    const b = this.built;
    for (const layer of b.layers) {
      layer.mesh.visible = s.visibleLayers.includes(layer.id) && inSpan(layer.period, span);
      const shown = layer.links.filter((link) => link.places.every((i) => this.field.isVisible(i)));
      if (shown.length !== layer.shownLinks) {
        layer.shownLinks = shown.length;
        swapGeometry(b, layer.mesh, arcsGeometry(b, shown));
      }
    }
    for (const route of b.routes) route.mesh.visible = inSpan(route.period, span);
    this.requestRender();
  }

  private setSelected(id: string | null): void {
    this.field.setSelected(id === null ? -1 : (this.placeIndex.get(id) ?? -1));
    this.requestRender();
  }

  private updateNavigation(): void {
    const s = this.stores.sandTable.getState();
    const want = s.cardTab === 'navigate' ? s.selectedPlaceId : null;
    if (setNavigationRoute(this.built, this.spec, want)) this.requestRender();
  }

  private runCommand(c: NonNullable<SandTableState['cameraCommand']>['command']): void {
    switch (c.kind) {
      case 'reset':
        this.cam.flyHome();
        break;
      case 'place': {
        const i = this.placeIndex.get(c.placeId);
        if (i === undefined) return;
        this.cam.flyToPlace({ x: this.spec.xs[i] ?? 0, z: this.spec.zs[i] ?? 0 });
        break;
      }
      case 'preset': {
        const p = this.manifest.sandTable?.camera.presets.find((x) => x.id === c.presetId);
        if (!p) return;
        this.cam.flyTo(this.tablePose(p));
        break;
      }
      case 'pose':
        this.cam.flyTo(this.tablePose(c.pose));
        break;
    }
    this.requestRender();
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  private listen(): void {
    const detach = attachCanvasInput(this.canvas, () => this.cam.viewport, {
      pointer: (e) => this.apply(this.gestures.feed(e)),
      wheel: (dy, x, y) => this.apply(this.gestures.wheel(dy, x, y)),
      leave: () => {
        if (this.gestures.activePointers === 0) this.stores.sandTable.getState().placeHovered(null);
      },
      blur: () => this.apply(this.gestures.reset()),
      contextLost: () => {
        this.contextLost = true;
        this.ready = false;
        if (this.rafId !== 0) cancelAnimationFrame(this.rafId);
        this.rafId = 0;
        this.cancelTick();
        this.options.signal?.('sceneReady', 'false');
        this.stores.sandTable.getState().contextLost();
      },
      contextRestored: () => {
        this.contextLost = false;
        this.rebuild();
        this.stores.sandTable.getState().contextRestored();
      },
    });
    this.disposers.push(detach);
  }

  /**
   * Rebuilds every GPU object after the context came back. The old objects' GPU resources died
   * with the old context, so they are dropped, not disposed (disposing would delete handles the
   * new context never issued); only what the old build holds outside the GPU is let go.
   */
  private rebuild(): void {
    this.scene.remove(this.built.root);
    this.built.root.clear();
    this.built = this.build();
    const s = this.stores.sandTable.getState();
    this.field.setSelected(-1);
    this.field.setHovered(-1);
    this.applyFilters();
    this.setSelected(s.selectedPlaceId);
    this.updateNavigation();
    void this.loadBase(this.built);
  }

  private apply(intents: readonly GestureIntent[]): void {
    if (intents.length === 0) return;
    // A mouse gliding over the table changes nothing by itself: a new hover target re-renders
    // through the store, so hover-only batches need no frame.
    let changed = false;
    for (const it of intents) {
      if (it.kind !== 'hover') changed = true;
      switch (it.kind) {
        case 'begin': {
          const t = this.stores.sandTable.getState().tour;
          if (t.status === 'playing' || t.status === 'paused')
            this.stores.sandTable.getState().visitorTookOver();
          break;
        }
        case 'tap':
          this.tap(it.x, it.y, it.pointer);
          break;
        case 'hover': {
          const hit = this.pick(it.x, it.y, 16);
          this.stores.sandTable
            .getState()
            .placeHovered(hit?.kind === 'place' ? (this.places[hit.index]?.id ?? null) : null);
          break;
        }
        case 'orbit':
        case 'pan':
        case 'zoom':
        case 'rotate':
        case 'fling':
        case 'end':
          break;
      }
      this.cam.gesture(it);
    }
    if (changed) this.requestRender();
  }

  /** Finger-sized pick radius: generous on touch, tighter for a mouse. */
  private pickRadius(pointer: PointerKind): number {
    const vp = this.cam.viewport;
    const base = Math.min(vp.width, vp.height);
    return pointer === 'mouse' ? Math.max(14, base * 0.018) : Math.max(26, base * 0.035);
  }

  private pick(x: number, y: number, radius: number) {
    this.field.project(basisOf(this.cam.pose, FOV, this.cam.viewport), this.cam.viewport, this.markerScale());
    return this.field.pick(x, y, radius);
  }

  private tap(x: number, y: number, pointer: PointerKind): void {
    const store = this.stores.sandTable.getState();
    const hit = this.pick(x, y, this.pickRadius(pointer));
    if (!hit) {
      store.backgroundTapped();
      return;
    }
    if (hit.kind === 'place') {
      const id = this.places[hit.index]?.id;
      if (id) store.placeTapped(id);
      return;
    }
    const cl = this.field.clustering.clusters[hit.index];
    if (!cl) return;
    // Come close enough that the members separate, all of them in the free part of the screen.
    const pose = this.cam.fitCluster(this.field.headPoints(0, cl.members), this.cam.limits.minDistance * 2.1);
    const ll = this.projection.toLonLat({ x: pose.x, z: pose.z });
    store.clusterTapped({ target: ll, distance: pose.distance, tilt: pose.tilt, heading: pose.heading });
  }

  // ---------------------------------------------------------------------------------------------
  // Frame

  private readonly frame = (now: number): void => {
    this.rafId = 0;
    this.cancelTick();
    if (this.disposed || this.contextLost) return;
    // A timer tick (a tour holding still) may come late on a busy machine: keep its whole time.
    const cap = this.ticking ? 1000 : 100;
    const dt = this.lastFrameAt === 0 ? 16 : Math.min(cap, now - this.lastFrameAt);
    this.ticking = false;
    this.lastFrameAt = now;
    const before = this.cam.pose;
    const cameraAnimating = this.cam.step(dt);
    const tourActive = this.tours.update(dt);
    const b = this.built;
    const flowing = !this.reducedMotion && (b.layers.some((l) => l.mesh.visible) || !!b.nav?.mesh.visible);
    if (flowing) {
      this.flowTime += dt / 1000;
      for (const l of b.layers) l.material.uniforms.uTime!.value = this.flowTime;
      if (b.nav) b.nav.material.uniforms.uTime!.value = this.flowTime;
    }
    const plan = planFrame({
      viewDirty: this.viewDirty,
      cameraMoved: !samePose(before, this.cam.pose),
      cameraAnimating,
      tourActive,
      flowing,
      sinceDrawnMs: now - this.lastArcAt,
      alwaysRender: this.options.alwaysRender === true,
    });
    // The picture is still settling: labels and the debug counts wait for the camera to stop.
    this.animating = cameraAnimating || tourActive || flowing;
    if (plan.viewChanged) this.viewDirty = true;
    if (plan.render) {
      this.lastArcAt = now;
      this.render();
    }
    if (plan.next === 'frame') this.scheduleFrame();
    else if (plan.next === 'tick') this.scheduleTick();
    else this.lastFrameAt = 0;
  };

  /** A tour holding still: tick it on a timer, draw nothing until its camera moves again. */
  private scheduleTick(): void {
    if (this.tickTimer !== 0 || this.rafId !== 0 || this.disposed || this.contextLost) return;
    this.tickTimer = window.setTimeout(() => {
      this.tickTimer = 0;
      this.ticking = true;
      this.frame(performance.now());
    }, HOLD_TICK_MS);
  }

  private cancelTick(): void {
    if (this.tickTimer !== 0) window.clearTimeout(this.tickTimer);
    this.tickTimer = 0;
  }

  private markerScale(): number {
    return markerScaleAt(this.cam.pose.distance, this.cam.viewport);
  }

  /** Places passing the filters whose marker lies in the free part of the screen, "N/M". */
  private placesOnScreen(): string {
    const { inside, visible } = this.field.countInRect(this.cam.safe);
    return `${inside}/${visible}`;
  }

  /** Renders one frame now. */
  private render(): void {
    const t0 = performance.now();
    const pose = this.cam.pose;
    const vp = this.cam.viewport;
    const basis = basisOf(pose, FOV, vp);
    this.camera3.position.set(basis.eye.x, basis.eye.y, basis.eye.z);
    this.camera3.rotation.set((-pose.tilt * Math.PI) / 180, (-pose.heading * Math.PI) / 180, 0, 'YXZ');
    const span = tableSpan(this.rect);
    this.camera3.near = Math.max(pose.distance * 0.01, span * 1e-4);
    this.camera3.far = pose.distance * 4 + span * 4;
    this.camera3.updateProjectionMatrix();
    if (this.scene.fog instanceof Fog) {
      this.scene.fog.near = pose.distance * 1.2 + span * 0.3;
      this.scene.fog.far = pose.distance * 3 + span * 2.5;
    }
    const scale = this.markerScale();
    const b = this.built;
    b.markers.setScale(scale);
    if (b.here) b.here.scale.setScalar(scale * 1.1);
    // Close in, chain arcs fade so the places under them stay legible.
    const fade = Math.min(1, Math.max(0.25, (pose.distance / Math.max(1e-6, this.cam.home.distance)) * 2.5));
    for (const l of b.layers) l.material.uniforms.uOpacity!.value = fade;
    if (this.viewDirty) {
      this.viewDirty = false;
      this.field.update({
        basis,
        viewport: vp,
        scale,
        clusterOn: !this.spec.naive && pose.distance > this.cam.limits.minDistance * 2.2 && vp.width > 1,
        cull: !this.spec.naive,
      });
      this.field.project(basis, vp, scale);
      this.layoutLabels();
    }
    this.renderer.render(this.scene, this.camera3);
    const ms = performance.now() - t0;
    this.frameMs = ms;
    this.avgFrameMs = this.frames === 0 ? ms : this.avgFrameMs * 0.9 + ms * 0.1;
    this.frames++;
    this.options.signal?.('sandFrames', String(this.frames));
    if (this.ready && this.frames > 0) this.options.signal?.('sceneReady', 'true');
    if (this.options.debugSignals && this.ready && !this.animating) this.publishCounts();
  }

  /** The debug signals, set only when they change (a still table writes nothing). */
  private publishCounts(): void {
    const onScreen = this.placesOnScreen();
    const shown = String(this.placer.placeCount);
    const key = `${onScreen}|${shown}`;
    if (key === this.lastSignals) return;
    this.lastSignals = key;
    this.options.signal?.('placesOnScreen', onScreen);
    this.options.signal?.('labelsShown', shown);
  }

  private readLabelFont(el: Element): number {
    const view = el.ownerDocument.defaultView;
    const px = view ? parseFloat(view.getComputedStyle(el.ownerDocument.documentElement).fontSize) : 16;
    return Math.max(12, (Number.isFinite(px) ? px : 16) * 0.82);
  }

  private layoutLabels(): void {
    const vp = this.cam.viewport;
    const pose = this.cam.pose;
    const lang = this.language;
    const def = this.manifest.defaultLanguage;
    const b = this.built;
    const clusters = this.field.clustering.clusters;
    this.clusterCounts.length = clusters.length;
    for (let k = 0; k < clusters.length; k++) this.clusterCounts[k] = clusters[k]?.members.length ?? 0;
    this.extras.length = 0;
    const basis = basisOf(pose, FOV, vp);
    const hereAt = this.manifest.sandTable?.hereAt;
    if (hereAt && b.here) {
      const p = b.here.position;
      const sp = projectPoint(basis, vp, {
        x: p.x,
        y: p.y + 2.2 * this.markerScale() * 1.1,
        z: p.z,
      });
      if (sp)
        this.extras.push({
          key: 'here',
          kind: 'here',
          text: localize(hereAt.label, lang, def),
          x: sp.x,
          y: sp.y,
        });
    }
    if (b.layers.some((l) => l.mesh.visible)) {
      for (const n of b.nodeLabels) {
        if (!b.layers.find((l) => l.id === n.layerId)?.mesh.visible) continue;
        const sp = projectPoint(basis, vp, { x: n.x, y: n.y, z: n.z });
        if (sp)
          this.extras.push({ key: n.key, kind: 'node', text: localize(n.text, lang, def), x: sp.x, y: sp.y });
      }
    }
    const lim = this.cam.limits;
    const scene = this.labelScene;
    scene.clusterScreen = this.field.clusterScreen;
    scene.selected = this.field.selected;
    scene.hovered = this.field.hovered;
    scene.bounds = this.cam.safe;
    scene.fontPx = this.labelFontPx;
    scene.budget = labelBudget(zoom01Of(pose.distance, lim.minDistance, lim.maxDistance), LABEL_BUDGET);
    this.placer.layout(scene, this.names);
    this.labels.update(this.placer.placed, this.placer.count);
  }
}
