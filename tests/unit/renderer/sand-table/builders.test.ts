import { BufferAttribute, BufferGeometry, Color, InstancedMesh } from 'three';
import type { InstancedBufferAttribute } from 'three';
import { describe, expect, it } from 'vitest';
import { parseGeoJson } from '../../../../renderer/src/sand-table/geojson';
import type { MarkerItem, MarkerShape } from '../../../../renderer/src/sand-table/markers';
import {
  ClusterMarkers,
  InstancedMarkers,
  markerGeometry,
  MarkerState,
  NaiveMarkers,
  uploadFirst,
} from '../../../../renderer/src/sand-table/markers';
import { createMarkerMaterial } from '../../../../renderer/src/sand-table/materials';
import {
  arcHeight,
  cubicArc,
  densify,
  pathLength,
  pointAlong,
  quadraticArc,
  routeLonLats,
} from '../../../../renderer/src/sand-table/paths';
import { createProjection } from '../../../../renderer/src/sand-table/projection';
import { buildRibbons, buildTubes } from '../../../../renderer/src/sand-table/strips';
import {
  buildGraticule,
  buildHeightmap,
  buildRelief,
  heightGridFromPixels,
  indexedVertexNormals,
  sampleHeight,
} from '../../../../renderer/src/sand-table/terrain';

const SHAPES: MarkerShape[] = ['circle', 'square', 'diamond', 'star', 'flag', 'triangle'];

function items(n: number, shapes: readonly MarkerShape[] = SHAPES): MarkerItem[] {
  return Array.from({ length: n }, (_, i) => ({
    x: i % 100,
    y: 0,
    z: Math.floor(i / 100),
    color: ['#b3261e', '#c9a45c', '#3a6ea5'][i % 3] as string,
    shape: shapes[i % shapes.length] as MarkerShape,
  }));
}

describe('marker instancing', () => {
  it('every shape has a stem (aPart 0) and a head (aPart 1) and no uv', () => {
    for (const shape of SHAPES) {
      const g = markerGeometry(shape);
      const part = g.getAttribute('aPart');
      const values = new Set(Array.from(part.array as Float32Array));
      expect(values).toEqual(new Set([0, 1]));
      expect(g.getAttribute('uv')).toBeUndefined();
      expect(g.getAttribute('normal').count).toBe(g.getAttribute('position').count);
      g.dispose();
    }
  });

  it('uses one InstancedMesh per shape: draw calls do not grow with places', () => {
    const material = createMarkerMaterial('#c9a45c', '#ffffff');
    for (const n of [10, 1_000, 10_000]) {
      const m = new InstancedMarkers(items(n), material);
      m.show(Array.from({ length: n }, (_, i) => i));
      const meshes = m.object.children.filter((c): c is InstancedMesh => c instanceof InstancedMesh);
      expect(meshes).toHaveLength(Math.min(n, SHAPES.length));
      expect(meshes.reduce((a, c) => a + c.count, 0)).toBe(n);
      expect(m.shownCount).toBe(n);
      m.dispose();
    }
  });

  it('shows a subset with per-instance position and colour', () => {
    const list = items(9, ['circle', 'star']);
    const m = new InstancedMarkers(list, createMarkerMaterial('#c9a45c', '#ffffff'));
    m.show([1, 4, 7]);
    expect(m.shownCount).toBe(3);
    const star = m.slot(1);
    expect(star?.mesh.name).toBe('markers-star');
    const a = star!.mesh.instanceMatrix.array;
    expect([a[star!.slot * 16 + 12], a[star!.slot * 16 + 14]]).toEqual([1, 0]);
    expect(m.slot(0)).toBeNull();
    const circle = m.slot(4)!;
    const color = new Color().fromArray(circle.mesh.instanceColor!.array, circle.slot * 3);
    expect(color.getHexString()).toBe(new Color(list[4]!.color).getHexString());
    m.dispose();
  });

  it('uploads only the instances a mesh draws, and nothing when it draws none', () => {
    const m = new InstancedMarkers(items(9, ['circle', 'star']), createMarkerMaterial('#c9a45c', '#ffffff'));
    m.show([1, 4, 7]);
    const star = m.slot(1)!;
    const matrices = star.mesh.instanceMatrix;
    const drawn = star.mesh.count;
    expect(drawn).toBeGreaterThan(0);
    expect(matrices.updateRanges).toEqual([{ start: 0, count: drawn * 16 }]);
    expect(star.mesh.instanceColor!.updateRanges).toEqual([{ start: 0, count: drawn * 3 }]);
    const state = star.mesh.geometry.getAttribute('aState') as InstancedBufferAttribute;
    expect(state.updateRanges).toEqual([{ start: 0, count: drawn }]);
    // A state change marks its one slot.
    state.clearUpdateRanges();
    m.setState(1, MarkerState.hovered);
    expect(state.updateRanges).toEqual([{ start: m.slot(1)!.slot, count: 1 }]);
    // Nothing shown: no range (three.js would upload the whole array) and no upload.
    const version = matrices.version;
    m.show([]);
    expect(matrices.updateRanges).toEqual([]);
    expect(matrices.version).toBe(version);
    m.dispose();
  });

  it('uploadFirst marks the first count items of any attribute', () => {
    const a = new BufferAttribute(new Float32Array(30), 3);
    a.addUpdateRange(12, 3);
    uploadFirst(a, 4);
    expect(a.updateRanges).toEqual([{ start: 0, count: 12 }]);
    expect(a.version).toBe(1);
    uploadFirst(a, 0);
    expect(a.updateRanges).toEqual([]);
    expect(a.version).toBe(1);
  });

  it('carries hovered/selected in an instanced attribute that survives re-showing', () => {
    const m = new InstancedMarkers(items(6, ['circle']), createMarkerMaterial('#c9a45c', '#ffffff'));
    m.show([0, 1, 2, 3, 4, 5]);
    m.setState(3, MarkerState.selected);
    const s = m.slot(3)!;
    const state = s.mesh.geometry.getAttribute('aState');
    expect(state.getX(s.slot)).toBe(MarkerState.selected);
    m.show([5, 3]);
    const s2 = m.slot(3)!;
    expect(s2.slot).toBe(1);
    expect(s2.mesh.geometry.getAttribute('aState').getX(1)).toBe(MarkerState.selected);
    expect(s2.mesh.geometry.getAttribute('aState').getX(0)).toBe(MarkerState.normal);
    m.dispose();
  });

  it('the naive baseline makes one mesh per place', () => {
    const n = new NaiveMarkers(items(50));
    n.show([0, 1, 2]);
    expect(n.object.children).toHaveLength(50);
    expect(n.object.children.filter((c) => c.visible)).toHaveLength(3);
    n.dispose();
  });

  it('cluster tokens grow their capacity and scale with the count', () => {
    const c = new ClusterMarkers(createMarkerMaterial('#c9a45c', '#ffffff'));
    c.show([{ x: 0, y: 0, z: 0, color: '#ffffff', count: 2 }]);
    expect(c.count).toBe(1);
    const many = Array.from({ length: 40 }, (_, i) => ({ x: i, y: 0, z: 0, color: '#ffffff', count: 2 + i }));
    c.show(many);
    expect(c.count).toBe(40);
    const tokens = c.object.children[0] as InstancedMesh;
    expect(tokens.instanceMatrix.updateRanges).toEqual([{ start: 0, count: 40 * 16 }]);
    expect(tokens.instanceColor!.updateRanges).toEqual([{ start: 0, count: 40 * 3 }]);
    expect(ClusterMarkers.sizeOf(64)).toBeGreaterThan(ClusterMarkers.sizeOf(2));
    expect(ClusterMarkers.sizeOf(1e9)).toBeLessThanOrEqual(1.7);
    c.dispose();
  });

  it("each token wears its own colour (parsed once per colour, in the renderer's linear space)", () => {
    const c = new ClusterMarkers(createMarkerMaterial('#c9a45c', '#ffffff'));
    const colours = ['#c0392b', '#8e9aa6', '#c0392b', '#d98c3f'];
    const items = colours.map((color, i) => ({ x: i, y: 0, z: 0, color, count: 3 }));
    c.show(items);
    c.show([...items].reverse());
    const tokens = c.object.children[0] as InstancedMesh;
    const got = new Color();
    [...colours].reverse().forEach((hex, i) => {
      tokens.getColorAt(i, got);
      const want = new Color(hex);
      expect([got.r, got.g, got.b].map((v) => v.toFixed(5))).toEqual(
        [want.r, want.g, want.b].map((v) => v.toFixed(5)),
      );
    });
    c.dispose();
  });
});

describe('arcs and routes', () => {
  const a = { x: 0, z: 0 };
  const b = { x: 10, z: 0 };

  it('quadratic and cubic arcs start and end on the table and reach the apex height', () => {
    for (const arc of [quadraticArc(a, b, 3, 20), cubicArc(a, b, 3, 20)]) {
      expect(arc).toHaveLength(21);
      expect(arc[0]).toEqual({ x: 0, y: 0, z: 0 });
      expect(arc[20]?.x).toBeCloseTo(10, 9);
      expect(arc[20]?.y).toBeCloseTo(0, 9);
      expect(arc[10]?.y).toBeCloseTo(3, 9);
      expect(Math.max(...arc.map((p) => p.y))).toBeCloseTo(3, 9);
    }
    expect(arcHeight(a, b, 0.3)).toBeCloseTo(3, 9);
  });

  it('tubes carry a 0→1 aT along the path for the flow shader', () => {
    const g = buildTubes([{ points: quadraticArc(a, b, 3, 10), width: 0.2, seed: 0.5 }], 6);
    const t = g.getAttribute('aT');
    expect(g.getAttribute('position').count).toBe(11 * 6);
    expect(t.getX(0)).toBe(0);
    expect(t.getX(t.count - 1)).toBeCloseTo(1, 6);
    expect(g.getAttribute('aSeed').getX(3)).toBe(0.5);
    expect(g.index!.count).toBe(10 * 6 * 6);
    // At the apex the tangent is along x: the ring lies in the y–z plane at the radius.
    for (let s = 30; s < 36; s++) {
      const y = g.getAttribute('position').getY(s) - 3;
      const z = g.getAttribute('position').getZ(s);
      expect(Math.hypot(y, z)).toBeCloseTo(0.1, 3);
    }
    g.dispose();
  });

  it('ribbons are flat with normals up and the given width', () => {
    const g = buildRibbons([
      {
        points: [
          { x: 0, y: 0.1, z: 0 },
          { x: 5, y: 0.1, z: 0 },
          { x: 5, y: 0.1, z: 5 },
        ],
        width: 1,
      },
    ]);
    const p = g.getAttribute('position');
    expect(p.count).toBe(6);
    expect(Math.abs(p.getZ(0) - p.getZ(1))).toBeCloseTo(1, 6);
    for (let i = 0; i < 6; i++) expect(p.getY(i)).toBeCloseTo(0.1, 6);
    expect(g.getAttribute('normal').getY(0)).toBe(1);
    g.dispose();
  });

  it('resolves routes from places, densifies and walks them', () => {
    const places = [
      { id: 'a', position: { lon: 1, lat: 1 } },
      { id: 'b', position: { lon: 2, lat: 1 } },
    ] as never;
    expect(routeLonLats({ id: 'r', name: {}, places: ['a', 'missing', 'b'] }, places)).toEqual([
      { lon: 1, lat: 1 },
      { lon: 2, lat: 1 },
    ]);
    const pts = densify([a, b], 1);
    expect(pts).toHaveLength(11);
    expect(pathLength(pts)).toBeCloseTo(10, 9);
    const mid = pointAlong(
      [
        { x: 0, z: 0 },
        { x: 0, z: -10 },
      ],
      0.5,
    );
    expect(mid).toMatchObject({ x: 0, z: -5, heading: 0 });
    expect(pointAlong([a, b], 1).heading).toBeCloseTo(90, 9);
  });
});

describe('terrain', () => {
  const projection = createProjection({
    type: 'equirectangular',
    origin: { lon: 0, lat: 0 },
    unitsPerDegree: 10,
  });

  it('extrudes polygons to their height with holes, darker sides, and an outline', () => {
    const square = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ] as [number, number][];
    const hole = [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.6, 0.6],
      [0.4, 0.6],
      [0.4, 0.4],
    ] as [number, number][];
    const r = buildRelief([{ rings: [square, hole], style: { height: 2 } }], projection, {
      defaultHeight: 1,
      palette: ['#806040'],
    });
    const g = r.geometry!;
    g.computeBoundingBox();
    expect(g.boundingBox!.min.y).toBeCloseTo(0, 6);
    expect(g.boundingBox!.max.y).toBeCloseTo(2, 6);
    expect(g.boundingBox!.min.z).toBeCloseTo(-10, 6);
    expect(g.boundingBox!.max.x).toBeCloseTo(10, 6);
    expect(g.getAttribute('color').count).toBe(g.getAttribute('position').count);
    // 4 outer + 4 hole edges, 2 points each.
    expect(r.outline.length).toBe(8 * 2 * 3);
    expect(r.skipped).toBe(0);
    g.dispose();
  });

  it('skips degenerate polygons', () => {
    const r = buildRelief(
      [
        {
          rings: [
            [
              [0, 0],
              [1, 1],
              [0, 0],
              [0, 0],
            ],
          ],
          style: {},
        },
      ],
      projection,
      { defaultHeight: 1, palette: [] },
    );
    expect(r.geometry).toBeNull();
    expect(r.skipped).toBe(1);
  });

  it('builds a graticule every step inside the bounds', () => {
    const lines = buildGraticule({ west: 0, south: 0, east: 2, north: 1 }, 1, projection, 0.1);
    // 3 meridians × 16 pieces + 2 parallels, 6 floats per segment.
    expect(lines.length).toBe((3 * 16 + 2) * 6);
  });

  it('reads heights from pixels, samples them bilinearly and builds a grid mesh', () => {
    const w = 3;
    const h = 2;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set(i === 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
    const grid = heightGridFromPixels(rgba, w, h);
    expect(grid.values[2]).toBeCloseTo(1, 6);
    const rect = { minX: 0, maxX: 2, minZ: 0, maxZ: 1 };
    expect(sampleHeight(grid, rect, 10, 2, 0)).toBeCloseTo(10, 6);
    expect(sampleHeight(grid, rect, 10, 1.5, 0)).toBeCloseTo(5, 6);
    expect(sampleHeight(grid, rect, 10, 5, 5)).toBe(0);
    const g = buildHeightmap(grid, rect, 10, '#000000', '#ffffff');
    expect(g.getAttribute('position').count).toBe(6);
    expect(g.index!.count).toBe(2 * 1 * 6);
    expect(g.getAttribute('position').getY(2)).toBeCloseTo(10, 6);
    g.dispose();
  });

  it("gives the relief three.js's own normals and bounding sphere, to the last bit", () => {
    let seed = 5;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const [w, h] = [37, 23];
    const grid = { width: w, height: h, values: Float32Array.from({ length: w * h }, () => rnd()) };
    const rect = { minX: -30, maxX: 41, minZ: -12, maxZ: 17 };
    const g = buildHeightmap(grid, rect, 3.5, '#203040', '#c0b090');
    const reference = new BufferGeometry();
    reference.setAttribute('position', g.getAttribute('position'));
    reference.setIndex(g.index);
    reference.computeVertexNormals();
    reference.computeBoundingSphere();
    const ours = g.getAttribute('normal').array as Float32Array;
    expect(ours).toEqual(reference.getAttribute('normal').array);
    expect(g.boundingSphere!.center.toArray()).toEqual(reference.boundingSphere!.center.toArray());
    expect(g.boundingSphere!.radius).toBe(reference.boundingSphere!.radius);
    // Unit length, pointing up out of a relief seen from above.
    for (let k = 0; k < ours.length; k += 3) {
      expect(Math.hypot(ours[k]!, ours[k + 1]!, ours[k + 2]!)).toBeCloseTo(1, 5);
      expect(ours[k + 1]!).toBeGreaterThan(0);
    }
    // A mesh with a vertex no triangle uses: its normal stays zero, as three's would.
    const pos = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 0, 1, 9, 9, 9]);
    const idx = Uint16Array.from([0, 2, 1]);
    const lone = new BufferGeometry();
    lone.setAttribute('position', new BufferAttribute(pos, 3));
    lone.setIndex(new BufferAttribute(idx, 1));
    lone.computeVertexNormals();
    expect(indexedVertexNormals(pos, idx)).toEqual(lone.getAttribute('normal').array);
    g.dispose();
    reference.dispose();
    lone.dispose();
  });

  it('downsamples large heightmaps', () => {
    const big = heightGridFromPixels(new Uint8ClampedArray(1000 * 800 * 4), 1000, 800, 128);
    expect([big.width, big.height]).toEqual([128, 128]);
  });
});

describe('GeoJSON', () => {
  it('reads polygons, multipolygons and lines with style properties; skips the rest', () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const parsed = parseGeoJson({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { height: 5, color: '#112233', name: 'A' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
        {
          type: 'Feature',
          properties: null,
          geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
        },
        {
          type: 'Feature',
          properties: { width: 0.3, color: 'red' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0]]] } },
        'garbage',
      ],
    });
    expect(parsed.polygons).toHaveLength(3);
    expect(parsed.polygons[0]?.style).toEqual({ height: 5, color: '#112233', name: 'A' });
    expect(parsed.lines).toEqual([
      {
        line: [
          [0, 0],
          [1, 1],
        ],
        style: { width: 0.3 },
      },
    ]);
    expect(parsed.skipped).toBe(3);
  });

  it('rejects a non-collection calmly', () => {
    expect(parseGeoJson({ type: 'Feature' })).toEqual({ polygons: [], lines: [], skipped: 1 });
    expect(parseGeoJson(null).skipped).toBe(1);
  });
});
