/**
 * Builds the table's three.js objects from the pack: slab, map area, rim, graticule, markers,
 * "you are here", chain layers (arcs and node beads), routes, and the navigation route of an
 * open card. Everything created is registered in the `Built` record so one call disposes it.
 * No renderer needed: Vitest builds a scene and inspects it.
 */
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  Color,
  CylinderGeometry,
  DirectionalLight,
  Group,
  HemisphereLight,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  OctahedronGeometry,
  TorusGeometry,
} from 'three';
import type { Material, ShaderMaterial, Texture } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { PackManifest, Place } from '../../../electron/shared/pack-schema';
import type { Span } from './filters';
import { inSpan } from './filters';
import type { MarkerLayer } from './markers';
import { ClusterMarkers, InstancedMarkers, NaiveMarkers } from './markers';
import { createFlowMaterial, createMarkerMaterial } from './materials';
import { arcHeight, cubicArc, densify, liftEnds, projectAll, quadraticArc, routeLonLats } from './paths';
import type { TableProjection } from './projection';
import { rectCentre } from './projection';
import { buildTubes } from './strips';
import { buildGraticule, buildSlab } from './terrain';
import { TableSurface } from './surface';
import type { TablePoint, TableRect } from './types';

/** The theme colours the table uses. */
export type Palette = {
  background: string;
  surface: string;
  text: string;
  muted: string;
  accent: string;
  gold: string;
};

/** A chain link drawn as an arc; `places` are the places at its ends (hidden place, hidden arc). */
export type ArcLink = { a: TablePoint; z: TablePoint; width: number; seed: number; places: number[] };

/** A time span of a layer or route (ISO-like date strings). */
export type Period = { from?: string; to?: string };

/** A chain layer as drawn. */
export type BuiltLayer = {
  id: string;
  mesh: Mesh;
  material: ShaderMaterial;
  links: ArcLink[];
  /** How many links the mesh draws now (the time slider hides links of hidden places). */
  shownLinks: number;
  nodes: TablePoint[];
  period: Period;
};

/** Everything built from the pack; replaced as a whole on rebuild. */
export type Built = {
  root: Group;
  geometries: Set<BufferGeometry>;
  materials: Set<Material>;
  textures: Set<Texture>;
  markers: MarkerLayer;
  clusters: ClusterMarkers;
  layers: BuiltLayer[];
  routes: { id: string; mesh: Mesh; points: TablePoint[]; period: Period }[];
  nodeLabels: { key: string; layerId: string; x: number; y: number; z: number; text: Place['name'] }[];
  here: Group | null;
  nav: { mesh: Mesh; material: ShaderMaterial; placeId: string } | null;
  surface: TableSurface;
};

/** What a build needs to know. */
export type SceneSpec = {
  manifest: PackManifest;
  projection: TableProjection;
  rect: TableRect;
  palette: Palette;
  /** Places on the table (x, z in table units) in manifest order. */
  xs: Float32Array;
  zs: Float32Array;
  ground: Float32Array;
  placeIndex: ReadonlyMap<string, number>;
  reducedMotion: boolean;
  /** Benchmark baseline: one mesh per place. */
  naive: boolean;
};

/** The table's largest side (table units): sizes of rims, tubes and beads scale with it. */
export function tableSpan(rect: TableRect): number {
  const c = rectCentre(rect);
  return Math.max(c.width, c.depth);
}

/** Height of the bare table top (the map area sits just below it). */
export function tableFloor(rect: TableRect): number {
  return tableSpan(rect) * 0.0025;
}

/** The gold rim around the mapped area: four segments as x, y, z pairs. */
export function rimSegments(rect: TableRect, y: number): Float32Array {
  const { minX, maxX, minZ, maxZ } = rect;
  return Float32Array.from([
    ...[minX, y, minZ, maxX, y, minZ],
    ...[maxX, y, minZ, maxX, y, maxZ],
    ...[maxX, y, maxZ, minX, y, maxZ],
    ...[minX, y, maxZ, minX, y, minZ],
  ]);
}

/** The period of an item with optional `from` / `to`, without undefined keys. */
export function periodOf(item: { from?: string | undefined; to?: string | undefined }): Period {
  return { ...(item.from ? { from: item.from } : {}), ...(item.to ? { to: item.to } : {}) };
}

/** Chain links between known nodes as arcs; width grows with the link's weight (capped). */
export function arcLinks(
  links: readonly { from: string; to: string; weight: number }[],
  nodes: ReadonlyMap<string, TablePoint & { place?: number }>,
  span: number,
): ArcLink[] {
  return links.flatMap((link, k) => {
    const a = nodes.get(link.from);
    const z = nodes.get(link.to);
    if (!a || !z) return [];
    const places = [a.place, z.place].filter((i): i is number => i !== undefined);
    return [
      {
        a: { x: a.x, z: a.z },
        z: { x: z.x, z: z.z },
        width: span * 0.0045 * Math.min(2.5, Math.sqrt(link.weight)),
        seed: (k * 0.37) % 1,
        places,
      },
    ];
  });
}

/** Builds the table. `surface` is the relief the arcs and routes lie on (bare table at first). */
export function buildScene(spec: SceneSpec): Built {
  const { manifest, projection, rect, palette: c, xs, zs, ground } = spec;
  const table = manifest.sandTable;
  if (!table) throw new Error('The pack has no sandTable section');
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
  const categories = new Map(manifest.categories.map((cat) => [cat.id, cat]));
  const items = manifest.places.map((p, i) => {
    const cat = categories.get(p.category);
    return {
      x: xs[i] ?? 0,
      y: ground[i] ?? 0,
      z: zs[i] ?? 0,
      color: cat?.color ?? c.accent,
      shape: cat?.shape ?? 'circle',
    };
  });
  const markerMaterial = mat(createMarkerMaterial(c.gold, c.gold));
  const span = tableSpan(rect);
  const b: Built = {
    root,
    geometries,
    materials,
    textures: new Set(),
    markers: spec.naive ? new NaiveMarkers(items) : new InstancedMarkers(items, markerMaterial),
    clusters: new ClusterMarkers(markerMaterial),
    layers: [],
    routes: [],
    nodeLabels: [],
    here: null,
    nav: null,
    surface: new TableSurface(rect, tableFloor(rect)),
  };

  // Light: warm and low, like a hall lit from above.
  const hemi = new HemisphereLight(0xf3e6d0, 0x1c140f, 0.75);
  const key = new DirectionalLight(0xfff1dc, 1.05);
  key.position.set(-0.45, 0.85, 0.35);
  const fill = new AmbientLight(0xffffff, 0.08);
  root.add(hemi, key, fill);

  // The table: a dark slab with the mapped area slightly lighter and a gold rim.
  const slab = new Mesh(
    geo(buildSlab(rect, span * 0.06, span * 0.04)),
    mat(new MeshLambertMaterial({ color: new Color(c.surface).multiplyScalar(0.7) })),
  );
  slab.name = 'slab';
  const mapTop = new Mesh(
    geo(buildSlab(rect, 0, span * 0.002)),
    mat(new MeshLambertMaterial({ color: new Color(c.surface).lerp(new Color(c.background), 0.35) })),
  );
  mapTop.position.y = span * 0.002 + 1e-4;
  mapTop.name = 'map-area';
  const rimGeometry = geo(new BufferGeometry());
  rimGeometry.setAttribute('position', new BufferAttribute(rimSegments(rect, span * 0.0025), 3));
  const rim = new LineSegments(
    rimGeometry,
    mat(new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.7 })),
  );
  rim.name = 'rim';
  root.add(slab, mapTop, rim);

  if (table.base.graticule) {
    const g = geo(new BufferGeometry());
    g.setAttribute(
      'position',
      new BufferAttribute(
        buildGraticule(table.bounds, table.base.graticule.stepDegrees, projection, span * 0.003),
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
  if (table.hereAt) {
    const t = projection.toTable(table.hereAt.position);
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
    const top = new Mesh(geo(new OctahedronGeometry(0.32)), mat(new MeshLambertMaterial({ color: c.text })));
    top.position.y = 1.8;
    here.add(pillar, ring, top);
    here.position.set(t.x, 0, t.z);
    root.add(here);
    b.here = here;
  }

  // Chain layers: arcs between nodes, pulses flowing along them.
  for (const layer of manifest.layers) {
    const nodes = new Map<string, TablePoint & { place?: number }>();
    for (const n of layer.nodes) {
      const place = n.place === undefined ? undefined : spec.placeIndex.get(n.place);
      const pos = n.position ?? (place === undefined ? undefined : manifest.places[place]?.position);
      if (!pos) continue;
      const t = projection.toTable(pos);
      nodes.set(n.id, place === undefined ? t : { ...t, place });
      b.nodeLabels.push({
        key: `node:${layer.id}:${n.id}`,
        layerId: layer.id,
        x: t.x,
        y: 0,
        z: t.z,
        text: n.label,
      });
    }
    const links = arcLinks(layer.links, nodes, span);
    const material = mat(createFlowMaterial(layer.color, c.gold, { pulses: 3, strength: 0.7 }));
    material.uniforms.uFlow!.value = spec.reducedMotion ? 0 : 1;
    const mesh = new Mesh(geo(arcsGeometry(b, links)), material);
    const beadPoints = [...nodes.values()].map((t) => ({ x: t.x, z: t.z }));
    if (beadPoints.length > 0) {
      const beadMesh = new Mesh(
        geo(beadsGeometry(b, beadPoints, span)),
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
      shownLinks: links.length,
      nodes: beadPoints,
      period: periodOf(layer),
    });
  }

  // Routes: tubes lying on the table (draped again once the relief has loaded).
  for (const route of table.routes) {
    const points = densify(projectAll(projection, routeLonLats(route, manifest.places)), span / 120);
    if (points.length < 2) continue;
    const material = mat(createFlowMaterial(route.color ?? c.gold, c.text, { pulses: 0 }));
    const mesh = new Mesh(geo(routeGeometry(b, points, span)), material);
    mesh.name = `route-${route.id}`;
    root.add(mesh);
    b.routes.push({ id: route.id, mesh, points, period: periodOf(route) });
  }
  return b;
}

/** Chain arcs rising from the surface at both ends. */
export function arcsGeometry(b: Built, links: readonly ArcLink[]): BufferGeometry {
  return buildTubes(
    links.map((l) => ({
      points: liftEnds(
        cubicArc(l.a, l.z, arcHeight(l.a, l.z, 0.3), 40),
        b.surface.heightAt(l.a.x, l.a.z),
        b.surface.heightAt(l.z.x, l.z.z),
      ),
      width: l.width,
      seed: l.seed,
    })),
    6,
  );
}

/** Beads marking the chain's nodes, on the surface. */
function beadsGeometry(b: Built, nodes: readonly TablePoint[], span: number): BufferGeometry {
  const r = span * 0.006;
  const beads = nodes.map((t) => {
    const g = new OctahedronGeometry(r);
    g.deleteAttribute('uv');
    g.translate(t.x, b.surface.heightAt(t.x, t.z) + r, t.z);
    return g;
  });
  const merged = mergeGeometries(beads, false);
  for (const g of beads) g.dispose();
  return merged;
}

/** A route's tube, lying on the surface. */
function routeGeometry(b: Built, points: readonly TablePoint[], span: number): BufferGeometry {
  const r = span * 0.0022;
  return buildTubes(
    [{ points: points.map((p) => ({ x: p.x, y: b.surface.heightAt(p.x, p.z) + r, z: p.z })), width: r * 2 }],
    6,
  );
}

/** Replaces a mesh's geometry, keeping the build's list of what to dispose right. */
export function swapGeometry(b: Built, mesh: Mesh, next: BufferGeometry): void {
  const old = mesh.geometry;
  mesh.geometry = next;
  b.geometries.delete(old);
  old.dispose();
  b.geometries.add(next);
}

/**
 * Lays routes, arcs, beads, "you are here" and node labels on the surface again (after the relief
 * arrived), and fills `ground` with the surface height under each place.
 */
export function drapeOnSurface(b: Built, spec: SceneSpec): void {
  const span = tableSpan(spec.rect);
  for (let i = 0; i < spec.ground.length; i++) {
    spec.ground[i] = b.surface.heightAt(spec.xs[i] ?? 0, spec.zs[i] ?? 0);
  }
  b.markers.setElevations(spec.ground);
  for (const route of b.routes) swapGeometry(b, route.mesh, routeGeometry(b, route.points, span));
  for (const layer of b.layers) {
    swapGeometry(b, layer.mesh, arcsGeometry(b, layer.links));
    layer.shownLinks = layer.links.length;
    const beads = layer.mesh.getObjectByName('beads');
    if (beads instanceof Mesh && layer.nodes.length > 0)
      swapGeometry(b, beads as Mesh, beadsGeometry(b, layer.nodes, span));
  }
  const hereAt = spec.manifest.sandTable?.hereAt;
  if (b.here && hereAt) {
    const t = spec.projection.toTable(hereAt.position);
    b.here.position.y = b.surface.heightAt(t.x, t.z);
  }
  for (const n of b.nodeLabels) n.y = b.surface.heightAt(n.x, n.z);
}

/**
 * Shows the navigation route from "you are here" to `placeId` (or removes it for null). Returns
 * true when something changed.
 */
export function setNavigationRoute(b: Built, spec: SceneSpec, placeId: string | null): boolean {
  const here = spec.manifest.sandTable?.hereAt;
  const want = here ? placeId : null;
  if (b.nav && b.nav.placeId === want) return false;
  let changed = false;
  if (b.nav) {
    b.root.remove(b.nav.mesh);
    b.nav.mesh.geometry.dispose();
    b.nav.material.dispose();
    b.nav = null;
    changed = true;
  }
  const i = want === null ? undefined : spec.placeIndex.get(want);
  if (want === null || i === undefined || !here) return changed;
  const span = tableSpan(spec.rect);
  const a = spec.projection.toTable(here.position);
  const z = { x: spec.xs[i] ?? 0, z: spec.zs[i] ?? 0 };
  const points = liftEnds(
    quadraticArc(a, z, arcHeight(a, z, 0.12), 48),
    b.surface.heightAt(a.x, a.z),
    b.surface.heightAt(z.x, z.z),
  );
  const material = createFlowMaterial(spec.palette.accent, spec.palette.gold, { pulses: 4, strength: 0.55 });
  material.uniforms.uFlow!.value = spec.reducedMotion ? 0 : 1;
  const mesh = new Mesh(buildTubes([{ points, width: span * 0.006 }], 8), material);
  mesh.name = 'navigation-route';
  b.root.add(mesh);
  b.nav = { mesh, material, placeId: want };
  return true;
}

/**
 * Chips and the time slider, on the scene: a chain layer shows when it is switched on and its
 * period overlaps `span`, drawing only the links whose places all pass (`placeShown`); a route
 * shows when its period overlaps.
 */
export function showFiltered(
  b: Built,
  visibleLayers: readonly string[],
  span: Span,
  placeShown: (i: number) => boolean,
): void {
  for (const layer of b.layers) {
    layer.mesh.visible = visibleLayers.includes(layer.id) && inSpan(layer.period, span);
    const shown = layer.links.filter((link) => link.places.every(placeShown));
    if (shown.length !== layer.shownLinks) {
      layer.shownLinks = shown.length;
      swapGeometry(b, layer.mesh, arcsGeometry(b, shown));
    }
  }
  for (const route of b.routes) route.mesh.visible = inSpan(route.period, span);
}

/** The build's top-level objects with their triangle counts (diagnostics and tests). */
export function sceneObjectsOf(
  b: Built,
): { name: string; type: string; visible: boolean; triangles: number }[] {
  return b.root.children.map((o) => {
    const g = o instanceof Mesh ? (o.geometry as BufferGeometry) : null;
    const count = g ? (g.index?.count ?? g.getAttribute('position').count) : 0;
    return { name: o.name, type: o.type, visible: o.visible, triangles: Math.floor(count / 3) };
  });
}

/** Releases every GPU object of a build. */
export function disposeBuilt(b: Built): void {
  b.markers.dispose();
  b.clusters.dispose();
  if (b.nav) {
    b.nav.mesh.geometry.dispose();
    b.nav.material.dispose();
  }
  for (const g of b.geometries) g.dispose();
  for (const m of b.materials) m.dispose();
  for (const t of b.textures) t.dispose();
  b.root.removeFromParent();
  b.root.clear();
}
