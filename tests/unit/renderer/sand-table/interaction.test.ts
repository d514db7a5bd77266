import { describe, expect, it } from 'vitest';
import { createSandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { basisOf } from '../../../../renderer/src/sand-table/camera-math';
import {
  cameraOptionsOf,
  CameraController,
  FOV,
} from '../../../../renderer/src/sand-table/camera-controller';
import { markerScaleAt } from '../../../../renderer/src/sand-table/clustering';
import { HOVER_RADIUS, pickRadius, TableInteraction } from '../../../../renderer/src/sand-table/interaction';
import type { MarkerSinks } from '../../../../renderer/src/sand-table/marker-field';
import { MarkerField } from '../../../../renderer/src/sand-table/marker-field';
import { createProjection, tableRectOf } from '../../../../renderer/src/sand-table/projection';
import type { TablePose } from '../../../../renderer/src/sand-table/types';
import { sandSmall } from './sand-small';

const vp = { width: 1000, height: 800 };
const sinks: MarkerSinks = { markers: { show: () => {}, setState: () => {} }, clusters: { show: () => {} } };

/** The interaction over sand-small's projection, with places at `xs`, `zs` (table units). */
function table(xs: number[], zs: number[], pose: TablePose) {
  const manifest = sandSmall();
  const spec = manifest.sandTable!;
  const projection = createProjection(spec.projection);
  const rect = tableRectOf(projection, spec.bounds);
  const places = manifest.places.slice(0, xs.length);
  const field = new MarkerField(
    Float32Array.from(xs),
    Float32Array.from(zs),
    () => 'a',
    () => '#ff0000',
    '#777777',
    0,
  );
  field.attach(sinks);
  field.setVisible(xs.map((_, i) => i));
  const cam = new CameraController(
    cameraOptionsOf(
      spec.camera,
      rect,
      (p) => ({ ...projection.toTable(p.target), distance: p.distance, tilt: p.tilt, heading: p.heading }),
      false,
    ),
  );
  cam.setViewport(vp);
  cam.jumpTo(pose);
  const basis = basisOf(cam.pose, FOV, vp);
  const scale = markerScaleAt(cam.pose.distance, vp);
  field.update({ basis, viewport: vp, scale, clusterOn: true, cull: true });
  field.project(basis, vp, scale);
  const store = createSandTableStore();
  let renders = 0;
  let releases = 0;
  const input = new TableInteraction({
    store,
    field,
    cam,
    places,
    projection,
    oneFinger: 'orbit',
    requestRender: () => renders++,
    released: () => releases++,
  });
  const at = (i: number) => {
    const s = field.headOnScreen(
      i,
      basisOf(cam.pose, FOV, vp),
      vp,
      markerScaleAt(cam.pose.distance, vp),
      cam.safe,
    );
    return { x: s.x, y: s.y };
  };
  return { input, store, field, cam, places, renders: () => renders, releases: () => releases, at };
}

const close: TablePose = { x: 0, z: 0, distance: 30, tilt: 60, heading: 0 };

describe('table interaction', () => {
  it('pick radius is finger-sized on touch and tighter for a mouse', () => {
    expect(pickRadius('touch', { width: 1920, height: 1080 })).toBeCloseTo(1080 * 0.035);
    expect(pickRadius('mouse', { width: 1920, height: 1080 })).toBeCloseTo(1080 * 0.018);
    expect(pickRadius('touch', { width: 300, height: 200 })).toBe(26);
    expect(pickRadius('pen', { width: 300, height: 200 })).toBe(26);
    expect(pickRadius('mouse', { width: 300, height: 200 })).toBe(14);
  });

  it('a tap on a marker selects its place; a tap on empty table closes', () => {
    const t = table([-10, 10], [0, 0], close);
    const p = t.at(1);
    t.input.apply([{ kind: 'tap', x: p.x + 5, y: p.y - 5, pointer: 'touch' }]);
    expect(t.store.getState().selectedPlaceId).toBe(t.places[1]!.id);
    expect(t.store.getState().cameraCommand?.command).toEqual({ kind: 'place', placeId: t.places[1]!.id });
    // The highlight and the flight draw through the store; the tap itself asks for no frame.
    expect(t.renders()).toBe(0);
    t.input.apply([{ kind: 'tap', x: 3, y: 3, pointer: 'touch' }]);
    expect(t.store.getState().selectedPlaceId).toBeNull();
  });

  it('a tap on a cluster flies close enough that its members separate', () => {
    const far: TablePose = { x: 0, z: 0, distance: 140, tilt: 60, heading: 0 };
    const t = table([0, 0.3, 0.1, 60], [0, 0.2, -0.3, 0], far);
    const clusters = t.field.clustering.clusters;
    expect(clusters.length).toBe(1);
    const k = 0;
    const sx = t.field.clusterScreen[k * 3]!;
    const sy = t.field.clusterScreen[k * 3 + 1]!;
    t.input.apply([{ kind: 'tap', x: sx, y: sy, pointer: 'touch' }]);
    const c = t.store.getState().cameraCommand?.command;
    expect(c?.kind).toBe('pose');
    if (c?.kind !== 'pose') return;
    expect(c.pose.distance).toBeLessThan(far.distance);
    expect(c.pose.distance).toBeLessThanOrEqual(t.cam.limits.minDistance * 2.1 + 1e-6);
    expect(t.store.getState().selectedPlaceId).toBeNull();
  });

  it('hover marks the place under a mouse without asking for a frame', () => {
    const t = table([-10, 10], [0, 0], close);
    const p = t.at(0);
    t.input.apply([{ kind: 'hover', x: p.x + HOVER_RADIUS - 4, y: p.y }]);
    expect(t.store.getState().hoveredPlaceId).toBe(t.places[0]!.id);
    t.input.apply([{ kind: 'hover', x: 5, y: 5 }]);
    expect(t.store.getState().hoveredPlaceId).toBeNull();
    expect(t.renders()).toBe(0);
    t.input.apply([{ kind: 'hover', x: p.x, y: p.y }]);
    t.input.leave();
    expect(t.store.getState().hoveredPlaceId).toBeNull();
  });

  it('a touch during a tour takes over from it; gestures move the camera', () => {
    const t = table([-10, 10], [0, 0], close);
    t.store.getState().tourRequested(sandSmall().sandTable!.tours[0]!.id);
    expect(t.store.getState().tour.status).toBe('playing');
    const before = t.cam.pose.heading;
    t.input.apply([{ kind: 'begin' }, { kind: 'orbit', dx: 120, dy: 0 }]);
    expect(t.store.getState().tour.status).toBe('interrupted');
    expect(t.cam.pose.heading).not.toBe(before);
    expect(t.renders()).toBe(1);
  });

  it('pointer events become gestures: a quick press and release is a tap', () => {
    const t = table([-10, 10], [0, 0], close);
    const p = t.at(0);
    t.input.pointer({ type: 'down', id: 1, x: p.x, y: p.y, t: 0, kind: 'touch' });
    t.input.pointer({ type: 'up', id: 1, x: p.x, y: p.y, t: 80, kind: 'touch' });
    expect(t.store.getState().selectedPlaceId).toBe(t.places[0]!.id);
  });

  it('a finger landing and lifting draws nothing by itself (a full frame under software GL)', () => {
    const t = table([-10, 10], [0, 0], close);
    t.input.pointer({ type: 'down', id: 1, x: 3, y: 3, t: 0, kind: 'touch' });
    expect(t.renders()).toBe(0);
    t.input.pointer({ type: 'move', id: 1, x: 3, y: 3, t: 20, kind: 'touch' });
    t.input.pointer({ type: 'up', id: 1, x: 3, y: 3, t: 300, kind: 'touch' });
    expect(t.renders()).toBe(0);
  });

  it('a fling that starts asks for a frame (its inertia moves the camera next)', () => {
    const t = table([-10, 10], [0, 0], close);
    t.input.apply([{ kind: 'fling', mode: 'pan', vx: 1, vy: 0, x: 100, y: 100 }]);
    expect(t.renders()).toBe(1);
  });

  it('knows when hands are on the table, and says when the last one leaves', () => {
    const t = table([-10, 10], [0, 0], close);
    expect(t.input.handsOn).toBe(false);
    t.input.pointer({ type: 'down', id: 1, x: 300, y: 300, t: 0, kind: 'touch' });
    t.input.pointer({ type: 'down', id: 2, x: 500, y: 300, t: 10, kind: 'touch' });
    expect(t.input.handsOn).toBe(true);
    t.input.pointer({ type: 'move', id: 2, x: 560, y: 300, t: 30, kind: 'touch' });
    t.input.pointer({ type: 'up', id: 1, x: 300, y: 300, t: 60, kind: 'touch' });
    expect(t.input.handsOn).toBe(true);
    expect(t.releases()).toBe(0);
    t.input.pointer({ type: 'up', id: 2, x: 560, y: 300, t: 400, kind: 'touch' });
    expect(t.input.handsOn).toBe(false);
    expect(t.releases()).toBe(1);
    // A mouse gliding over the table has no hand on it.
    t.input.pointer({ type: 'move', id: 9, x: 10, y: 10, t: 500, kind: 'mouse' });
    expect(t.input.handsOn).toBe(false);
    expect(t.releases()).toBe(1);
  });
});
