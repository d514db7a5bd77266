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
 * `tour-host` (narrated tours), `interaction` (gestures, picking, taps), `frame-loop` (render on
 * demand), `three-view` (pose → three.js camera, fog, marker size), `label-host` (what the label
 * placer reads) and `debug-signals`. Public types live in `sand-table-api`.
 *
 * Test hooks: `debugInfo()`, `screenPositionOf(placeId)`, `renderFrames(n)`, `finishFlight()`, and
 * data-* signals through `options.signal` (sceneReady, sandFrames, sandTour; with `debugSignals`
 * also placesOnScreen "N/M" and labelsShown "N").
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Fog,
  Group,
  LineSegments,
  Mesh,
  PerspectiveCamera,
  Scene,
  SRGBColorSpace,
  WebGLRenderer,
} from 'three';
import type { CameraPose, PackManifest, Place } from '../../../electron/shared/pack-schema';
import type { SandTableState } from '../stores/sand-table-store';
import type { BaseMapFiles, PartDraw } from './base-map';
import { loadBaseMap, requestBaseMap } from './base-map';
import { basisOf } from './camera-math';
import type { ViewInsets } from './camera-controller';
import { cameraOptionsOf, CameraController, FOV } from './camera-controller';
import { attachCanvasInput } from './canvas-input';
import { markerScaleAt } from './clustering';
import { CountSignals, placesOnScreenOf, TABLE_SIGNALS, tableReadout } from './debug-signals';
import { filterSpan, placePeriods, sliderEras, visiblePlaceIndices } from './filters';
import { FrameLoop } from './frame-loop';
import { GpuDrain } from './gpu-drain';
import type { DrainTimers } from './gpu-drain';
import { labelsSticky, samePose } from './frame-plan';
import { TableInteraction } from './interaction';
import { followStore } from './store-link';
import { LabelHost } from './label-host';
import { HERE_BEACON_WIDTHS, MarkerField, placeTablePositions } from './marker-field';
import type { TableProjection } from './projection';
import { createProjection, tableRectOf } from './projection';
import type { Built, Palette, SceneSpec } from './scene-builder';
import {
  buildScene,
  disposeBuilt,
  drapeOnSurface,
  sceneObjectsOf,
  setNavigationRoute,
  showFiltered,
  tableFloor,
  tableSpan,
} from './scene-builder';
import type {
  PlaceScreenPosition,
  SandTableContent,
  SandTableDebugInfo,
  SandTableOptions,
  SandTableStores,
} from './sand-table-api';
import { GpuTimer } from './gpu-timer';
import { dressForView, setFlowOn, setFlowTime, syncCamera } from './three-view';
import { tableShots, TourHost } from './tour-host';
import type { TablePose, TableRect } from './types';

export type {
  PlaceScreenPosition,
  SandTableContent,
  SandTableDebugInfo,
  SandTableOptions,
  SandTableStores,
} from './sand-table-api';

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
  private readonly labels: LabelHost;
  private readonly tours: TourHost;
  private readonly input: TableInteraction;
  private readonly loop: FrameLoop;
  /** Settled means drawn by the GPU too (see gpu-drain). */
  private readonly drain: GpuDrain;
  private readonly counts: CountSignals;
  /** GPU time of each drawn frame, when asked for (see gpu-timer). */
  private gpuTimer: GpuTimer | null = null;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly disposers: (() => void)[] = [];
  private readonly periods: ReturnType<typeof placePeriods>;
  private built: Built;

  private language: string;
  private reducedMotion: boolean;
  private flowTime = 0;
  private disposed = false;
  private contextLost = false;
  private ready = false;
  private frames = 0;
  private frameMs = 0;
  private avgFrameMs = 0;
  /** The picture is still settling: labels and the debug counts wait for the camera to stop. */
  private animating = false;
  /** The labels on screen were laid out sticky: once the camera rests, they are laid out again. */
  private laidOutSticky = false;
  /** data-scene-ready="true" was said (once, not in every frame: an attribute write each). */
  private readySaid = false;
  /** A camera command given before the table had a size. */
  private pending: NonNullable<SandTableState['cameraCommand']>['command'] | null = null;
  /** Shader programs the first frame compiled itself (debug readout). */
  private firstFramePrograms = 0;
  /** The base map's files, requested before the WebGL context starts; used by the first load. */
  private earlyBase: BaseMapFiles | null;

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
    // Fetched and decoded while the WebGL context below starts up, not after it (issue 15).
    this.earlyBase = requestBaseMap({
      manifest,
      language: this.language,
      url: content.url,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    });
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
    // Cluster tokens keep off the "you are here" beacon.
    if (spec.hereAt) {
      const t = this.projection.toTable(spec.hereAt.position);
      this.field.setObstacles([{ x: t.x, z: t.z, widths: HERE_BEACON_WIDTHS }]);
    }
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

    this.cam = new CameraController(
      cameraOptionsOf(spec.camera, this.rect, (p) => this.tablePoseRaw(p), this.reducedMotion),
    );
    this.cam.setContent(this.field.headPoints(0));

    // The drawing buffer starts at the canvas's laid-out size: made at 300 × 150 and enlarged by the
    // first resize(), it was allocated twice, the second time with round trips that waited on the
    // GPU process (~60 ms of a cold start under SwiftShader, issue 15).
    const box = canvas.getBoundingClientRect();
    if (box.width >= 1 && box.height >= 1) {
      canvas.width = Math.round(box.width);
      canvas.height = Math.round(box.height);
    }
    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, options.maxPixelRatio ?? 2));
    this.camera3.rotation.order = 'YXZ';
    const gl = this.renderer.getContext();
    const timers: DrainTimers = {
      set: (fn, ms) => window.setTimeout(fn, ms),
      clear: (id) => window.clearTimeout(id),
    };
    this.drain = new GpuDrain(webgl2Of(gl), timers);

    const host = options.overlay ?? canvas.parentElement ?? canvas.ownerDocument.body;
    this.labels = new LabelHost(host, manifest, this.places, this.field, () => this.language);
    this.cam.setLabelSize(this.labels.fontPx);
    this.counts = new CountSignals(options.signal, timers);
    this.loop = new FrameLoop({
      advance: (dt) => this.advance(dt),
      draw: () => {
        this.drain.cancel();
        this.render();
      },
      drewLast: () => this.drain.fence(),
      // No frame before the base map is in: the first frame is the whole table, not a bare slab
      // that the relief then covers (a frame costs the GPU process ~0.1 s under SwiftShader).
      live: () => !this.disposed && !this.contextLost && this.ready,
      alwaysRender: options.alwaysRender === true,
    });

    this.tours = new TourHost({
      manifest,
      store: stores.sandTable,
      url: content.url,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      language: () => this.language,
      reducedMotion: () => this.reducedMotion,
      shots: () =>
        tableShots({
          manifest,
          places: this.places,
          placeIndex: this.placeIndex,
          xs,
          zs,
          projection: this.projection,
          placePose: (pt) => this.cam.placePose(pt),
          tablePose: (p) => this.tablePose(p),
          clamp: (p) => this.cam.clamp(p),
        }),
      camera: { get: () => this.cam.pose, set: (p) => (this.cam.pose = p) },
      createAudio: () => this.canvas.ownerDocument.createElement('audio'),
      onTakeCamera: () => this.cam.halt(),
      ...(options.signal ? { signal: options.signal } : {}),
    });

    this.input = new TableInteraction({
      store: stores.sandTable,
      field: this.field,
      cam: this.cam,
      places: this.places,
      projection: this.projection,
      oneFinger: spec.oneFinger,
      requestRender: () => this.requestRender(),
      // Names laid out under the hand are laid out once more at rest (LabelScene.sticky).
      released: () => {
        if (this.laidOutSticky && !this.cam.moving) this.requestRender();
      },
    });
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
    this.cam.setLabelSize(this.labels.restyle(this.canvas));
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
    this.labels.invalidateNames();
    this.requestRender();
  }

  setReducedMotion(reduced: boolean): void {
    if (reduced === this.reducedMotion) return;
    this.reducedMotion = reduced;
    this.spec.reducedMotion = reduced;
    this.cam.reducedMotion = reduced;
    setFlowOn(this.built, !reduced);
    this.requestRender();
  }

  /** Schedules one frame (coalesced); nothing happens while the context is lost. */
  requestRender(): void {
    this.loop.request();
  }

  /** Where a place's marker head is on screen now (for tests that tap it). */
  screenPositionOf(placeId: string): PlaceScreenPosition | null {
    const i = this.placeIndex.get(placeId);
    if (i === undefined) return null;
    const vp = this.cam.viewport;
    const basis = basisOf(this.cam.pose, FOV, vp);
    const at = this.field.headOnScreen(i, basis, vp, this.markerScale(), this.cam.safe);
    const r = this.canvas.getBoundingClientRect();
    return {
      ...at,
      clientX: r.left + (at.x * r.width) / vp.width,
      clientY: r.top + (at.y * r.height) / vp.height,
    };
  }

  /**
   * The page paints something of its own next (a place card opening): the table's own frame (the
   * highlight, the flight that frames the place) comes just after that paint, and after `until`
   * when given (see FrameLoop).
   */
  yieldFrame(until: Promise<unknown> | null = null): void {
    this.loop.yieldFrame(until);
  }

  debugInfo(): SandTableDebugInfo {
    return tableReadout({
      ready: this.ready,
      contextLost: this.contextLost,
      info: this.renderer.info,
      firstFramePrograms: this.firstFramePrograms,
      frameMs: this.frameMs,
      avgFrameMs: this.avgFrameMs,
      frames: this.frames,
      places: this.places.length,
      field: this.field,
      built: this.built,
      labels: this.labels.placer,
      animating: this.isAnimating(),
      cam: this.cam,
    });
  }

  /**
   * The picture is about to change: a frame, flight or fling pending, or a drawn frame the GPU has
   * not finished (the visitor does not see it yet). Cheap: what a poll for "settled" should read
   * (`debugInfo` also counts the places on screen, a pass over every place).
   */
  isAnimating(): boolean {
    return this.animating || this.loop.pending || this.cam.moving || this.drain.pending;
  }

  /**
   * Times every drawn frame on the GPU from now on (benchmark, diagnostics), or stops. Returns
   * whether it is timing: false when this GPU has no EXT_disjoint_timer_query_webgl2.
   */
  setGpuTiming(on: boolean): boolean {
    if (!on || this.disposed || this.contextLost) {
      this.stopGpuTiming();
      return false;
    }
    this.gpuTimer ??= GpuTimer.create(webgl2Of(this.renderer.getContext()));
    return this.gpuTimer !== null;
  }

  private stopGpuTiming(): void {
    this.gpuTimer?.dispose();
    this.gpuTimer = null;
  }

  /** GPU ms of the frames timed since the last call, and how many are still with the GPU. */
  takeGpuTimes(): { ms: number[]; waiting: number } {
    const t = this.gpuTimer;
    return t ? { ms: t.take(), waiting: t.waiting } : { ms: [], waiting: 0 };
  }

  /** The scene's top-level objects (diagnostics and tests). */
  sceneObjects(): { name: string; type: string; visible: boolean; triangles: number }[] {
    return sceneObjectsOf(this.built);
  }

  /** Current camera pose (copy). */
  getPose(): TablePose {
    return { ...this.cam.pose };
  }

  /** Ends a running flight at its destination now (tests that audit where it lands). */
  finishFlight(): boolean {
    const done = this.cam.finishFlight();
    if (done) {
      this.loop.viewDirty = true;
      this.requestRender();
    }
    return done;
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
      this.loop.viewDirty = true;
      this.render();
      cpu += this.frameMs;
    }
    this.cam.pose = base;
    this.loop.viewDirty = true;
    // Wait for the GPU so the wall time includes the work the frames queued.
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    const frames = Math.max(1, n);
    return { cpuMs: cpu / frames, wallMs: (performance.now() - start) / frames, frames: n };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loop.stop();
    this.tours.stop();
    for (const u of this.unsubscribers) u();
    for (const d of this.disposers) d();
    this.unsubscribers.length = 0;
    this.disposers.length = 0;
    this.drain.dispose();
    this.counts.dispose();
    this.stopGpuTiming();
    disposeBuilt(this.built);
    this.labels.dispose();
    this.renderer.renderLists.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    for (const s of TABLE_SIGNALS) this.options.clearSignal?.(s);
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
    const early = this.earlyBase;
    this.earlyBase = null;
    const failures = await loadBaseMap(
      b,
      {
        manifest: this.manifest,
        projection: this.projection,
        rect: this.rect,
        palette: this.spec.palette,
        language: this.language,
        url: this.content.url,
        fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
        current: () => this.built === b && !this.disposed,
        partsMade: (parts) => this.precompile(parts),
      },
      early ?? undefined,
    );
    if (this.built !== b || this.disposed) return;
    for (const error of failures) this.options.warn?.('sand table base map part failed', { error });
    drapeOnSurface(b, this.spec);
    this.applyFilters();
    this.cam.setContent(this.field.headPoints(0));
    this.ready = true;
    this.stores.sandTable.getState().sceneLoaded();
    this.requestRender();
    // The first frame is drawn at once, not at the next animation frame (FrameLoop.flush), once
    // the table has its size (before that, resize() draws it).
    if (this.frames === 0 && this.cam.viewport.width > 1) this.loop.flush();
  }

  /**
   * Has the GPU process compile the shader programs of the scene and of the base map's coming
   * parts (not in the scene yet) now, without drawing: they compile while the base map's files
   * load and decode, and the first frame only draws. Compiled by that frame, each program held it
   * ~50 ms under SwiftShader (issue 15). Each part stands in as the object it will be, with a
   * one-vertex geometry of the attributes it will have, so the program is the one it draws with.
   */
  private precompile(draws: readonly PartDraw[]): void {
    const parts = new Group();
    const geometries: BufferGeometry[] = [];
    for (const d of draws) {
      const g = new BufferGeometry();
      for (const [name, size] of Object.entries(d.attributes))
        g.setAttribute(name, new BufferAttribute(new Float32Array(size), size));
      geometries.push(g);
      parts.add(d.object === 'lines' ? new LineSegments(g, d.material) : new Mesh(g, d.material));
    }
    this.renderer.compile(this.scene, this.camera3);
    this.renderer.compile(parts, this.camera3, this.scene);
    for (const g of geometries) g.dispose();
  }

  // ---------------------------------------------------------------------------------------------
  // Store → scene

  private follow(): void {
    const store = this.stores.sandTable;
    this.unsubscribers.push(
      followStore(store, {
        filters: () => this.applyFilters(),
        selected: (id) => {
          this.setSelected(id);
          this.updateNavigation();
        },
        hovered: (id) => {
          if (this.field.setHovered(id === null ? -1 : (this.placeIndex.get(id) ?? -1))) this.requestRender();
        },
        cardTab: () => this.updateNavigation(),
        command: (c) => this.runCommand(c),
        tour: (t, prev) => {
          if (this.tours.follow(t, prev)) this.requestRender();
        },
      }),
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
    showFiltered(this.built, s.visibleLayers, span, (i) => this.field.isVisible(i));
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
      pointer: (e) => this.input.pointer(e),
      wheel: (dy, x, y) => this.input.wheel(dy, x, y),
      leave: () => this.input.leave(),
      blur: () => this.input.blur(),
      contextLost: () => {
        this.contextLost = true;
        this.ready = false;
        this.loop.stop();
        // Its queries died with the context.
        this.stopGpuTiming();
        this.readySaid = false;
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

  // ---------------------------------------------------------------------------------------------
  // Frame

  /** One tick of the loop: steps the camera, the tour and the flow clock; says what moved. */
  private advance(dt: number) {
    const before = this.cam.pose;
    const cameraAnimating = this.cam.step(dt);
    const tourActive = this.tours.update(dt);
    const b = this.built;
    const flowing = !this.reducedMotion && (b.layers.some((l) => l.mesh.visible) || !!b.nav?.mesh.visible);
    if (flowing) {
      this.flowTime += dt / 1000;
      setFlowTime(b, this.flowTime);
    }
    this.animating = cameraAnimating || tourActive || flowing;
    const cameraMoved = !samePose(before, this.cam.pose);
    // The camera came to rest under sticky names: they get the plain layout once.
    if (this.laidOutSticky && !labelsSticky(cameraAnimating, this.input.handsOn)) this.loop.viewDirty = true;
    return { cameraMoved, cameraAnimating, tourActive, flowing };
  }

  private markerScale(): number {
    return markerScaleAt(this.cam.pose.distance, this.cam.viewport);
  }

  /** Places passing the filters whose marker lies in the free part of the screen, "N/M". */
  private placesOnScreen(): string {
    return placesOnScreenOf(this.field, this.cam.safe);
  }

  /** The debug counts, read once the table has been still a moment (see CountSignals.schedule). */
  private readonly readCounts = () =>
    this.ready && !this.animating && !this.disposed && !this.loop.pending
      ? { placesOnScreen: this.placesOnScreen(), labelsShown: this.labels.placer.placeCount }
      : null;

  /** Renders one frame now. */
  private render(): void {
    const t0 = performance.now();
    const pose = this.cam.pose;
    const vp = this.cam.viewport;
    const basis = basisOf(pose, FOV, vp);
    syncCamera(this.camera3, this.scene, basis, pose, tableSpan(this.rect));
    const scale = this.markerScale();
    dressForView(this.built, scale, pose.distance, this.cam.home.distance);
    if (this.loop.viewDirty) {
      this.loop.viewDirty = false;
      // After the tick's step, `cam.moving` is the flight or fling still under way.
      this.laidOutSticky = labelsSticky(this.cam.moving, this.input.handsOn);
      this.field.update({
        basis,
        viewport: vp,
        scale,
        clusterOn: !this.spec.naive && pose.distance > this.cam.limits.minDistance * 2.2 && vp.width > 1,
        cull: !this.spec.naive,
      });
      this.field.project(basis, vp, scale);
      this.labels.layout({
        basis,
        viewport: vp,
        pose,
        limits: this.cam.limits,
        safe: this.cam.safe,
        markerScale: scale,
        scene: this.built,
        language: this.language,
        sticky: this.laidOutSticky,
      });
    }
    const programs = this.frames === 0 ? (this.renderer.info.programs?.length ?? 0) : 0;
    this.gpuTimer?.begin();
    this.renderer.render(this.scene, this.camera3);
    this.gpuTimer?.end();
    if (this.frames === 0) this.firstFramePrograms = (this.renderer.info.programs?.length ?? 0) - programs;
    const ms = performance.now() - t0;
    this.frameMs = ms;
    this.avgFrameMs = this.frames === 0 ? ms : this.avgFrameMs * 0.9 + ms * 0.1;
    this.frames++;
    this.options.signal?.('sandFrames', String(this.frames));
    if (this.ready && this.frames > 0 && !this.readySaid) {
      this.readySaid = true;
      this.options.signal?.('sceneReady', 'true');
    }
    if (this.options.debugSignals && this.ready && !this.animating) this.counts.schedule(this.readCounts);
  }
}

/** The context as WebGL2 (fences, timer queries), or null for WebGL1. */
function webgl2Of(gl: WebGLRenderingContext | WebGL2RenderingContext): WebGL2RenderingContext | null {
  return typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext ? gl : null;
}
