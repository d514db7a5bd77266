/**
 * The electronic sand table (电子沙盘): a plain Three.js scene that React only hosts.
 *
 * `new SandTable(canvas, content, stores, options)` builds the table from the pack, listens to
 * the canvas for touch, mouse and wheel, and follows the sand-table store (selection, filters,
 * layers, camera commands, tours). It renders on demand: one frame per change, frames while a
 * flight, inertia, a tour or a flowing arc runs, nothing when idle. `dispose()` releases every
 * geometry, material, texture, listener, DOM node and the WebGL context.
 *
 * Test hooks: `debugInfo()`, `screenPositionOf(placeId)`, `renderFrames(n)`, and data-* signals
 * through `options.signal` (sceneReady, sandFrames, sandTour).
 */
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  Color,
  CylinderGeometry,
  DirectionalLight,
  Fog,
  Group,
  HemisphereLight,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  OctahedronGeometry,
  PerspectiveCamera,
  Scene,
  SRGBColorSpace,
  TextureLoader,
  TorusGeometry,
  WebGLRenderer,
} from 'three';
import type { Material, ShaderMaterial, Texture } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { CameraPose, PackManifest, Place, Shot } from '../../../electron/shared/pack-schema';
import { localize, mediaSrcFor } from '../../../electron/shared/pack-schema';
import type { SandTableState, SandTableStore } from '../stores/sand-table-store';
import type { CameraLimits } from './camera-math';
import {
  basisOf,
  clampPose,
  groundPointAt,
  orbit,
  panBetween,
  projectMany,
  projectPoint,
  rotateAt,
  unitsPerPixel,
  zoomAt,
} from './camera-math';
import type { Clustering } from './clustering';
import { clusterGrid, quantiseCell } from './clustering';
import { filterSpan, inSpan, sliderEras, visiblePlaceIndices } from './filters';
import type { Flight } from './flight';
import { planFlight, poseAt } from './flight';
import { parseGeoJson } from './geojson';
import type { GestureIntent, Inertia, PointerKind } from './gestures';
import { GestureRecognizer, stepInertia } from './gestures';
import type { LabelContent } from './label-layer';
import { LabelLayer } from './label-layer';
import type { LabelCandidate } from './labels';
import { estimateTextWidth, layoutLabels, rankCutoff } from './labels';
import type { ClusterItem, MarkerLayer } from './markers';
import { ClusterMarkers, InstancedMarkers, MARKER_HEAD_Y, MarkerState, NaiveMarkers } from './markers';
import { createFlowMaterial, createMarkerMaterial } from './materials';
import { arcHeight, cubicArc, densify, liftEnds, projectAll, quadraticArc, routeLonLats } from './paths';
import { pickNearest } from './picking';
import type { TableProjection } from './projection';
import { createProjection, rectCentre, tableRectOf } from './projection';
import { buildTubes } from './strips';
import {
  buildGraticule,
  buildHeightmap,
  buildLineRibbons,
  buildRelief,
  buildSlab,
  heightGridFromPixels,
} from './terrain';
import type { ShotContext } from './tour';
import { TourRunner } from './tour';
import { attachCanvasInput } from './canvas-input';
import { TableSurface } from './surface';
import type { TablePoint, TablePose, TableRect, Viewport } from './types';

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
  fetch?: typeof fetch;
  /** Reports problems (missing base map file …); never shown to visitors. */
  warn?: (message: string, data?: Record<string, unknown>) => void;
  /** Device pixel ratio cap (default 2). */
  maxPixelRatio?: number;
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
  labels: number;
  visibleLayers: number;
  visibleRoutes: number;
  navigationRoute: boolean;
  animating: boolean;
  pose: TablePose;
  limits: { minDistance: number; maxDistance: number; minTilt: number; maxTilt: number };
};

/** Where a place is on screen: CSS px in the canvas and in the page. */
export type PlaceScreenPosition = {
  x: number;
  y: number;
  clientX: number;
  clientY: number;
  /** In the viewport and in front of the camera. */
  onScreen: boolean;
  /** Passes the filters. */
  visible: boolean;
  /** Drawn inside a cluster token rather than as itself. */
  clustered: boolean;
};

const FOV = 35;
/**
 * A cluster cell in marker widths: markers closer than about this merge when zoomed out. Markers
 * keep their size on screen, so clustering looks the same at 1080p and 4K.
 */
const CLUSTER_MARKERS = 3.2;
/** Marker head width as a fraction of the camera distance: constant size on screen. */
const MARKER_SIZE = 0.017;
const LABEL_BUDGET = 64;
const ARC_FRAME_MS = 33;

type Palette = {
  background: string;
  surface: string;
  text: string;
  muted: string;
  accent: string;
  gold: string;
};

/** A chain link to draw as an arc. */
type ArcLink = { a: TablePoint; z: TablePoint; width: number; seed: number };

/** Everything built from the pack; replaced as a whole on rebuild. */
type Built = {
  root: Group;
  geometries: Set<BufferGeometry>;
  materials: Set<Material>;
  textures: Set<Texture>;
  markers: MarkerLayer;
  clusters: ClusterMarkers;
  layers: {
    id: string;
    mesh: Mesh;
    material: ShaderMaterial;
    links: ArcLink[];
    nodes: TablePoint[];
    period: { from?: string; to?: string };
  }[];
  routes: { id: string; mesh: Mesh; points: TablePoint[]; period: { from?: string; to?: string } }[];
  nodeLabels: { key: string; layerId: string; x: number; y: number; z: number; text: Place['name'] }[];
  here: Group | null;
  nav: { mesh: Mesh; material: ShaderMaterial; placeId: string } | null;
  surface: TableSurface;
};

export class SandTable {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV, 16 / 9, 0.1, 1000);
  private readonly manifest: PackManifest;
  private readonly projection: TableProjection;
  private readonly rect: TableRect;
  private readonly limits: CameraLimits;
  private readonly initialPose: TablePose;
  private readonly places: Place[];
  private readonly placeIndex = new Map<string, number>();
  private readonly xs: Float32Array;
  private readonly zs: Float32Array;
  private readonly ground: Float32Array;
  private readonly palette: Palette;
  private readonly labels: LabelLayer;
  private readonly gestures: GestureRecognizer;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly disposers: (() => void)[] = [];
  private built: Built;

  private pose: TablePose;
  private viewport: Viewport = { width: 1, height: 1 };
  private insetRight = 0;
  private language: string;
  private reducedMotion: boolean;
  private flight: { flight: Flight; elapsed: number } | null = null;
  private inertia: Inertia | null = null;
  private tour: TourRunner | null = null;
  private rafId = 0;
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

  private visible: number[] = [];
  private clustering: Clustering = { singles: [], clusters: [], cell: 0 };
  private clusterKey = '';
  /** Table area whose places are drawn (null: all); bumped generation forces a rebuild. */
  private cullRect: TableRect | null = null;
  private cullGeneration = 0;
  /** Per place: 0 not drawn (filtered or culled), 1 drawn as itself, 2 inside a cluster. */
  private drawnAs = new Int8Array(0);
  private headXYZ = new Float32Array(0);
  private headScreen = new Float32Array(0);
  private clusterXYZ = new Float32Array(0);
  private clusterScreen = new Float32Array(0);
  private pickScreen = new Float32Array(0);
  private labelsShown = 0;
  private hovered = -1;
  private selected = -1;
  private labelFontPx = 14;
  /** Mixed clusters: a dark bronze token, so many of them stay quiet. */
  private readonly clusterColour: string;

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
    this.palette = { ...manifest.theme.colors };
    this.clusterColour =
      '#' + new Color(this.palette.surface).lerp(new Color(this.palette.gold), 0.45).getHexString();
    this.projection = createProjection(spec.projection);
    this.rect = tableRectOf(this.projection, spec.bounds);
    const l = spec.camera.limits;
    this.limits = {
      minDistance: Math.min(l.minDistance, l.maxDistance),
      maxDistance: Math.max(l.minDistance, l.maxDistance),
      minTilt: Math.min(l.minTilt, l.maxTilt),
      maxTilt: Math.max(l.minTilt, l.maxTilt),
      rect: this.rect,
    };
    const preset = spec.camera.presets.find((p) => p.id === spec.camera.initial) ?? spec.camera.presets[0];
    this.initialPose = preset ? this.tablePose(preset) : this.overviewPose();
    this.pose = this.initialPose;

    this.places = manifest.places;
    this.xs = new Float32Array(this.places.length);
    this.zs = new Float32Array(this.places.length);
    this.ground = new Float32Array(this.places.length);
    this.places.forEach((p, i) => {
      const t = this.projection.toTable(p.position);
      this.xs[i] = t.x;
      this.zs[i] = t.z;
      this.placeIndex.set(p.id, i);
    });
    // Markers stand on the bare table until the relief has loaded.
    this.ground.fill(this.floor());
    this.headXYZ = new Float32Array(this.places.length * 3);
    this.drawnAs = new Int8Array(this.places.length);
    this.headScreen = new Float32Array(this.places.length * 3);

    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, options.maxPixelRatio ?? 2));
    this.camera.rotation.order = 'YXZ';

    const host = options.overlay ?? canvas.parentElement ?? canvas.ownerDocument.body;
    this.labels = new LabelLayer(host, LABEL_BUDGET);
    this.labelFontPx = this.readLabelFont(host);

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
    if (w === this.viewport.width && h === this.viewport.height) return;
    this.viewport = { width: w, height: h };
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.labelFontPx = this.readLabelFont(this.labels.root.parentElement ?? this.canvas);
    this.requestRender();
  }

  /** Re-reads text sizes from the page (after the large-text preset changed). */
  restyle(): void {
    this.labelFontPx = this.readLabelFont(this.labels.root.parentElement ?? this.canvas);
    this.requestRender();
  }

  /** Pixels on the right covered by a card: flights centre places in the remaining area. */
  setViewInsets(insets: { right: number }): void {
    this.insetRight = Math.max(0, insets.right);
  }

  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    this.requestRender();
  }

  setReducedMotion(reduced: boolean): void {
    if (reduced === this.reducedMotion) return;
    this.reducedMotion = reduced;
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
    this.rafId = requestAnimationFrame(this.frame);
  }

  /** Where a place's marker head is on screen now (for tests that tap it). */
  screenPositionOf(placeId: string): PlaceScreenPosition | null {
    const i = this.placeIndex.get(placeId);
    if (i === undefined) return null;
    const basis = basisOf(this.pose, FOV, this.viewport);
    const scale = this.markerScale();
    const s = projectPoint(basis, this.viewport, {
      x: this.xs[i] ?? 0,
      y: (this.ground[i] ?? 0) + MARKER_HEAD_Y * scale,
      z: this.zs[i] ?? 0,
    });
    const r = this.canvas.getBoundingClientRect();
    const x = s?.x ?? Number.NaN;
    const y = s?.y ?? Number.NaN;
    const onScreen = !!s && x >= 0 && y >= 0 && x <= this.viewport.width && y <= this.viewport.height;
    const visible = this.visible.includes(i);
    return {
      x,
      y,
      clientX: r.left + (x * r.width) / this.viewport.width,
      clientY: r.top + (y * r.height) / this.viewport.height,
      onScreen,
      visible,
      clustered: this.drawnAs[i] === 2,
    };
  }

  debugInfo(): SandTableDebugInfo {
    const info = this.renderer.info;
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
      visiblePlaces: this.visible.length,
      markersShown: this.built.markers.shownCount,
      clusters: this.clustering.clusters.length,
      labels: this.labelsShown,
      visibleLayers: this.built.layers.filter((l) => l.mesh.visible).length,
      visibleRoutes: this.built.routes.filter((r) => r.mesh.visible).length,
      navigationRoute: !!this.built.nav?.mesh.visible,
      // A pending frame, flight or fling counts: the picture is about to change.
      animating: this.animating || this.rafId !== 0 || this.flight !== null || this.inertia !== null,
      pose: { ...this.pose },
      limits: {
        minDistance: this.limits.minDistance,
        maxDistance: this.limits.maxDistance,
        minTilt: this.limits.minTilt,
        maxTilt: this.limits.maxTilt,
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
    return { ...this.pose };
  }

  /** Puts the camera at `pose` at once (clamped to the limits): tests and the benchmark. */
  setPose(pose: TablePose): void {
    this.flight = null;
    this.inertia = null;
    this.pose = clampPose(pose, this.limits);
    this.requestRender();
  }

  /**
   * Renders `n` frames synchronously, turning the camera a little each time so labels and
   * clusters do real work. Returns the mean CPU time of a frame on the main thread (`cpuMs`) and
   * the mean wall time including waiting for the GPU at the end (`wallMs`): the benchmark.
   */
  renderFrames(n: number): { cpuMs: number; wallMs: number; frames: number } {
    const start = performance.now();
    const base = this.pose;
    let cpu = 0;
    for (let i = 0; i < n; i++) {
      this.pose = clampPose({ ...base, heading: base.heading + (i % 2 === 0 ? 0.05 : -0.05) }, this.limits);
      this.viewDirty = true;
      this.render();
      cpu += this.frameMs;
    }
    this.pose = base;
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
    this.tour?.stop();
    this.tour = null;
    for (const u of this.unsubscribers) u();
    for (const d of this.disposers) d();
    this.unsubscribers.length = 0;
    this.disposers.length = 0;
    this.disposeBuilt(this.built);
    this.labels.dispose();
    this.renderer.renderLists.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.options.clearSignal?.('sceneReady');
    this.options.clearSignal?.('sandFrames');
    this.options.clearSignal?.('sandTour');
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  private tablePose(p: CameraPose): TablePose {
    const t = this.projection.toTable(p.target);
    return clampPose({ x: t.x, z: t.z, distance: p.distance, tilt: p.tilt, heading: p.heading }, this.limits);
  }

  private overviewPose(): TablePose {
    const c = rectCentre(this.rect);
    return clampPose(
      { x: c.x, z: c.z, distance: Math.max(c.width, c.depth) * 1.4, tilt: 55, heading: 0 },
      this.limits,
    );
  }

  private build(): Built {
    const spec = this.manifest.sandTable!;
    const c = this.palette;
    const root = new Group();
    root.name = 'sand-table';
    const geometries = new Set<BufferGeometry>();
    const materials = new Set<Material>();
    const geo = <T extends BufferGeometry>(g: T): T => {
      geometries.add(g);
      return g;
    };
    const mat = <T extends Material>(m: T): T => {
      materials.add(m);
      return m;
    };
    // Markers: instanced (or the naive baseline for the benchmark); clusters share the material.
    const categories = new Map(this.manifest.categories.map((cat) => [cat.id, cat]));
    const items = this.places.map((p, i) => {
      const cat = categories.get(p.category);
      return {
        x: this.xs[i] ?? 0,
        y: this.ground[i] ?? 0,
        z: this.zs[i] ?? 0,
        color: cat?.color ?? c.accent,
        shape: cat?.shape ?? 'circle',
      };
    });
    const markerMaterial = mat(createMarkerMaterial(c.gold, c.gold));
    const b: Built = {
      root,
      geometries,
      materials,
      textures: new Set(),
      markers:
        this.options.baseline === 'naive'
          ? new NaiveMarkers(items)
          : new InstancedMarkers(items, markerMaterial),
      clusters: new ClusterMarkers(markerMaterial),
      layers: [],
      routes: [],
      nodeLabels: [],
      here: null,
      nav: null,
      surface: new TableSurface(this.rect, this.floor()),
    };
    const size = rectCentre(this.rect);
    const span = Math.max(size.width, size.depth);

    this.scene.background = new Color(c.background);
    this.scene.fog = new Fog(c.background, span, span * 6);
    this.scene.add(root);

    // Light: warm and low, like a hall lit from above.
    const hemi = new HemisphereLight(0xf3e6d0, 0x1c140f, 0.75);
    const key = new DirectionalLight(0xfff1dc, 1.05);
    key.position.set(-0.45, 0.85, 0.35);
    const fill = new AmbientLight(0xffffff, 0.08);
    root.add(hemi, key, fill);

    // The table: a dark slab with the mapped area slightly lighter and a gold rim.
    const slabThickness = span * 0.04;
    const margin = span * 0.06;
    const slab = new Mesh(
      geo(buildSlab(this.rect, margin, slabThickness)),
      mat(new MeshLambertMaterial({ color: new Color(c.surface).multiplyScalar(0.7) })),
    );
    slab.name = 'slab';
    const mapTop = new Mesh(
      geo(buildSlab(this.rect, 0, span * 0.002)),
      mat(new MeshLambertMaterial({ color: new Color(c.surface).lerp(new Color(c.background), 0.35) })),
    );
    mapTop.position.y = span * 0.002 + 1e-4;
    mapTop.name = 'map-area';
    const rimY = span * 0.0025;
    const rimPoints = new Float32Array(
      [
        [this.rect.minX, this.rect.minZ, this.rect.maxX, this.rect.minZ],
        [this.rect.maxX, this.rect.minZ, this.rect.maxX, this.rect.maxZ],
        [this.rect.maxX, this.rect.maxZ, this.rect.minX, this.rect.maxZ],
        [this.rect.minX, this.rect.maxZ, this.rect.minX, this.rect.minZ],
      ].flatMap(([x1, z1, x2, z2]) => [x1 ?? 0, rimY, z1 ?? 0, x2 ?? 0, rimY, z2 ?? 0]),
    );
    const rimGeometry = geo(new BufferGeometry());
    rimGeometry.setAttribute('position', new BufferAttribute(rimPoints, 3));
    const rim = new LineSegments(
      rimGeometry,
      mat(new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.7 })),
    );
    rim.name = 'rim';
    root.add(slab, mapTop, rim);

    if (spec.base.graticule) {
      const g = geo(new BufferGeometry());
      g.setAttribute(
        'position',
        new BufferAttribute(
          buildGraticule(spec.bounds, spec.base.graticule.stepDegrees, this.projection, span * 0.003),
          3,
        ),
      );
      const lines = new LineSegments(
        g,
        mat(new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.22 })),
      );
      lines.name = 'graticule';
      root.add(lines);
    }

    root.add(b.markers.object, b.clusters.object);

    // "You are here": a quiet beacon in the accent colour.
    if (spec.hereAt) {
      const t = this.projection.toTable(spec.hereAt.position);
      const here = new Group();
      here.name = 'here';
      const pillar = new Mesh(
        geo(new CylinderGeometry(0.09, 0.09, 1.6, 10)),
        mat(new MeshLambertMaterial({ color: c.accent })),
      );
      pillar.position.y = 0.8;
      const ring = new Mesh(
        geo(new TorusGeometry(0.55, 0.07, 8, 36)),
        mat(new MeshLambertMaterial({ color: c.accent, emissive: new Color(c.accent).multiplyScalar(0.35) })),
      );
      ring.rotation.x = Math.PI / 2;
      ring.position.y = 0.04;
      const top = new Mesh(
        geo(new OctahedronGeometry(0.32)),
        mat(new MeshLambertMaterial({ color: c.text })),
      );
      top.position.y = 1.8;
      here.add(pillar, ring, top);
      here.position.set(t.x, 0, t.z);
      root.add(here);
      b.here = here;
    }

    // Chain layers: arcs between nodes, pulses flowing along them.
    for (const layer of this.manifest.layers) {
      const nodes = new Map<string, TablePoint>();
      for (const n of layer.nodes) {
        const pos =
          n.position ?? (n.place ? this.places[this.placeIndex.get(n.place) ?? -1]?.position : undefined);
        if (!pos) continue;
        const t = this.projection.toTable(pos);
        nodes.set(n.id, t);
        b.nodeLabels.push({
          key: `node:${layer.id}:${n.id}`,
          layerId: layer.id,
          x: t.x,
          y: 0,
          z: t.z,
          text: n.label,
        });
      }
      const links = layer.links.flatMap((link, k) => {
        const from = nodes.get(link.from);
        const to = nodes.get(link.to);
        if (!from || !to) return [];
        return [
          {
            a: from,
            z: to,
            width: span * 0.0045 * Math.min(2.5, Math.sqrt(link.weight)),
            seed: (k * 0.37) % 1,
          },
        ];
      });
      const material = mat(createFlowMaterial(layer.color, c.gold, { pulses: 3, strength: 0.7 }));
      material.uniforms.uFlow!.value = this.reducedMotion ? 0 : 1;
      const mesh = new Mesh(geo(this.arcsGeometry(b, links)), material);
      // Node beads: small octahedra where the chain touches the table.
      const beadPoints = [...nodes.values()];
      if (beadPoints.length > 0) {
        const beadMesh = new Mesh(
          geo(this.beadsGeometry(b, beadPoints)),
          mat(
            new MeshLambertMaterial({
              color: layer.color,
              emissive: new Color(layer.color).multiplyScalar(0.3),
            }),
          ),
        );
        beadMesh.name = 'beads';
        mesh.add(beadMesh);
      }
      mesh.name = `layer-${layer.id}`;
      mesh.visible = false;
      root.add(mesh);
      b.layers.push({
        id: layer.id,
        mesh,
        material,
        links,
        nodes: beadPoints,
        period: { ...(layer.from ? { from: layer.from } : {}), ...(layer.to ? { to: layer.to } : {}) },
      });
    }

    // Routes: tubes lying on the table (draped again once the relief has loaded).
    for (const route of spec.routes) {
      const points = densify(projectAll(this.projection, routeLonLats(route, this.places)), span / 120);
      if (points.length < 2) continue;
      const material = mat(createFlowMaterial(route.color ?? c.gold, c.text, { pulses: 0 }));
      const mesh = new Mesh(geo(this.routeGeometry(b, points)), material);
      mesh.name = `route-${route.id}`;
      root.add(mesh);
      b.routes.push({
        id: route.id,
        mesh,
        points,
        period: { ...(route.from ? { from: route.from } : {}), ...(route.to ? { to: route.to } : {}) },
      });
    }
    return b;
  }

  /** Chain arcs rising from the surface at both ends. */
  private arcsGeometry(b: Built, links: readonly ArcLink[]): BufferGeometry {
    return buildTubes(
      links.map((l) => ({
        points: liftEnds(
          cubicArc(l.a, l.z, arcHeight(l.a, l.z, 0.3), 40),
          this.surfaceAt(b, l.a.x, l.a.z),
          this.surfaceAt(b, l.z.x, l.z.z),
        ),
        width: l.width,
        seed: l.seed,
      })),
      6,
    );
  }

  /** Beads marking the chain's nodes, on the surface. */
  private beadsGeometry(b: Built, nodes: readonly TablePoint[]): BufferGeometry {
    const size = rectCentre(this.rect);
    const r = Math.max(size.width, size.depth) * 0.006;
    const beads = nodes.map((t) => {
      const g = new OctahedronGeometry(r);
      g.deleteAttribute('uv');
      g.translate(t.x, this.surfaceAt(b, t.x, t.z) + r, t.z);
      return g;
    });
    const merged = mergeGeometries(beads, false);
    for (const g of beads) g.dispose();
    return merged;
  }

  /** Replaces a mesh's geometry, keeping the build's list of what to dispose right. */
  private swapGeometry(b: Built, mesh: Mesh, next: BufferGeometry): void {
    const old = mesh.geometry;
    mesh.geometry = next;
    b.geometries.delete(old);
    old.dispose();
    b.geometries.add(next);
  }

  /** A route's tube, lying on the surface. */
  private routeGeometry(b: Built, points: readonly TablePoint[]): BufferGeometry {
    const size = rectCentre(this.rect);
    const span = Math.max(size.width, size.depth);
    const r = span * 0.0022;
    return buildTubes(
      [{ points: points.map((p) => ({ x: p.x, y: this.surfaceAt(b, p.x, p.z) + r, z: p.z })), width: r * 2 }],
      6,
    );
  }

  /** Loads the pack's base map files (relief, lines, heightmap); the table works without them. */
  private async loadBase(b: Built): Promise<void> {
    const spec = this.manifest.sandTable!;
    const base = spec.base;
    const c = this.palette;
    const size = rectCentre(this.rect);
    const span = Math.max(size.width, size.depth);
    const fetchFn =
      this.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const urlOf = (mediaId: string | undefined): string | null => {
      if (!mediaId) return null;
      const m = this.manifest.media[mediaId];
      const src = m ? mediaSrcFor(m, this.language, this.manifest.defaultLanguage) : undefined;
      return src ? this.content.url(src) : null;
    };
    const getJson = async (mediaId: string | undefined): Promise<unknown> => {
      const url = urlOf(mediaId);
      if (!url) return null;
      const r = await fetchFn(url);
      if (!r.ok) throw new Error(`${mediaId ?? ''} answered ${r.status}`);
      return (await r.json()) as unknown;
    };
    const tasks: Promise<void>[] = [];
    let surfaceReady: Promise<unknown> = Promise.resolve();
    if (base.regions) {
      tasks.push(
        getJson(base.regions).then((data) => {
          if (this.built !== b || this.disposed) return;
          const parsed = parseGeoJson(data);
          const relief = buildRelief(parsed.polygons, this.projection, {
            defaultHeight: 10,
            heightScale: span * 0.001,
            palette: [
              new Color(c.surface).lerp(new Color(c.gold), 0.1).getStyle(),
              new Color(c.surface).lerp(new Color(c.muted), 0.12).getStyle(),
              new Color(c.surface).lerp(new Color(c.accent), 0.1).getStyle(),
              new Color(c.surface).lerp(new Color(c.gold), 0.16).getStyle(),
            ],
          });
          if (relief.geometry) {
            b.geometries.add(relief.geometry);
            const m = new MeshLambertMaterial({ vertexColors: true });
            b.materials.add(m);
            const mesh = new Mesh(relief.geometry, m);
            mesh.name = 'relief';
            b.root.add(mesh);
          }
          if (relief.outline.length > 0) {
            const g = new BufferGeometry();
            g.setAttribute('position', new BufferAttribute(relief.outline, 3));
            b.geometries.add(g);
            const m = new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.55 });
            b.materials.add(m);
            const lines = new LineSegments(g, m);
            lines.name = 'relief-outline';
            b.root.add(lines);
          }
          for (const poly of parsed.polygons) {
            const outer = poly.rings[0];
            if (!outer) continue;
            b.surface.addRelief(
              outer.map(([lon, lat]) => this.projection.toTable({ lon, lat })),
              Math.max(1e-4, (poly.style.height ?? 10) * span * 0.001),
            );
          }
        }),
      );
    }
    if (base.heightmap) {
      const hm = base.heightmap;
      tasks.push(
        (async () => {
          const url = urlOf(hm.image);
          if (!url) return;
          const blob = await (await fetchFn(url)).blob();
          const bitmap = await createImageBitmap(blob);
          const cv = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = cv.getContext('2d');
          if (!ctx) throw new Error('no 2d context for the heightmap');
          ctx.drawImage(bitmap, 0, 0);
          const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
          bitmap.close();
          if (this.built !== b || this.disposed) return;
          const grid = heightGridFromPixels(pixels, bitmap.width, bitmap.height);
          b.surface.setHeightmap(grid, hm.maxHeight);
          const g = buildHeightmap(
            grid,
            this.rect,
            hm.maxHeight,
            new Color(c.surface).lerp(new Color(c.muted), 0.18).getStyle(),
            new Color(c.gold).lerp(new Color(c.surface), 0.35).getStyle(),
          );
          b.geometries.add(g);
          const textureUrl = urlOf(hm.texture);
          let texture: Texture | null = null;
          if (textureUrl) {
            texture = await new TextureLoader().loadAsync(textureUrl);
            texture.colorSpace = SRGBColorSpace;
            b.textures.add(texture);
          }
          if (this.built !== b || this.disposed) {
            texture?.dispose();
            return;
          }
          const m = texture
            ? new MeshLambertMaterial({ map: texture })
            : new MeshLambertMaterial({ vertexColors: true });
          b.materials.add(m);
          const mesh = new Mesh(g, m);
          mesh.name = 'heightmap';
          mesh.position.y = b.surface.floor;
          b.root.add(mesh);
        })(),
      );
    }
    // Rivers and roads drape over the relief and heightmap, so they wait for both.
    surfaceReady = Promise.allSettled([...tasks]);
    if (base.lines) {
      tasks.push(
        surfaceReady
          .then(() => getJson(base.lines))
          .then((data) => {
            if (this.built !== b || this.disposed) return;
            const parsed = parseGeoJson(data);
            const lift = span * 0.0012;
            const g = buildLineRibbons(
              parsed.lines,
              this.projection,
              span * 0.0035,
              (x, z) => this.surfaceAt(b, x, z) + lift,
              span / 150,
            );
            b.geometries.add(g);
            const m = new MeshLambertMaterial({
              color: new Color('#56707d').lerp(new Color(c.surface), 0.2),
            });
            b.materials.add(m);
            const mesh = new Mesh(g, m);
            mesh.name = 'lines';
            b.root.add(mesh);
          }),
      );
    }
    const results = await Promise.allSettled(tasks);
    if (this.built !== b || this.disposed) return;
    for (const r of results) {
      if (r.status === 'rejected')
        this.options.warn?.('sand table base map part failed', { error: String(r.reason) });
    }
    this.updateGround(b);
    this.ready = true;
    this.stores.sandTable.getState().sceneLoaded();
    this.requestRender();
  }

  /** Height of the bare table top (the map area sits just below it). */
  private floor(): number {
    const size = rectCentre(this.rect);
    return Math.max(size.width, size.depth) * 0.0025;
  }

  /** Height of the table surface (relief top or heightmap) at a table point. */
  private surfaceAt(b: Built, x: number, z: number): number {
    return b.surface.heightAt(x, z);
  }

  /** Ground height under each place, so markers stand on the surface. */
  private updateGround(b: Built): void {
    for (let i = 0; i < this.places.length; i++) {
      this.ground[i] = this.surfaceAt(b, this.xs[i] ?? 0, this.zs[i] ?? 0);
    }
    b.markers.setElevations(this.ground);
    // Routes, arcs and beads were laid on the bare table; lay them again on the relief.
    for (const route of b.routes) this.swapGeometry(b, route.mesh, this.routeGeometry(b, route.points));
    for (const layer of b.layers) {
      this.swapGeometry(b, layer.mesh, this.arcsGeometry(b, layer.links));
      const beads = layer.mesh.getObjectByName('beads');
      if (beads instanceof Mesh && layer.nodes.length > 0) {
        this.swapGeometry(b, beads as Mesh, this.beadsGeometry(b, layer.nodes));
      }
    }
    if (b.here && this.manifest.sandTable?.hereAt) {
      const t = this.projection.toTable(this.manifest.sandTable.hereAt.position);
      b.here.position.y = this.surfaceAt(b, t.x, t.z);
    }
    for (const n of b.nodeLabels) n.y = this.surfaceAt(b, n.x, n.z);
    this.clusterKey = '';
    this.updateClusters();
    this.requestRender();
  }

  private disposeBuilt(b: Built): void {
    b.markers.dispose();
    b.clusters.dispose();
    if (b.nav) {
      b.nav.mesh.geometry.dispose();
      b.nav.material.dispose();
    }
    for (const g of b.geometries) g.dispose();
    for (const m of b.materials) m.dispose();
    for (const t of b.textures) t.dispose();
    this.scene.remove(b.root);
    b.root.clear();
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
      (id) => this.setHovered(id === null ? -1 : (this.placeIndex.get(id) ?? -1)),
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
      (t, prev) => this.followTour(t, prev),
    );
    const s = store.getState();
    this.setSelected(s.selectedPlaceId);
    this.updateNavigation();
    if (s.tour.status === 'playing') this.followTour(s.tour, { ...s.tour, status: 'idle', id: null });
  }

  private applyFilters(): void {
    const s = this.stores.sandTable.getState();
    const span = filterSpan(s.timeFilter, sliderEras(this.manifest));
    this.visible = visiblePlaceIndices(this.places, new Set(s.hiddenCategories), span);
    for (const layer of this.built.layers)
      layer.mesh.visible = s.visibleLayers.includes(layer.id) && inSpan(layer.period, span);
    for (const route of this.built.routes) route.mesh.visible = inSpan(route.period, span);
    this.clusterKey = '';
    this.updateClusters();
    this.requestRender();
  }

  private setSelected(id: string | null): void {
    const i = id === null ? -1 : (this.placeIndex.get(id) ?? -1);
    if (this.selected >= 0)
      this.built.markers.setState(
        this.selected,
        i === this.selected ? MarkerState.selected : MarkerState.normal,
      );
    this.selected = i;
    if (i >= 0) this.built.markers.setState(i, MarkerState.selected);
    if (this.hovered >= 0 && this.hovered !== i)
      this.built.markers.setState(this.hovered, MarkerState.hovered);
    // A selected place never hides inside a cluster.
    this.clusterKey = '';
    this.updateClusters();
    this.requestRender();
  }

  private setHovered(i: number): void {
    if (i === this.hovered) return;
    if (this.hovered >= 0 && this.hovered !== this.selected)
      this.built.markers.setState(this.hovered, MarkerState.normal);
    this.hovered = i;
    if (i >= 0 && i !== this.selected) this.built.markers.setState(i, MarkerState.hovered);
    this.requestRender();
  }

  private updateNavigation(): void {
    const s = this.stores.sandTable.getState();
    const b = this.built;
    const here = this.manifest.sandTable?.hereAt;
    const want = s.cardTab === 'navigate' && s.selectedPlaceId !== null && here ? s.selectedPlaceId : null;
    if (b.nav && b.nav.placeId !== want) {
      b.root.remove(b.nav.mesh);
      b.nav.mesh.geometry.dispose();
      b.nav.material.dispose();
      b.nav = null;
    }
    if (want && !b.nav && here) {
      const i = this.placeIndex.get(want);
      if (i !== undefined) {
        const size = rectCentre(this.rect);
        const span = Math.max(size.width, size.depth);
        const a = this.projection.toTable(here.position);
        const z = { x: this.xs[i] ?? 0, z: this.zs[i] ?? 0 };
        const points = liftEnds(
          quadraticArc(a, z, arcHeight(a, z, 0.12), 48),
          this.surfaceAt(b, a.x, a.z),
          this.surfaceAt(b, z.x, z.z),
        );
        const material = createFlowMaterial(this.palette.accent, this.palette.gold, {
          pulses: 4,
          strength: 0.55,
        });
        material.uniforms.uFlow!.value = this.reducedMotion ? 0 : 1;
        const mesh = new Mesh(buildTubes([{ points, width: span * 0.006 }], 8), material);
        mesh.name = 'navigation-route';
        b.root.add(mesh);
        b.nav = { mesh, material, placeId: want };
      }
    }
    this.requestRender();
  }

  /** Where the camera goes to show a place; `beside` leaves room for the card on the right. */
  private placePose(i: number, beside = true): TablePose {
    const cur = this.pose;
    const view = Math.max(this.limits.minDistance * 1.6, this.initialPose.distance * 0.4);
    const distance = Math.min(cur.distance, view);
    const tilt = Math.max(cur.tilt, 50);
    const target = { x: this.xs[i] ?? 0, z: this.zs[i] ?? 0 };
    let pose = clampPose({ ...target, distance, tilt, heading: cur.heading }, this.limits);
    if (beside && this.insetRight > 0) {
      // Put the place in the middle of the area the card leaves free.
      const shift = (this.insetRight / 2) * unitsPerPixel(pose, FOV, this.viewport);
      const h = (pose.heading * Math.PI) / 180;
      pose = clampPose(
        { ...pose, x: pose.x + Math.cos(h) * shift, z: pose.z + Math.sin(h) * shift },
        this.limits,
      );
    }
    return pose;
  }

  private runCommand(c: NonNullable<SandTableState['cameraCommand']>['command']): void {
    switch (c.kind) {
      case 'reset':
        this.flyTo(this.initialPose);
        return;
      case 'place': {
        const i = this.placeIndex.get(c.placeId);
        if (i !== undefined) this.flyTo(this.placePose(i));
        return;
      }
      case 'preset': {
        const p = this.manifest.sandTable?.camera.presets.find((x) => x.id === c.presetId);
        if (p) this.flyTo(this.tablePose(p));
        return;
      }
      case 'pose':
        this.flyTo(this.tablePose(c.pose));
        return;
    }
  }

  private flyTo(to: TablePose): void {
    this.inertia = null;
    this.flight = {
      flight: planFlight(this.pose, clampPose(to, this.limits), { reducedMotion: this.reducedMotion }),
      elapsed: 0,
    };
    this.requestRender();
  }

  // ---------------------------------------------------------------------------------------------
  // Tours

  private shotContext(): ShotContext {
    return {
      placePose: (id) => {
        const i = this.placeIndex.get(id);
        return i === undefined ? null : this.placePose(i, false);
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
      clamp: (p) => clampPose(p, this.limits),
    };
  }

  private followTour(t: SandTableState['tour'], prev: SandTableState['tour']): void {
    this.options.signal?.('sandTour', t.id ? `${t.status}:${t.shot}` : 'idle');
    const store = this.stores.sandTable;
    if (
      t.id !== prev.id ||
      (t.status === 'playing' &&
        (prev.status === 'idle' || prev.status === 'finished' || prev.status === 'interrupted'))
    ) {
      this.tour?.stop();
      this.tour = null;
      const tour = this.manifest.sandTable?.tours.find((x) => x.id === t.id);
      if (!tour || t.status !== 'playing') return;
      this.flight = null;
      this.inertia = null;
      const lang = () => this.language;
      const def = this.manifest.defaultLanguage;
      this.tour = new TourRunner(
        tour,
        this.shotContext(),
        {
          narrationUrl: (id) => {
            const m = this.manifest.media[id];
            const src = m ? mediaSrcFor(m, lang(), def) : undefined;
            return src ? this.content.url(src) : null;
          },
          captionsUrl: (id) => {
            const caps = this.manifest.media[id]?.captions;
            const path = caps ? (caps[lang()] ?? caps[def] ?? Object.values(caps)[0]) : undefined;
            return path ? this.content.url(path) : null;
          },
          captionText: (shot: Shot) => localize(shot.caption, lang(), def),
          fetchText: async (url) => {
            const r = await (this.options.fetch ?? fetch)(url);
            if (!r.ok) throw new Error(`${url} answered ${r.status}`);
            return r.text();
          },
          createAudio: () => this.canvas.ownerDocument.createElement('audio'),
        },
        { get: () => this.pose, set: (p) => (this.pose = p) },
        {
          onShot: (i) => store.getState().tourShotStarted(i),
          onCaption: (text) => store.getState().tourCaptionChanged(text),
          onFinished: () => store.getState().tourFinished(),
        },
        this.reducedMotion,
      );
      this.tour.start();
      this.requestRender();
      return;
    }
    if (!this.tour) return;
    switch (t.status) {
      case 'paused':
        this.tour.pause();
        return;
      case 'playing':
        this.tour.resume();
        this.requestRender();
        return;
      case 'idle':
      case 'finished':
      case 'interrupted':
        this.tour.stop();
        this.tour = null;
        return;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  private listen(): void {
    const detach = attachCanvasInput(this.canvas, () => this.viewport, {
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
    this.selected = -1;
    this.hovered = -1;
    this.applyFilters();
    this.setSelected(s.selectedPlaceId);
    this.updateNavigation();
    void this.loadBase(this.built);
  }

  private apply(intents: readonly GestureIntent[]): void {
    if (intents.length === 0) return;
    const vp = this.viewport;
    // A mouse gliding over the table changes nothing by itself: a new hover target re-renders
    // through the store (setHovered), so hover-only batches need no frame.
    let changed = false;
    for (const it of intents) {
      if (it.kind !== 'hover') changed = true;
      switch (it.kind) {
        case 'begin': {
          this.flight = null;
          this.inertia = null;
          const t = this.stores.sandTable.getState().tour;
          if (t.status === 'playing' || t.status === 'paused')
            this.stores.sandTable.getState().visitorTookOver();
          break;
        }
        case 'orbit':
          this.pose = orbit(this.pose, (it.dx * 180) / vp.width, (it.dy * 90) / vp.height, this.limits);
          break;
        case 'pan':
          this.pose = panBetween(
            this.pose,
            { x: it.fromX, y: it.fromY },
            { x: it.toX, y: it.toY },
            FOV,
            vp,
            this.limits,
          );
          break;
        case 'zoom':
          this.pose = zoomAt(this.pose, it.factor, { x: it.x, y: it.y }, FOV, vp, this.limits);
          break;
        case 'rotate':
          this.pose = rotateAt(this.pose, it.degrees, { x: it.x, y: it.y }, FOV, vp, this.limits);
          break;
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
        case 'fling':
          if (!this.reducedMotion) this.inertia = { mode: it.mode, vx: it.vx, vy: it.vy, x: it.x, y: it.y };
          break;
        case 'end':
          break;
      }
    }
    if (changed) this.requestRender();
  }

  /** Finger-sized pick radius: generous on touch, tighter for a mouse. */
  private pickRadius(pointer: PointerKind): number {
    const base = Math.min(this.viewport.width, this.viewport.height);
    return pointer === 'mouse' ? Math.max(14, base * 0.018) : Math.max(26, base * 0.035);
  }

  private pick(x: number, y: number, radius: number): { kind: 'place' | 'cluster'; index: number } | null {
    this.projectHeads();
    const singles = this.clustering.singles;
    // Reused between picks: a mouse hovers on every move.
    if (this.pickScreen.length < singles.length * 3) this.pickScreen = new Float32Array(singles.length * 3);
    const screen = this.pickScreen;
    singles.forEach((i, k) => {
      screen[k * 3] = this.headScreen[i * 3] ?? Number.NaN;
      screen[k * 3 + 1] = this.headScreen[i * 3 + 1] ?? Number.NaN;
      screen[k * 3 + 2] = this.headScreen[i * 3 + 2] ?? -1;
    });
    const place = pickNearest(screen, singles.length, x, y, radius);
    const cluster = pickNearest(this.clusterScreen, this.clustering.clusters.length, x, y, radius * 1.3);
    if (place >= 0 && cluster >= 0) {
      const pi = singles[place] as number;
      const dp = Math.hypot((this.headScreen[pi * 3] ?? 0) - x, (this.headScreen[pi * 3 + 1] ?? 0) - y);
      const dc = Math.hypot(
        (this.clusterScreen[cluster * 3] ?? 0) - x,
        (this.clusterScreen[cluster * 3 + 1] ?? 0) - y,
      );
      return dp <= dc ? { kind: 'place', index: pi } : { kind: 'cluster', index: cluster };
    }
    if (place >= 0) return { kind: 'place', index: singles[place] as number };
    if (cluster >= 0) return { kind: 'cluster', index: cluster };
    return null;
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
    const cl = this.clustering.clusters[hit.index];
    if (!cl) return;
    // Come closer: halve the distance or more, centred on the cluster.
    const ll = this.projection.toLonLat({ x: cl.x, z: cl.z });
    const distance = Math.max(this.limits.minDistance, this.pose.distance * 0.4);
    store.clusterTapped({
      target: ll,
      distance,
      tilt: Math.max(5, Math.min(90, this.pose.tilt)),
      heading: this.pose.heading,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Frame

  private readonly frame = (now: number): void => {
    this.rafId = 0;
    if (this.disposed || this.contextLost) return;
    const dt = this.lastFrameAt === 0 ? 16 : Math.min(100, now - this.lastFrameAt);
    this.lastFrameAt = now;
    let animating = false;
    if (this.flight) {
      this.flight.elapsed += dt;
      this.pose = clampPose(poseAt(this.flight.flight, this.flight.elapsed), this.limits);
      if (this.flight.elapsed >= this.flight.flight.durationMs) this.flight = null;
      else animating = true;
    }
    if (this.inertia) {
      const step = stepInertia(this.inertia, dt);
      const s = this.inertia;
      if (s.mode === 'orbit') {
        this.pose = orbit(
          this.pose,
          (step.dx * 180) / this.viewport.width,
          (step.dy * 90) / this.viewport.height,
          this.limits,
        );
      } else {
        this.pose = panBetween(
          this.pose,
          { x: s.x, y: s.y },
          { x: s.x + step.dx, y: s.y + step.dy },
          FOV,
          this.viewport,
          this.limits,
        );
      }
      this.inertia = step.next;
      if (this.inertia) animating = true;
    }
    if (this.tour && this.tour.update(dt)) animating = true;
    const flowing =
      !this.reducedMotion &&
      (this.built.layers.some((l) => l.mesh.visible) || !!this.built.nav?.mesh.visible);
    if (flowing) {
      this.flowTime += dt / 1000;
      for (const l of this.built.layers) l.material.uniforms.uTime!.value = this.flowTime;
      if (this.built.nav) this.built.nav.material.uniforms.uTime!.value = this.flowTime;
    }
    this.animating = animating || flowing;
    // The camera moved (flight, fling or tour).
    if (animating) this.viewDirty = true;
    // Flowing arcs alone need only ~30 frames a second.
    if (!animating && flowing && now - this.lastArcAt < ARC_FRAME_MS) {
      this.scheduleFrame();
      return;
    }
    this.lastArcAt = now;
    this.render();
    if (animating || flowing) this.scheduleFrame();
    else this.lastFrameAt = 0;
  };

  private markerScale(): number {
    return this.pose.distance * MARKER_SIZE;
  }

  /** Head positions (label anchors, pick targets) for the current marker scale, projected. */
  private projectHeads(): void {
    const scale = this.markerScale();
    const headY = MARKER_HEAD_Y * scale;
    const n = this.places.length;
    for (let i = 0; i < n; i++) {
      this.headXYZ[i * 3] = this.xs[i] ?? 0;
      this.headXYZ[i * 3 + 1] = (this.ground[i] ?? 0) + headY;
      this.headXYZ[i * 3 + 2] = this.zs[i] ?? 0;
    }
    const basis = basisOf(this.pose, FOV, this.viewport);
    projectMany(basis, this.viewport, this.headXYZ, this.headScreen);
    const clusters = this.clustering.clusters;
    if (this.clusterXYZ.length < clusters.length * 3) {
      this.clusterXYZ = new Float32Array(clusters.length * 3);
      this.clusterScreen = new Float32Array(clusters.length * 3);
    }
    clusters.forEach((c, k) => {
      this.clusterXYZ[k * 3] = c.x;
      this.clusterXYZ[k * 3 + 1] = (this.ground[c.members[0] ?? 0] ?? 0) + headY;
      this.clusterXYZ[k * 3 + 2] = c.z;
    });
    projectMany(basis, this.viewport, this.clusterXYZ.subarray(0, clusters.length * 3), this.clusterScreen);
  }

  /**
   * The part of the table on screen (corners of the viewport cast onto the table), or null when
   * the view reaches the horizon and everything may be on screen.
   */
  private viewRect(): TableRect | null {
    const basis = basisOf(this.pose, FOV, this.viewport);
    const { width: w, height: h } = this.viewport;
    const corners = [
      { x: 0, y: 0 },
      { x: w, y: 0 },
      { x: 0, y: h },
      { x: w, y: h },
    ].map((s) => groundPointAt(basis, this.viewport, s));
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minZ = Number.POSITIVE_INFINITY;
    let maxZ = Number.NEGATIVE_INFINITY;
    for (const c of corners) {
      if (!c) return null;
      minX = Math.min(minX, c.x);
      maxX = Math.max(maxX, c.x);
      minZ = Math.min(minZ, c.z);
      maxZ = Math.max(maxZ, c.z);
    }
    return { minX, maxX, minZ, maxZ };
  }

  /**
   * Which places to draw and how: re-clusters when the zoom level, the visible set or the
   * selection changed, and culls instances to a margin around the view (re-culled when the view
   * leaves it), so a close view of 10,000 places draws only those near the screen.
   */
  private updateClusters(): void {
    // Close to the nearest zoom the visitor must be able to separate every marker; the naive
    // baseline never clusters (that is what makes it naive).
    const clusterOn =
      this.options.baseline !== 'naive' &&
      this.pose.distance > this.limits.minDistance * 2.2 &&
      this.viewport.width > 1;
    const cell = clusterOn ? quantiseCell(CLUSTER_MARKERS * this.markerScale()) : 0;
    const view = this.options.baseline === 'naive' ? null : this.viewRect();
    const cull = this.cullRect;
    const covered =
      view === null
        ? cull === null
        : cull !== null &&
          view.minX >= cull.minX &&
          view.maxX <= cull.maxX &&
          view.minZ >= cull.minZ &&
          view.maxZ <= cull.maxZ &&
          // Zoomed far in since the last cull: tighten it.
          (cull.maxX - cull.minX) * (cull.maxZ - cull.minZ) <
            9 * (view.maxX - view.minX) * (view.maxZ - view.minZ);
    if (!covered) {
      this.cullGeneration++;
      if (view) {
        const mx = (view.maxX - view.minX) * 0.15;
        const mz = (view.maxZ - view.minZ) * 0.15;
        this.cullRect = {
          minX: view.minX - mx,
          maxX: view.maxX + mx,
          minZ: view.minZ - mz,
          maxZ: view.maxZ + mz,
        };
      } else {
        this.cullRect = null;
      }
    }
    const key = `${cell}|${this.visible.length}|${this.selected}|${this.cullGeneration}`;
    if (key === this.clusterKey) return;
    this.clusterKey = key;
    const r = this.cullRect;
    const inView = (i: number) => {
      if (!r) return true;
      const x = this.xs[i] ?? 0;
      const z = this.zs[i] ?? 0;
      return x >= r.minX && x <= r.maxX && z >= r.minZ && z <= r.maxZ;
    };
    const candidates = this.visible.filter((i) => i !== this.selected && inView(i));
    const c = clusterGrid(this.xs, this.zs, candidates, cell);
    if (this.selected >= 0 && this.visible.includes(this.selected)) c.singles.push(this.selected);
    this.clustering = c;
    this.drawnAs.fill(0);
    for (const i of c.singles) this.drawnAs[i] = 1;
    for (const cl of c.clusters) for (const m of cl.members) this.drawnAs[m] = 2;
    this.built.markers.show(c.singles);
    if (this.hovered >= 0) {
      this.built.markers.setState(
        this.hovered,
        this.hovered === this.selected ? MarkerState.selected : MarkerState.hovered,
      );
    }
    if (this.selected >= 0) this.built.markers.setState(this.selected, MarkerState.selected);
    const categories = new Map(this.manifest.categories.map((cat) => [cat.id, cat.color]));
    const items: ClusterItem[] = c.clusters.map((cl) => {
      const colours = new Set(cl.members.map((m) => this.places[m]?.category));
      const only = colours.size === 1 ? categories.get([...colours][0] ?? '') : undefined;
      return {
        x: cl.x,
        y: this.ground[cl.members[0] ?? 0] ?? 0,
        z: cl.z,
        color: only ?? this.clusterColour,
        count: cl.members.length,
      };
    });
    this.built.clusters.show(items);
  }

  /** Renders one frame now. */
  private render(): void {
    const t0 = performance.now();
    const pose = this.pose;
    const basis = basisOf(pose, FOV, this.viewport);
    this.camera.position.set(basis.eye.x, basis.eye.y, basis.eye.z);
    this.camera.rotation.set((-pose.tilt * Math.PI) / 180, (-pose.heading * Math.PI) / 180, 0, 'YXZ');
    const size = rectCentre(this.rect);
    const span = Math.max(size.width, size.depth);
    this.camera.near = Math.max(pose.distance * 0.01, span * 1e-4);
    this.camera.far = pose.distance * 4 + span * 4;
    this.camera.updateProjectionMatrix();
    if (this.scene.fog instanceof Fog) {
      this.scene.fog.near = pose.distance * 1.2 + span * 0.3;
      this.scene.fog.far = pose.distance * 3 + span * 2.5;
    }
    const scale = this.markerScale();
    this.built.markers.setScale(scale);
    if (this.built.here) this.built.here.scale.setScalar(scale * 1.1);
    if (this.viewDirty) {
      this.viewDirty = false;
      this.updateClusters();
      this.projectHeads();
      this.layoutLabels();
    }
    this.renderer.render(this.scene, this.camera);
    const ms = performance.now() - t0;
    this.frameMs = ms;
    this.avgFrameMs = this.frames === 0 ? ms : this.avgFrameMs * 0.9 + ms * 0.1;
    this.frames++;
    this.options.signal?.('sandFrames', String(this.frames));
    if (this.ready && this.frames > 0) this.options.signal?.('sceneReady', 'true');
  }

  private readLabelFont(el: Element): number {
    const view = el.ownerDocument.defaultView;
    const px = view ? parseFloat(view.getComputedStyle(el.ownerDocument.documentElement).fontSize) : 16;
    return Math.max(12, (Number.isFinite(px) ? px : 16) * 0.82);
  }

  private layoutLabels(): void {
    const vp = this.viewport;
    const s = this.stores.sandTable.getState();
    const lang = this.language;
    const def = this.manifest.defaultLanguage;
    const other = this.manifest.languages.find((l) => l !== lang);
    const font = this.labelFontPx;
    const zoom01 =
      1 -
      Math.log(this.pose.distance / this.limits.minDistance) /
        Math.max(1e-6, Math.log(this.limits.maxDistance / this.limits.minDistance));
    const cutoff = rankCutoff(zoom01, this.places.length);
    const candidates: LabelCandidate[] = [];
    const content = new Map<string, LabelContent>();
    const inView = (x: number, y: number, d: number) =>
      d > 0 && x > -50 && y > -50 && x < vp.width + 50 && y < vp.height + 50;
    for (const i of this.clustering.singles) {
      const x = this.headScreen[i * 3] ?? 0;
      const y = this.headScreen[i * 3 + 1] ?? 0;
      const d = this.headScreen[i * 3 + 2] ?? -1;
      const sel = i === this.selected;
      const hov = i === this.hovered;
      if (!inView(x, y, d) || (i >= cutoff && !sel && !hov)) continue;
      const p = this.places[i] as Place;
      const primary = localize(p.name, lang, def);
      const secondary = sel && other ? localize(p.name, other, def) : '';
      const key = `p:${p.id}`;
      const w =
        Math.max(
          estimateTextWidth(primary, font),
          secondary ? estimateTextWidth(secondary, font * 0.78) : 0,
        ) + font;
      const h = font * (secondary ? 2.4 : 1.5);
      candidates.push({
        key,
        x,
        y: y - font * 0.4,
        width: w,
        height: h,
        priority: sel ? 1e9 : hov ? 1e8 : this.places.length - i,
      });
      content.set(key, {
        primary,
        ...(secondary && secondary !== primary ? { secondary } : {}),
        kind: 'place',
        selected: sel,
      });
    }
    this.clustering.clusters.forEach((c, k) => {
      const x = this.clusterScreen[k * 3] ?? 0;
      const y = this.clusterScreen[k * 3 + 1] ?? 0;
      const d = this.clusterScreen[k * 3 + 2] ?? -1;
      if (!inView(x, y, d)) return;
      const key = `c:${k}`;
      const text = String(c.members.length);
      candidates.push({
        key,
        x,
        y: y + font * 1.1,
        width: estimateTextWidth(text, font) + font * 0.8,
        height: font * 1.4,
        priority: 1e7 + c.members.length,
      });
      content.set(key, { primary: text, kind: 'cluster' });
    });
    const hereAt = this.manifest.sandTable?.hereAt;
    if (hereAt && this.built.here) {
      const p = this.built.here.position;
      const sp = projectPoint(basisOf(this.pose, FOV, vp), vp, {
        x: p.x,
        y: p.y + 2.2 * this.markerScale() * 1.1,
        z: p.z,
      });
      if (sp && inView(sp.x, sp.y, sp.depth)) {
        const text = localize(hereAt.label, lang, def);
        candidates.push({
          key: 'here',
          x: sp.x,
          y: sp.y,
          width: estimateTextWidth(text, font) + font,
          height: font * 1.5,
          priority: 5e8,
        });
        content.set('here', { primary: text, kind: 'here' });
      }
    }
    if (s.visibleLayers.length > 0) {
      const basis = basisOf(this.pose, FOV, vp);
      for (const n of this.built.nodeLabels) {
        if (!this.built.layers.find((l) => l.id === n.layerId)?.mesh.visible) continue;
        const sp = projectPoint(basis, vp, { x: n.x, y: n.y, z: n.z });
        if (!sp || !inView(sp.x, sp.y, sp.depth)) continue;
        const text = localize(n.text, lang, def);
        candidates.push({
          key: n.key,
          x: sp.x,
          y: sp.y + font * 2.2,
          width: estimateTextWidth(text, font * 0.9) + font,
          height: font * 1.4,
          priority: 1e6,
        });
        content.set(n.key, { primary: text, kind: 'node' });
      }
    }
    const placed = layoutLabels(candidates, {
      viewportWidth: vp.width,
      viewportHeight: vp.height,
      budget: this.labels.capacity,
      padding: 4,
      offset: font * 0.35,
    });
    this.labelsShown = this.labels.update(placed, (key) => content.get(key));
  }
}
