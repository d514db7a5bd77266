/**
 * The names on the table: gathers what the label placer reads each view (projected marker heads
 * and cluster tokens from the marker field, with each token's size on screen, "you are here" and
 * the chain nodes of visible layers, the free part of the screen, a budget that grows as the
 * camera comes close), runs the placer and shows the result in the HTML label layer.
 */
import type { LocalizedText, PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { CameraBasis, CameraLimits } from './camera-math';
import { tokenRingRadius } from './clustering';
import { projectPoint } from './camera-math';
import { LabelLayer } from './label-layer';
import type { LabelScene, PlaceNames } from './label-placer';
import { labelBudget, LabelPlacer, zoom01Of } from './label-placer';
import type { MarkerField } from './marker-field';
import type { ScreenRect, TablePose, Viewport } from './types';

/** Most labels on screen at once (the label layer's pool). */
export const LABEL_BUDGET = 64;

type Extra = LabelScene['extras'][number];
type Point3 = { x: number; y: number; z: number };

/** The parts of the built scene that carry labels (structural, so tests need no WebGL). */
export type LabelledScene = {
  here: { position: Point3 } | null;
  layers: readonly { id: string; mesh: { visible: boolean } }[];
  nodeLabels: readonly (Point3 & { key: string; layerId: string; text: LocalizedText })[];
};

/** Label text size (px) for a page: 0.82 of the root font size, at least 12. */
export function labelFontOf(el: Element): number {
  const view = el.ownerDocument.defaultView;
  const px = view ? parseFloat(view.getComputedStyle(el.ownerDocument.documentElement).fontSize) : 16;
  return Math.max(12, (Number.isFinite(px) ? px : 16) * 0.82);
}

/** Place names in `language()` and, second, in the pack's other language. */
export function placeNames(
  manifest: PackManifest,
  places: readonly Place[],
  language: () => string,
): PlaceNames {
  const def = manifest.defaultLanguage;
  return {
    primary: (i) => {
      const p = places[i];
      return p ? localize(p.name, language(), def) : '';
    },
    secondary: (i) => {
      const p = places[i];
      const other = manifest.languages.find((x) => x !== language());
      return p && other ? localize(p.name, other, def) : '';
    },
  };
}

/**
 * The anchored labels that are not places: "you are here" above its marker (`hereLift` table
 * units above its base) and the nodes of chain layers that are shown, projected; into `out`.
 */
export function collectExtras(
  out: Extra[],
  scene: LabelledScene,
  here: { label: LocalizedText; lift: number } | null,
  basis: CameraBasis,
  vp: Viewport,
  lang: string,
  def: string,
): void {
  out.length = 0;
  if (here && scene.here) {
    const p = scene.here.position;
    const sp = projectPoint(basis, vp, { x: p.x, y: p.y + here.lift, z: p.z });
    if (sp) out.push({ key: 'here', kind: 'here', text: localize(here.label, lang, def), x: sp.x, y: sp.y });
  }
  if (!scene.layers.some((l) => l.mesh.visible)) return;
  for (const n of scene.nodeLabels) {
    if (!scene.layers.find((l) => l.id === n.layerId)?.mesh.visible) continue;
    const sp = projectPoint(basis, vp, { x: n.x, y: n.y, z: n.z });
    if (sp) out.push({ key: n.key, kind: 'node', text: localize(n.text, lang, def), x: sp.x, y: sp.y });
  }
}

/**
 * Each cluster token's ring radius on screen (px) into `out`: its radius in table units (the ring
 * × the size its count gives it × the marker scale) times the pixels a table unit spans at its
 * depth (0 behind the eye). `screen` holds the tokens' projected x, y, depth.
 */
export function tokenRadiiPx(
  counts: readonly number[],
  screen: Float32Array,
  v: { viewport: Viewport; basis: CameraBasis; markerScale: number },
  out: Float32Array,
): void {
  const pxPerUnitAtDepth1 = v.viewport.height / 2 / v.basis.tanHalfFov;
  for (let k = 0; k < counts.length; k++) {
    const depth = screen[k * 3 + 2] ?? -1;
    out[k] = depth > 0 ? (tokenRingRadius(counts[k] ?? 0, v.markerScale) * pxPerUnitAtDepth1) / depth : 0;
  }
}

export type LabelView = {
  basis: CameraBasis;
  viewport: Viewport;
  pose: TablePose;
  limits: CameraLimits;
  safe: ScreenRect;
  /** Current marker scale ("you are here" label sits above its scaled marker). */
  markerScale: number;
  scene: LabelledScene;
  language: string;
  /** The camera is moving: the names on screen keep their places first (LabelScene.sticky). */
  sticky: boolean;
};

export class LabelHost {
  readonly placer: LabelPlacer;
  readonly layer: LabelLayer;
  readonly names: PlaceNames;
  private readonly extras: Extra[] = [];
  private readonly clusterCounts: number[] = [];
  private clusterRadii = new Float32Array(0);
  private readonly scene: LabelScene;
  private fontPxNow: number;

  constructor(
    host: HTMLElement,
    private readonly manifest: PackManifest,
    places: readonly Place[],
    private readonly field: MarkerField,
    language: () => string,
  ) {
    this.layer = new LabelLayer(host, LABEL_BUDGET);
    this.placer = new LabelPlacer(
      LABEL_BUDGET,
      places.map((p) => p.id),
    );
    this.fontPxNow = labelFontOf(host);
    this.names = placeNames(manifest, places, language);
    this.scene = {
      headScreen: field.headScreen,
      drawnAs: field.drawnAs,
      drawn: field.clustering.singles,
      selected: -1,
      hovered: -1,
      clusterScreen: field.clusterScreen,
      clusterCounts: this.clusterCounts,
      extras: this.extras,
      bounds: { left: 0, top: 0, right: 1, bottom: 1 },
      fontPx: this.fontPxNow,
      budget: 12,
      sticky: false,
    };
  }

  get fontPx(): number {
    return this.fontPxNow;
  }

  /** Re-reads the text size from the page (large-text preset); returns it. */
  restyle(fallback: Element): number {
    this.fontPxNow = labelFontOf(this.layer.root.parentElement ?? fallback);
    this.placer.invalidateNames();
    return this.fontPxNow;
  }

  /** The language changed: names are measured again. */
  invalidateNames(): void {
    this.placer.invalidateNames();
  }

  /** Lays the labels out for the field's current projection and shows them. */
  layout(v: LabelView): void {
    const clusters = this.field.clustering.clusters;
    this.clusterCounts.length = clusters.length;
    for (let k = 0; k < clusters.length; k++) this.clusterCounts[k] = clusters[k]?.members.length ?? 0;
    if (this.clusterRadii.length < clusters.length) this.clusterRadii = new Float32Array(clusters.length * 2);
    tokenRadiiPx(this.clusterCounts, this.field.clusterScreen, v, this.clusterRadii);
    const hereAt = this.manifest.sandTable?.hereAt;
    collectExtras(
      this.extras,
      v.scene,
      hereAt ? { label: hereAt.label, lift: 2.2 * v.markerScale * 1.1 } : null,
      v.basis,
      v.viewport,
      v.language,
      this.manifest.defaultLanguage,
    );
    const scene = this.scene;
    scene.clusterScreen = this.field.clusterScreen;
    scene.drawn = this.field.clustering.singles;
    scene.clusterRadiusPx = this.clusterRadii;
    scene.selected = this.field.selected;
    scene.hovered = this.field.hovered;
    scene.bounds = v.safe;
    scene.fontPx = this.fontPxNow;
    scene.sticky = v.sticky;
    scene.budget = labelBudget(
      zoom01Of(v.pose.distance, v.limits.minDistance, v.limits.maxDistance),
      LABEL_BUDGET,
    );
    this.placer.layout(scene, this.names);
    this.layer.update(this.placer.placed, this.placer.count);
  }

  dispose(): void {
    this.layer.dispose();
  }
}
