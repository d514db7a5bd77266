import { describe, expect, it } from 'vitest';
import { basisOf, projectPoint } from '../../../../renderer/src/sand-table/camera-math';
import { FOV } from '../../../../renderer/src/sand-table/camera-controller';
import {
  markerScaleAt,
  minSeparation,
  separatingDistance,
} from '../../../../renderer/src/sand-table/clustering';
import type { MarkerSinks } from '../../../../renderer/src/sand-table/marker-field';
import { MarkerField, viewRect } from '../../../../renderer/src/sand-table/marker-field';
import { MARKER_HEAD_Y, MarkerState } from '../../../../renderer/src/sand-table/markers';
import type { TablePose } from '../../../../renderer/src/sand-table/types';

const vp = { width: 1000, height: 800 };

/** Sinks that record what the field drew. */
function sinks() {
  const log = {
    singles: [] as number[],
    clusters: [] as { count: number; color: string }[],
    states: new Map<number, number>(),
  };
  const s: MarkerSinks = {
    markers: {
      show: (i) => (log.singles = [...i]),
      setState: (i, st) => log.states.set(i, st),
    },
    clusters: { show: (items) => (log.clusters = items.map((c) => ({ count: c.count, color: c.color }))) },
  };
  return { s, log };
}

// Two tight pairs and two loners.
const xs = Float32Array.from([0, 0.2, 30, 30.1, -40, 45]);
const zs = Float32Array.from([0, 0.1, 20, 20.2, 10, -35]);
const cats = ['a', 'a', 'a', 'b', 'b', 'b'];

function field() {
  const f = new MarkerField(
    xs,
    zs,
    (i) => cats[i]!,
    (c) => (c === 'a' ? '#ff0000' : undefined),
    '#777777',
    0,
  );
  const k = sinks();
  f.attach(k.s);
  f.setVisible([0, 1, 2, 3, 4, 5]);
  return { f, ...k };
}

/** A deterministic pseudo-random source (the same numbers every run). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
}

/** `n` places at random over ±`halfX` × ±`halfZ`, all passing the filters. */
function randomField(rnd: () => number, n: number, halfX: number, halfZ: number, floor: number) {
  const px = Float32Array.from({ length: n }, () => -halfX + rnd() * 2 * halfX);
  const pz = Float32Array.from({ length: n }, () => -halfZ + rnd() * 2 * halfZ);
  const f = new MarkerField(
    px,
    pz,
    () => 'a',
    () => undefined,
    '#777777',
    floor,
  );
  f.setVisible(Array.from({ length: n }, (_, i) => i));
  return { f, px, pz };
}

function look(f: MarkerField, pose: TablePose, clusterOn = true) {
  const basis = basisOf(pose, FOV, vp);
  const scale = markerScaleAt(pose.distance, vp);
  f.update({ basis, viewport: vp, scale, clusterOn, cull: true });
  f.project(basis, vp, scale);
}

const far: TablePose = { x: 0, z: 0, distance: 200, tilt: 70, heading: 0 };

describe('marker field', () => {
  it('clusters close places from afar and colours a one-category cluster by it', () => {
    const { f, log } = field();
    look(f, far);
    expect(log.singles.sort()).toEqual([4, 5]);
    expect(log.clusters).toEqual([
      { count: 2, color: '#ff0000' },
      { count: 2, color: '#777777' },
    ]);
    expect(Array.from(f.drawnAs)).toEqual([2, 2, 2, 2, 1, 1]);
  });

  it('a selected place never hides in a cluster, and hovering marks it', () => {
    const { f, log } = field();
    f.setSelected(0);
    look(f, far);
    expect(log.singles).toContain(0);
    expect(log.states.get(0)).toBe(MarkerState.selected);
    expect(f.setHovered(4)).toBe(true);
    expect(log.states.get(4)).toBe(MarkerState.hovered);
    expect(f.setHovered(4)).toBe(false);
  });

  it('the filters drop places; counting knows which are in the free rect', () => {
    const { f } = field();
    f.setVisible([0, 1, 4]);
    look(f, far, false);
    expect(f.countInRect({ left: 0, top: 0, right: vp.width, bottom: vp.height })).toEqual({
      inside: 3,
      visible: 3,
    });
    const x4 = f.headScreen[4 * 3]!;
    expect(f.countInRect({ left: x4 + 1, top: 0, right: vp.width, bottom: vp.height }).inside).toBe(2);
    expect(f.isVisible(2)).toBe(false);
  });

  it('picks the nearest place or cluster under a finger', () => {
    const { f } = field();
    look(f, far);
    const x = f.headScreen[4 * 3]!;
    const y = f.headScreen[4 * 3 + 1]!;
    expect(f.pick(x + 5, y - 5, 30)).toEqual({ kind: 'place', index: 4 });
    const cx = f.clusterScreen[0]!;
    const cy = f.clusterScreen[1]!;
    expect(f.pick(cx, cy, 30)?.kind).toBe('cluster');
    expect(f.pick(-500, -500, 30)).toBeNull();
  });

  it('close enough to the separating distance, members come apart', () => {
    const { f } = field();
    const pair = f.headPoints(0, [0, 1]);
    const d = separatingDistance(minSeparation(pair));
    look(f, { x: 0.1, z: 0.05, distance: d, tilt: 70, heading: 0 });
    expect(f.drawnAs[0]).toBe(1);
    expect(f.drawnAs[1]).toBe(1);
  });

  it('culls places far outside a close view', () => {
    const { f, log } = field();
    look(f, { x: 0, z: 0, distance: 8, tilt: 80, heading: 0 }, false);
    expect(log.singles.sort()).toEqual([0, 1]);
    const r = viewRect(basisOf({ x: 0, z: 0, distance: 8, tilt: 80, heading: 0 }, FOV, vp), vp)!;
    expect(r.maxX - r.minX).toBeLessThan(20);
    // Looking at the horizon, the whole table may be visible: no culling.
    expect(viewRect(basisOf({ x: 0, z: 0, distance: 8, tilt: 5, heading: 0 }, FOV, vp), vp)).toBeNull();
  });

  it('a frame projects only the places drawn as themselves; counting projects the rest', () => {
    const { f } = field();
    look(f, far);
    // 4 and 5 are drawn as themselves; 0–3 are inside clusters.
    expect(Number.isFinite(f.headScreen[4 * 3]!)).toBe(true);
    expect(Number.isNaN(f.headScreen[0]!)).toBe(true);
    expect(f.countInRect({ left: -1e6, top: -1e6, right: 1e6, bottom: 1e6 })).toEqual({
      inside: 6,
      visible: 6,
    });
    expect(Number.isFinite(f.headScreen[0]!)).toBe(true);
    // A tap still finds a place drawn as itself after the camera turned.
    look(f, { ...far, heading: 40 });
    const x = f.headScreen[5 * 3]!;
    const y = f.headScreen[5 * 3 + 1]!;
    expect(f.pick(x, y, 10)).toEqual({ kind: 'place', index: 5 });
  });

  it('projects without allocating per frame', () => {
    const { f } = field();
    look(f, far);
    const screen = f.headScreen;
    look(f, { ...far, heading: 5 });
    expect(f.headScreen).toBe(screen);
  });
  it("projects each head where the camera's own projection puts it, and marks those behind the eye", () => {
    const rnd = seeded(11);
    const n = 400;
    const { f, px, pz } = randomField(rnd, n, 50, 40, 0.3);
    for (let i = 0; i < n; i++) f.ground[i] = rnd() * 2;
    const poses: TablePose[] = [
      { x: 0, z: 0, distance: 9.6, tilt: 50, heading: 20 },
      { x: 10, z: -5, distance: 30, tilt: 80, heading: 200 },
      // Low over the table: some places lie behind the eye.
      { x: 0, z: 0, distance: 6, tilt: 10, heading: 90 },
    ];
    let behind = 0;
    for (const pose of poses) {
      const basis = basisOf(pose, FOV, vp);
      const scale = markerScaleAt(pose.distance, vp);
      f.update({ basis, viewport: vp, scale, clusterOn: false, cull: false });
      f.project(basis, vp, scale);
      for (let i = 0; i < n; i++) {
        const want = projectPoint(basis, vp, {
          x: px[i]!,
          y: f.ground[i]! + MARKER_HEAD_Y * scale,
          z: pz[i]!,
        });
        if (want === null) {
          behind++;
          expect(f.headScreen[i * 3 + 2]).toBe(-1);
          continue;
        }
        expect(f.headScreen[i * 3]).toBeCloseTo(want.x, 1);
        expect(f.headScreen[i * 3 + 1]).toBeCloseTo(want.y, 1);
        expect(f.headScreen[i * 3 + 2]).toBeCloseTo(want.depth, 3);
      }
    }
    expect(behind).toBeGreaterThan(0);
  });
  it('never culls a place whose marker is on screen, through drags, turns and zooms', () => {
    const rnd = seeded(3);
    const n = 3000;
    const { f, px, pz } = randomField(rnd, n, 60, 45, 0);
    f.attach(sinks().s);
    for (let i = 0; i < n; i++) f.ground[i] = rnd() * 2.5;
    let drawn = 0;
    let culled = 0;
    let pose: TablePose = { x: 0, z: 0, distance: 9.6, tilt: 50, heading: 20 };
    for (let step = 0; step < 120; step++) {
      // A drag, a turn or a zoom, in small steps as a finger makes them.
      const k = Math.floor(step / 10) % 4;
      pose = {
        x: pose.x + (k === 0 ? 0.6 : 0),
        z: pose.z + (k === 1 ? -0.5 : 0),
        distance: Math.min(60, Math.max(7, pose.distance * (k === 2 ? 1.08 : 1))),
        tilt: Math.min(85, Math.max(30, pose.tilt + (k === 3 ? -1.5 : 0.3))),
        heading: pose.heading + (k === 3 ? 4 : 1),
      };
      const basis = basisOf(pose, FOV, vp);
      const scale = markerScaleAt(pose.distance, vp);
      f.update({ basis, viewport: vp, scale, clusterOn: false, cull: true });
      for (let i = 0; i < n; i++) {
        const foot = projectPoint(basis, vp, { x: px[i]!, y: f.ground[i]!, z: pz[i]! });
        const head = projectPoint(basis, vp, {
          x: px[i]!,
          y: f.ground[i]! + MARKER_HEAD_Y * scale,
          z: pz[i]!,
        });
        const on = [foot, head].some((p) => p && p.x >= 0 && p.x <= vp.width && p.y >= 0 && p.y <= vp.height);
        if (f.drawnAs[i] === 0) culled++;
        else drawn++;
        if (on) expect(f.drawnAs[i], `place ${i} at step ${step}`).toBe(1);
      }
    }
    // Culling does cull: most of the table is off screen in these views.
    expect(culled).toBeGreaterThan(drawn);
  });
});
