/**
 * Place markers drawn with instancing: one `InstancedMesh` per marker shape, so the draw calls
 * depend on the number of shapes in the pack, never on the number of places. Colour is per
 * instance; hovered/selected/dimmed ride on an instanced `aState` attribute read by the shader.
 *
 * Marker space: a unit-wide head floating on a thin stem, standing on the table; the shader scales
 * it by `uScale` so markers keep their size on screen as the camera moves.
 */
import {
  BoxGeometry,
  BufferAttribute,
  Color,
  CylinderGeometry,
  ExtrudeGeometry,
  Group,
  InstancedBufferAttribute,
  InstancedMesh,
  Mesh,
  MeshLambertMaterial,
  OctahedronGeometry,
  Shape,
} from 'three';
import type { BufferGeometry, Material, ShaderMaterial } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { Category } from '../../../electron/shared/pack-schema';
import { clusterTokenSize, TOKEN_RING_RADIUS } from './clustering';

export type MarkerShape = Category['shape'];

/** Marker states as the shader reads them. */
export const MarkerState = { normal: 0, hovered: 1, selected: 2, dimmed: 3 } as const;
export type MarkerStateValue = (typeof MarkerState)[keyof typeof MarkerState];

/**
 * Has three.js upload only the first `count` instances of `attribute` at the next draw: what a
 * mesh of `count` instances reads. Without a range it uploads the whole array, every place the
 * mesh could hold (at 10,000 places 640 KB of matrices for the ~1,000 a close view draws, at each
 * re-cluster of a pinch or a flight; bench sand, issue 15). No instances: nothing to upload.
 */
export function uploadFirst(attribute: BufferAttribute, count: number): void {
  attribute.clearUpdateRanges();
  if (count <= 0) return;
  attribute.addUpdateRange(0, count * attribute.itemSize);
  attribute.needsUpdate = true;
}

/** Height of the head's centre in marker units (multiply by the scale for table units). */
export const MARKER_HEAD_Y = 1.45;

function part(g: BufferGeometry, value: number): BufferGeometry {
  const n = g.index ? g.toNonIndexed() : g;
  if (n !== g) g.dispose();
  n.deleteAttribute('uv');
  const count = n.getAttribute('position').count;
  n.setAttribute('aPart', new BufferAttribute(new Float32Array(count).fill(value), 1));
  return n;
}

function flatShape(points: readonly [number, number][], depth: number): BufferGeometry {
  const shape = new Shape();
  points.forEach(([x, y], i) => (i === 0 ? shape.moveTo(x, y) : shape.lineTo(x, y)));
  shape.closePath();
  const g = new ExtrudeGeometry(shape, { depth, bevelEnabled: false });
  // Lay it flat, centred on its thickness.
  g.translate(0, 0, -depth / 2);
  g.rotateX(-Math.PI / 2);
  return g;
}

function starPoints(spikes: number, outer: number, inner: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < spikes * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = Math.PI / 2 + (i * Math.PI) / spikes;
    pts.push([Math.cos(a) * r, Math.sin(a) * r]);
  }
  return pts;
}

/** Head geometry of a shape, centred at the origin, about one unit wide. */
function headOf(shape: MarkerShape): BufferGeometry {
  switch (shape) {
    case 'circle':
      return new CylinderGeometry(0.5, 0.5, 0.3, 16);
    case 'square':
      return new BoxGeometry(0.82, 0.3, 0.82);
    case 'diamond': {
      const g = new OctahedronGeometry(0.55);
      g.scale(1, 1.15, 1);
      return g;
    }
    case 'star':
      return flatShape(starPoints(5, 0.62, 0.27), 0.28);
    case 'triangle':
      return flatShape(
        [
          [0, 0.6],
          [-0.56, -0.38],
          [0.56, -0.38],
        ],
        0.3,
      );
    case 'flag': {
      // A pennant standing up beside the top of the stem.
      const g = new BoxGeometry(0.72, 0.46, 0.06);
      g.translate(0.36, 0.12, 0);
      return g;
    }
  }
}

/** Stem, foot and head merged, with `aPart` 0 for the stem/foot and 1 for the head. */
export function markerGeometry(shape: MarkerShape): BufferGeometry {
  const stem = new CylinderGeometry(0.055, 0.055, MARKER_HEAD_Y, 6);
  stem.translate(0, MARKER_HEAD_Y / 2, 0);
  const foot = new CylinderGeometry(0.2, 0.24, 0.05, 10);
  foot.translate(0, 0.025, 0);
  const head = headOf(shape);
  head.translate(0, MARKER_HEAD_Y, 0);
  const parts = [part(stem, 0), part(foot, 0), part(head, 1)];
  const merged = mergeGeometries(parts, false);
  for (const p of parts) p.dispose();
  merged.computeBoundingSphere();
  return merged;
}

/** Geometry of a cluster token: a wide disc on a stem. */
export function clusterGeometry(): BufferGeometry {
  const stem = new CylinderGeometry(0.06, 0.06, MARKER_HEAD_Y, 6);
  stem.translate(0, MARKER_HEAD_Y / 2, 0);
  const disc = new CylinderGeometry(0.62, 0.62, 0.34, 24);
  disc.translate(0, MARKER_HEAD_Y, 0);
  const ring = new CylinderGeometry(TOKEN_RING_RADIUS, TOKEN_RING_RADIUS, 0.12, 24);
  ring.translate(0, MARKER_HEAD_Y, 0);
  const parts = [part(stem, 0), part(ring, 0), part(disc, 1)];
  const merged = mergeGeometries(parts, false);
  for (const p of parts) p.dispose();
  return merged;
}

/** One marker to draw. */
export type MarkerItem = { x: number; y: number; z: number; color: string; shape: MarkerShape };

/** What a marker layer offers the scene; the instanced and the naive one both implement it. */
export type MarkerLayer = {
  readonly object: Group;
  /** Draws exactly these items (indices into the constructor's list). */
  show(indices: readonly number[]): void;
  setState(index: number, state: MarkerStateValue): void;
  /** Table-unit size of a marker (the shader/scale uniform). */
  setScale(scale: number): void;
  /** Ground height under each item; takes effect at the next `show`. */
  setElevations(ys: ArrayLike<number>): void;
  /** Number of items drawn. */
  readonly shownCount: number;
  dispose(): void;
};

type ShapeMesh = { mesh: InstancedMesh; state: InstancedBufferAttribute; items: Int32Array };

/** Markers as one InstancedMesh per shape. */
export class InstancedMarkers implements MarkerLayer {
  readonly object = new Group();
  private readonly meshes = new Map<MarkerShape, ShapeMesh>();
  private readonly colors: Color[];
  private readonly states: Uint8Array;
  private readonly slotOf: Int32Array;
  private readonly ys: Float32Array;
  private shown = 0;

  constructor(
    private readonly items: readonly MarkerItem[],
    private readonly material: ShaderMaterial,
  ) {
    this.object.name = 'markers';
    this.colors = items.map((it) => new Color(it.color));
    this.states = new Uint8Array(items.length);
    this.slotOf = new Int32Array(items.length).fill(-1);
    this.ys = Float32Array.from(items, (it) => it.y);
    const capacity = new Map<MarkerShape, number>();
    for (const it of items) capacity.set(it.shape, (capacity.get(it.shape) ?? 0) + 1);
    for (const [shape, n] of capacity) {
      const geometry = markerGeometry(shape);
      const state = new InstancedBufferAttribute(new Float32Array(n), 1);
      geometry.setAttribute('aState', state);
      const mesh = new InstancedMesh(geometry, material, n);
      mesh.name = `markers-${shape}`;
      // Instances spread over the whole table; culling the mesh as one would only risk popping.
      mesh.frustumCulled = false;
      // Give the mesh an instanceColor attribute before the first compile (the shader reads it).
      mesh.setColorAt(0, new Color(1, 1, 1));
      mesh.count = 0;
      this.meshes.set(shape, { mesh, state, items: new Int32Array(n).fill(-1) });
      this.object.add(mesh);
    }
  }

  get shownCount(): number {
    return this.shown;
  }

  /** Number of InstancedMeshes (one per shape in use). */
  get meshCount(): number {
    return this.meshes.size;
  }

  /** The mesh and slot an item is drawn in, or null when it is not shown (for tests). */
  slot(index: number): { mesh: InstancedMesh; slot: number } | null {
    const it = this.items[index];
    const s = this.slotOf[index] ?? -1;
    const m = it ? this.meshes.get(it.shape) : undefined;
    return m && s >= 0 ? { mesh: m.mesh, slot: s } : null;
  }

  show(indices: readonly number[]): void {
    for (const m of this.meshes.values()) m.mesh.count = 0;
    this.slotOf.fill(-1);
    let shown = 0;
    for (const i of indices) {
      const it = this.items[i];
      const m = it ? this.meshes.get(it.shape) : undefined;
      if (!it || !m) continue;
      const slot = m.mesh.count++;
      const a = m.mesh.instanceMatrix.array as Float32Array;
      const o = slot * 16;
      a.fill(0, o, o + 16);
      a[o] = 1;
      a[o + 5] = 1;
      a[o + 10] = 1;
      a[o + 12] = it.x;
      a[o + 13] = this.ys[i] ?? it.y;
      a[o + 14] = it.z;
      a[o + 15] = 1;
      m.mesh.setColorAt(slot, this.colors[i] as Color);
      (m.state.array as Float32Array)[slot] = this.states[i] ?? 0;
      m.items[slot] = i;
      this.slotOf[i] = slot;
      shown++;
    }
    for (const m of this.meshes.values()) {
      const n = m.mesh.count;
      uploadFirst(m.mesh.instanceMatrix, n);
      if (m.mesh.instanceColor) uploadFirst(m.mesh.instanceColor, n);
      uploadFirst(m.state, n);
    }
    this.shown = shown;
  }

  setState(index: number, state: MarkerStateValue): void {
    if (this.states[index] === state) return;
    this.states[index] = state;
    const it = this.items[index];
    const slot = this.slotOf[index] ?? -1;
    const m = it ? this.meshes.get(it.shape) : undefined;
    if (!m || slot < 0) return;
    (m.state.array as Float32Array)[slot] = state;
    m.state.addUpdateRange(slot, 1);
    m.state.needsUpdate = true;
  }

  setElevations(ys: ArrayLike<number>): void {
    for (let i = 0; i < this.ys.length; i++) this.ys[i] = ys[i] ?? 0;
  }

  setScale(scale: number): void {
    const u = this.material.uniforms.uScale;
    if (u) u.value = scale;
  }

  dispose(): void {
    for (const m of this.meshes.values()) {
      m.mesh.geometry.dispose();
      m.mesh.dispose();
    }
    this.meshes.clear();
    this.object.clear();
  }
}

/**
 * The naive way, kept as a benchmark baseline (`?baseline=naive`): one Mesh and one material per
 * place. Same look from afar; draw calls grow with the number of places.
 */
export class NaiveMarkers implements MarkerLayer {
  readonly object = new Group();
  private readonly geometries = new Map<MarkerShape, BufferGeometry>();
  private readonly meshes: Mesh<BufferGeometry, MeshLambertMaterial>[] = [];
  private readonly states: Uint8Array;
  private shown = 0;

  constructor(items: readonly MarkerItem[]) {
    this.object.name = 'markers-naive';
    this.states = new Uint8Array(items.length);
    for (const it of items) {
      let g = this.geometries.get(it.shape);
      if (!g) {
        g = markerGeometry(it.shape);
        this.geometries.set(it.shape, g);
      }
      const mesh = new Mesh(g, new MeshLambertMaterial({ color: it.color }));
      mesh.position.set(it.x, it.y, it.z);
      mesh.visible = false;
      this.meshes.push(mesh);
      this.object.add(mesh);
    }
  }

  get shownCount(): number {
    return this.shown;
  }

  show(indices: readonly number[]): void {
    for (const m of this.meshes) m.visible = false;
    this.shown = 0;
    for (const i of indices) {
      const m = this.meshes[i];
      if (!m) continue;
      m.visible = true;
      this.shown++;
    }
  }

  setState(index: number, state: MarkerStateValue): void {
    this.states[index] = state;
    const m = this.meshes[index];
    if (m)
      m.material.emissive.setScalar(
        state === MarkerState.selected ? 0.35 : state === MarkerState.hovered ? 0.15 : 0,
      );
  }

  setElevations(ys: ArrayLike<number>): void {
    this.meshes.forEach((m, i) => (m.position.y = ys[i] ?? 0));
  }

  setScale(scale: number): void {
    for (let i = 0; i < this.meshes.length; i++) {
      const s = this.states[i] === MarkerState.selected ? scale * 1.35 : scale;
      this.meshes[i]?.scale.setScalar(s);
    }
  }

  dispose(): void {
    for (const m of this.meshes) m.material.dispose();
    for (const g of this.geometries.values()) g.dispose();
    this.meshes.length = 0;
    this.object.clear();
  }
}

/** One cluster token to draw. */
export type ClusterItem = { x: number; y: number; z: number; color: string; count: number };

/** Cluster tokens in one InstancedMesh; grows its capacity when needed. */
export class ClusterMarkers {
  readonly object = new Group();
  private mesh: InstancedMesh | null = null;
  private readonly geometry: BufferGeometry;
  private readonly color = new Color();
  /**
   * Each token colour parsed once (sRGB string to linear): a re-cluster at 10,000 places shows
   * thousands of tokens in a handful of colours, and parsing each again cost ~0.2 ms of every
   * frame of a pinch or flight that re-clusters (bench sand-table, issue 15).
   */
  private readonly parsed = new Map<string, Color>();

  constructor(private readonly material: Material) {
    this.object.name = 'clusters';
    this.geometry = clusterGeometry();
  }

  /** Visual size factor of a cluster of `count` (bigger groups, slightly bigger tokens). */
  static sizeOf(count: number): number {
    return clusterTokenSize(count);
  }

  get count(): number {
    return this.mesh?.count ?? 0;
  }

  show(items: readonly ClusterItem[]): void {
    if (!this.mesh || (this.mesh.instanceMatrix.count < items.length && items.length > 0)) {
      this.disposeMesh();
      const capacity = Math.max(16, items.length * 2);
      // A geometry per mesh: the instanced attribute's size follows the capacity.
      const geometry = this.geometry.clone();
      geometry.setAttribute('aState', new InstancedBufferAttribute(new Float32Array(capacity), 1));
      this.mesh = new InstancedMesh(geometry, this.material, capacity);
      this.mesh.name = 'cluster-tokens';
      this.mesh.frustumCulled = false;
      this.mesh.setColorAt(0, this.color.set(1, 1, 1));
      this.object.add(this.mesh);
    }
    const mesh = this.mesh;
    const a = mesh.instanceMatrix.array as Float32Array;
    items.forEach((it, i) => {
      const s = ClusterMarkers.sizeOf(it.count);
      const o = i * 16;
      a.fill(0, o, o + 16);
      // Wider, not taller: the stem keeps its height so tokens line up with markers.
      a[o] = s;
      a[o + 5] = 1;
      a[o + 10] = s;
      a[o + 12] = it.x;
      a[o + 13] = it.y;
      a[o + 14] = it.z;
      a[o + 15] = 1;
      let color = this.parsed.get(it.color);
      if (!color) {
        color = new Color(it.color);
        this.parsed.set(it.color, color);
      }
      mesh.setColorAt(i, color);
    });
    mesh.count = items.length;
    uploadFirst(mesh.instanceMatrix, items.length);
    if (mesh.instanceColor) uploadFirst(mesh.instanceColor, items.length);
  }

  private disposeMesh(): void {
    if (!this.mesh) return;
    this.object.remove(this.mesh);
    this.mesh.geometry.dispose();
    this.mesh.dispose();
    this.mesh = null;
  }

  dispose(): void {
    this.disposeMesh();
    this.geometry.dispose();
  }
}
