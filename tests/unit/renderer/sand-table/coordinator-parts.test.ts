/**
 * The small pieces the sand-table coordinator delegates to: three.js view sync, debug signals
 * and readout, store → scene events, camera options from the pack, a place's screen position,
 * filters on the built scene, and tour shots on the table.
 */
import { Fog, PerspectiveCamera, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { basisOf, projectPoint } from '../../../../renderer/src/sand-table/camera-math';
import {
  cameraOptionsOf,
  CameraController,
  FOV,
} from '../../../../renderer/src/sand-table/camera-controller';
import {
  COUNTS_SETTLE_MS,
  CountSignals,
  placesOnScreenOf,
  TABLE_SIGNALS,
  tableReadout,
} from '../../../../renderer/src/sand-table/debug-signals';
import { filterSpan, itemSpan } from '../../../../renderer/src/sand-table/filters';
import { MARKER_HEAD_Y } from '../../../../renderer/src/sand-table/markers';
import { MarkerField } from '../../../../renderer/src/sand-table/marker-field';
import {
  buildScene,
  disposeBuilt,
  sceneObjectsOf,
  showFiltered,
} from '../../../../renderer/src/sand-table/scene-builder';
import { followStore } from '../../../../renderer/src/sand-table/store-link';
import {
  arcFade,
  dressForView,
  setFlowOn,
  setFlowTime,
  syncCamera,
} from '../../../../renderer/src/sand-table/three-view';
import { tableShots } from '../../../../renderer/src/sand-table/tour-host';
import type { TablePose } from '../../../../renderer/src/sand-table/types';
import { createSandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { sandSmall, sceneSpecOf } from './sand-small';

const vp = { width: 1000, height: 800 };
const manifest = sandSmall();

describe('three view', () => {
  it('puts the three camera at the eye, looking down the tilt, with planes and fog that follow distance', () => {
    const cam = new PerspectiveCamera(FOV, 1.25, 0.1, 1000);
    const scene = new Scene();
    scene.fog = new Fog('#000', 1, 2);
    const pose: TablePose = { x: 3, z: -4, distance: 50, tilt: 60, heading: 30 };
    const basis = basisOf(pose, FOV, vp);
    syncCamera(cam, scene, basis, pose, 200);
    expect(cam.position.toArray()).toEqual([basis.eye.x, basis.eye.y, basis.eye.z]);
    expect(cam.near).toBeCloseTo(0.5);
    expect(cam.far).toBeCloseTo(1000);
    expect(scene.fog.near).toBeCloseTo(120);
    expect(scene.fog.far).toBeCloseTo(650);
    // The three camera sees the target at the centre of the screen, as camera-math projects it.
    cam.aspect = vp.width / vp.height;
    cam.updateProjectionMatrix();
    cam.updateMatrixWorld();
    const v = cam.position.clone().set(pose.x, 0, pose.z).project(cam);
    expect(v.x).toBeCloseTo(0, 3);
    expect(v.y).toBeCloseTo(0, 3);
    // Very close in, the near plane keeps a floor tied to the table's size.
    syncCamera(cam, scene, basisOf({ ...pose, distance: 0.001 }, FOV, vp), { ...pose, distance: 0.001 }, 200);
    expect(cam.near).toBeCloseTo(0.02);
  });

  it('arcs fade close in, never below a quarter', () => {
    expect(arcFade(100, 100)).toBe(1);
    expect(arcFade(20, 100)).toBeCloseTo(0.5);
    expect(arcFade(1, 100)).toBe(0.25);
  });

  it('sizes markers, fades arcs and drives the flow clock of a built scene', () => {
    const b = buildScene(sceneSpecOf(manifest));
    dressForView(b, 2, 20, 100);
    expect(b.here!.scale.x).toBeCloseTo(2.2);
    expect(b.layers[0]!.material.uniforms.uOpacity!.value).toBeCloseTo(0.5);
    setFlowTime(b, 3.5);
    expect(b.layers[0]!.material.uniforms.uTime!.value).toBe(3.5);
    setFlowOn(b, false);
    expect(b.layers[0]!.material.uniforms.uFlow!.value).toBe(0);
    setFlowOn(b, true);
    expect(b.layers[0]!.material.uniforms.uFlow!.value).toBe(1);
    disposeBuilt(b);
  });
});

describe('debug signals', () => {
  it('publish each pair of counts once', () => {
    const log: string[] = [];
    const s = new CountSignals((n, v) => log.push(`${n}=${v}`), { set: () => 0, clear: () => {} });
    s.publish('3/8', 2);
    s.publish('3/8', 2);
    s.publish('4/8', 2);
    expect(log).toEqual(['placesOnScreen=3/8', 'labelsShown=2', 'placesOnScreen=4/8', 'labelsShown=2']);
    expect(TABLE_SIGNALS).toEqual(['sceneReady', 'sandFrames', 'sandTour', 'placesOnScreen', 'labelsShown']);
  });

  it('are read once the frames stop, never in a frame: a drag of 30 frames reads them once', () => {
    const log: string[] = [];
    let now = 0;
    const pending: { at: number; fn: () => void; id: number }[] = [];
    let next = 1;
    const timers = {
      set: (fn: () => void, ms: number) => {
        pending.push({ at: now + ms, fn, id: next });
        return next++;
      },
      clear: (id: number) => {
        const i = pending.findIndex((p) => p.id === id);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const advance = (ms: number) => {
      now += ms;
      for (const p of pending.filter((x) => x.at <= now)) {
        timers.clear(p.id);
        p.fn();
      }
    };
    const s = new CountSignals((n, v) => log.push(`${n}=${v}`), timers);
    let reads = 0;
    let still = true;
    const read = () => {
      reads++;
      return still ? { placesOnScreen: `${reads}/9`, labelsShown: 4 } : null;
    };
    for (let frame = 0; frame < 30; frame++) {
      s.schedule(read);
      advance(16);
    }
    expect(reads).toBe(0);
    advance(COUNTS_SETTLE_MS);
    expect(reads).toBe(1);
    expect(log).toEqual(['placesOnScreen=1/9', 'labelsShown=4']);
    // Moving again by the time they are read: nothing is published.
    s.schedule(read);
    still = false;
    advance(COUNTS_SETTLE_MS);
    expect(reads).toBe(2);
    expect(log).toHaveLength(2);
    // Disposed: a scheduled read never runs.
    still = true;
    s.schedule(read);
    s.dispose();
    advance(COUNTS_SETTLE_MS * 2);
    expect(reads).toBe(2);
  });

  it('places on screen count markers inside the free rect, of those passing the filters', () => {
    const rect = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(
      placesOnScreenOf(
        { countInRect: (r) => (r === rect ? { inside: 2, visible: 7 } : { inside: -1, visible: -1 }) },
        rect,
      ),
    ).toBe('2/7');
  });
});

describe('store → scene events', () => {
  it('follows filters, selection, hover, card tab, camera commands and tours, in that order, until unsubscribed', () => {
    const store = createSandTableStore();
    const log: string[] = [];
    const stop = followStore(store, {
      filters: () => log.push('filters'),
      selected: (id) => log.push(`selected:${id}`),
      hovered: (id) => log.push(`hovered:${id}`),
      cardTab: () => log.push('cardTab'),
      command: (c) => log.push(`command:${c.kind}`),
      tour: (t, prev) => log.push(`tour:${prev.status}>${t.status}`),
    });
    const s = () => store.getState();
    s().placeTapped('a');
    expect(log).toEqual(['selected:a', 'command:place']);
    log.length = 0;
    s().placeHovered('b');
    s().backgroundTapped();
    expect(log[0]).toBe('hovered:b');
    expect(log).toContain('selected:null');
    log.length = 0;
    s().tourRequested(manifest.sandTable!.tours[0]!.id);
    expect(log.at(-1)).toBe('tour:idle>playing');
    stop();
    log.length = 0;
    s().placeTapped('c');
    expect(log).toEqual([]);
  });
});

describe('camera options from the pack', () => {
  const spec = manifest.sandTable!;
  const rect = { minX: -50, maxX: 50, minZ: -20, maxZ: 20 };
  const toPose = (p: { distance: number; tilt: number; heading: number }) => ({
    x: 1,
    z: 2,
    distance: p.distance,
    tilt: p.tilt,
    heading: p.heading,
  });

  it('orders limits and looks the way the initial preset does', () => {
    const swapped = {
      ...spec.camera,
      limits: { minDistance: 140, maxDistance: 8, minTilt: 89, maxTilt: 25 },
    };
    const o = cameraOptionsOf(swapped, rect, toPose, true);
    expect(o.limits).toEqual({ minDistance: 8, maxDistance: 140, minTilt: 25, maxTilt: 89, rect });
    const initial = spec.camera.presets.find((p) => p.id === spec.camera.initial)!;
    expect(o.fallbackHome).toEqual({
      x: 1,
      z: 2,
      distance: initial.distance,
      tilt: initial.tilt,
      heading: initial.heading,
    });
    expect(o.homeView).toEqual({ tilt: initial.tilt, heading: initial.heading });
    expect(o.reducedMotion).toBe(true);
  });

  it('falls back to the first preset, then to the whole table at 55°', () => {
    const first = cameraOptionsOf({ ...spec.camera, initial: 'nope' }, rect, toPose, false);
    expect(first.fallbackHome.distance).toBe(spec.camera.presets[0]!.distance);
    const none = cameraOptionsOf({ ...spec.camera, presets: [] }, rect, toPose, false);
    expect(none.fallbackHome).toEqual({ x: 0, z: 0, distance: 140, tilt: 55, heading: 0 });
  });
});

describe('a place on screen', () => {
  it('is its marker head projected, inside the free rect or not, clustered or not', () => {
    const f = new MarkerField(
      Float32Array.from([0, 30]),
      Float32Array.from([0, 0]),
      () => 'a',
      () => undefined,
      '#777',
      0.5,
    );
    f.setVisible([0]);
    const pose: TablePose = { x: 0, z: 0, distance: 40, tilt: 60, heading: 0 };
    const basis = basisOf(pose, FOV, vp);
    const want = projectPoint(basis, vp, { x: 0, y: 0.5 + MARKER_HEAD_Y * 2, z: 0 })!;
    const at = f.headOnScreen(0, basis, vp, 2, { left: 0, top: 0, right: 1000, bottom: 800 });
    expect(at).toEqual({ x: want.x, y: want.y, onScreen: true, visible: true, clustered: false });
    expect(f.headOnScreen(0, basis, vp, 2, { left: 600, top: 0, right: 1000, bottom: 800 }).onScreen).toBe(
      false,
    );
    expect(f.headOnScreen(1, basis, vp, 2, { left: 0, top: 0, right: 1000, bottom: 800 }).visible).toBe(
      false,
    );
    const behind = f.headOnScreen(0, basisOf({ ...pose, x: 0, z: 200, heading: 180 }, FOV, vp), vp, 2, {
      left: 0,
      top: 0,
      right: 1000,
      bottom: 800,
    });
    expect(behind.onScreen).toBe(false);
    expect(Number.isNaN(behind.x)).toBe(true);
  });
});

describe('filters on the built scene', () => {
  it('shows a chain layer when on and in period, drawing links whose places all pass; routes by period', () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const layer = b.layers[0]!;
    const all = layer.links.length;
    const everything = { start: -Infinity, end: Infinity };
    showFiltered(b, [layer.id], everything, () => true);
    expect(layer.mesh.visible).toBe(true);
    expect(layer.shownLinks).toBe(all);
    const geometry = layer.mesh.geometry;
    const hidden = layer.links[0]!.places[0]!;
    showFiltered(b, [layer.id], everything, (i) => i !== hidden);
    expect(layer.shownLinks).toBe(layer.links.filter((l) => !l.places.includes(hidden)).length);
    expect(layer.shownLinks).toBeLessThan(all);
    expect(layer.mesh.geometry).not.toBe(geometry);
    showFiltered(b, [], everything, () => true);
    expect(layer.mesh.visible).toBe(false);
    const old = b.routes.find((r) => r.id === 'old-road')!;
    showFiltered(b, [], itemSpan({ from: '1990', to: '2000' }), () => true);
    expect(old.mesh.visible).toBe(false);
    expect(b.routes.find((r) => r.id === 'study-route')!.mesh.visible).toBe(true);
    showFiltered(b, [], filterSpan({ kind: 'all' }, []), () => true);
    expect(old.mesh.visible).toBe(true);
    const objects = sceneObjectsOf(b);
    expect(objects.find((o) => o.name === 'markers')).toBeDefined();
    expect(objects.find((o) => o.name === 'slab')!.triangles).toBeGreaterThan(0);
    disposeBuilt(b);
  });
});

describe('tour shots on the table', () => {
  it('resolve places, presets and routes of the pack through the camera', () => {
    const spec = sceneSpecOf(manifest);
    const cam = new CameraController(
      cameraOptionsOf(
        manifest.sandTable!.camera,
        spec.rect,
        (p) => ({
          ...spec.projection.toTable(p.target),
          distance: p.distance,
          tilt: p.tilt,
          heading: p.heading,
        }),
        false,
      ),
    );
    cam.setViewport(vp);
    const framed: { x: number; z: number }[] = [];
    const shots = tableShots({
      manifest,
      places: manifest.places,
      placeIndex: spec.placeIndex,
      xs: spec.xs,
      zs: spec.zs,
      projection: spec.projection,
      placePose: (pt) => (framed.push(pt), cam.placePose(pt)),
      tablePose: (p) =>
        cam.clamp({
          ...spec.projection.toTable(p.target),
          distance: p.distance,
          tilt: p.tilt,
          heading: p.heading,
        }),
      clamp: (p) => cam.clamp(p),
    });
    const id = manifest.places[2]!.id;
    expect(shots.placePose(id)).not.toBeNull();
    expect(framed).toEqual([{ x: spec.xs[2], z: spec.zs[2] }]);
    expect(shots.placePose('nowhere')).toBeNull();
    const preset = manifest.sandTable!.camera.presets[1]!;
    expect(shots.presetPose(preset.id)?.distance).toBe(preset.distance);
    expect(shots.presetPose('nope')).toBeNull();
    const route = manifest.sandTable!.routes[0]!;
    expect(shots.routePoints(route.id)!.length).toBeGreaterThan(1);
    expect(shots.routePoints('nope')).toBeNull();
    expect(shots.clamp({ x: 0, z: 0, distance: 1e6, tilt: 60, heading: 0 }).distance).toBe(
      cam.limits.maxDistance,
    );
  });
});

describe('readout', () => {
  it('reports the scene, the field, the labels and the camera', () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const f = new MarkerField(
      spec.xs,
      spec.zs,
      () => 'a',
      () => undefined,
      '#777',
      0,
    );
    f.attach({ markers: b.markers, clusters: b.clusters });
    f.setVisible([0, 1, 2]);
    const cam = new CameraController(
      cameraOptionsOf(
        manifest.sandTable!.camera,
        spec.rect,
        (p) => ({
          ...spec.projection.toTable(p.target),
          distance: p.distance,
          tilt: p.tilt,
          heading: p.heading,
        }),
        false,
      ),
    );
    cam.setViewport(vp);
    const basis = basisOf(cam.pose, FOV, vp);
    f.update({ basis, viewport: vp, scale: 1, clusterOn: false, cull: true });
    f.project(basis, vp, 1);
    const r = tableReadout({
      ready: true,
      contextLost: false,
      info: {
        render: { calls: 7, triangles: 99 },
        memory: { geometries: 5, textures: 2 },
        programs: [{}, {}, {}],
      },
      firstFramePrograms: 1,
      frameMs: 1.5,
      avgFrameMs: 1.2,
      frames: 10,
      places: manifest.places.length,
      field: f,
      built: b,
      labels: { count: 4, placeCount: 3 },
      animating: false,
      cam,
    });
    expect(r).toMatchObject({
      drawCalls: 7,
      triangles: 99,
      geometries: 5,
      textures: 2,
      programs: 3,
      firstFramePrograms: 1,
      visiblePlaces: 3,
      markersShown: 3,
      labels: 4,
      placeLabels: 3,
      visibleLayers: 0,
      navigationRoute: false,
    });
    expect(r.placesOnScreen).toBe(placesOnScreenOf(f, cam.safe));
    expect(r.limits).toEqual({ minDistance: 8, maxDistance: 140, minTilt: 25, maxTilt: 89 });
    expect(r.pose).not.toBe(cam.pose);
    disposeBuilt(b);
  });
});
