import { Mesh } from 'three';
import { describe, expect, it } from 'vitest';
import {
  arcLinks,
  buildScene,
  disposeBuilt,
  drapeOnSurface,
  periodOf,
  rimSegments,
  setNavigationRoute,
  tableSpan,
} from '../../../../renderer/src/sand-table/scene-builder';
import { sandSmall, sceneSpecOf } from './sand-small';

describe('scene builder', () => {
  const manifest = sandSmall();

  it('builds the table, markers, "you are here", chain layers and routes from the pack', () => {
    const b = buildScene(sceneSpecOf(manifest));
    const names = b.root.children.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining(['slab', 'map-area', 'rim', 'graticule', 'markers', 'clusters', 'here']),
    );
    for (const layer of manifest.layers) expect(names).toContain(`layer-${layer.id}`);
    for (const route of manifest.sandTable!.routes) expect(names).toContain(`route-${route.id}`);
    // Layers start hidden; each link with both ends known is an arc; node labels per node.
    expect(b.layers.every((l) => !l.mesh.visible)).toBe(true);
    expect(b.layers[0]!.links.length).toBe(manifest.layers[0]!.links.length);
    expect(b.nodeLabels.length).toBe(manifest.layers.reduce((n, l) => n + l.nodes.length, 0));
    expect(b.markers.shownCount).toBe(0);
    disposeBuilt(b);
    expect(b.root.children).toHaveLength(0);
  });

  it('a naive build (the benchmark baseline) has one mesh per place', () => {
    const b = buildScene(sceneSpecOf(manifest, true));
    b.markers.show(manifest.places.map((_, i) => i));
    expect(b.markers.object.children.length).toBe(manifest.places.length);
    disposeBuilt(b);
  });

  it('arcs remember the places at their ends, so a hidden place hides its arcs', () => {
    const nodes = new Map([
      ['a', { x: 0, z: 0, place: 3 }],
      ['b', { x: 10, z: 0 }],
      ['c', { x: 0, z: 10, place: 5 }],
    ]);
    const links = arcLinks(
      [
        { from: 'a', to: 'b', weight: 4 },
        { from: 'a', to: 'c', weight: 100 },
        { from: 'a', to: 'zz', weight: 1 },
      ],
      nodes,
      100,
    );
    expect(links.map((l) => l.places)).toEqual([[3], [3, 5]]);
    expect(links[0]!.width).toBeCloseTo(100 * 0.0045 * 2, 9);
    // Heavy links are capped.
    expect(links[1]!.width).toBeCloseTo(100 * 0.0045 * 2.5, 9);
  });

  it('lays routes, arcs and markers on the relief once it arrives', () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const before = b.routes[0]!.mesh.geometry;
    b.surface.addRelief(
      [
        { x: -1e4, z: -1e4 },
        { x: 1e4, z: -1e4 },
        { x: 1e4, z: 1e4 },
        { x: -1e4, z: 1e4 },
      ],
      2,
    );
    drapeOnSurface(b, spec);
    expect(b.routes[0]!.mesh.geometry).not.toBe(before);
    expect(b.geometries.has(before)).toBe(false);
    expect(spec.ground[0]).toBeGreaterThan(1.9);
    expect(b.here!.position.y).toBeGreaterThan(1.9);
    disposeBuilt(b);
  });

  it('draws the navigation route for the open place and removes it', () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const id = manifest.places[0]!.id;
    expect(setNavigationRoute(b, spec, id)).toBe(true);
    expect(b.root.getObjectByName('navigation-route')).toBeInstanceOf(Mesh);
    expect(setNavigationRoute(b, spec, id)).toBe(false);
    expect(setNavigationRoute(b, spec, null)).toBe(true);
    expect(b.root.getObjectByName('navigation-route')).toBeUndefined();
    disposeBuilt(b);
  });

  it('small helpers: rim, period, span', () => {
    const r = { minX: -2, maxX: 2, minZ: -1, maxZ: 1 };
    expect(Array.from(rimSegments(r, 0.5)).length).toBe(24);
    expect(tableSpan(r)).toBe(4);
    expect(periodOf({ from: '1921', to: undefined })).toEqual({ from: '1921' });
  });
});
