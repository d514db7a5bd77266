import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { CameraLimits } from '../../../../renderer/src/sand-table/camera-math';
import {
  basisOf,
  clampPose,
  groundPointAt,
  headingDelta,
  normaliseHeading,
  orbit,
  panBetween,
  projectMany,
  projectPoint,
  rotateAt,
  unitsPerPixel,
  zoomAt,
} from '../../../../renderer/src/sand-table/camera-math';
import type { TablePose } from '../../../../renderer/src/sand-table/types';

const vp = { width: 1600, height: 900 };
const FOV = 35;
const limits: CameraLimits = {
  minDistance: 5,
  maxDistance: 400,
  minTilt: 20,
  maxTilt: 89,
  rect: { minX: -100, maxX: 100, minZ: -80, maxZ: 80 },
};
const pose: TablePose = { x: 10, z: -5, distance: 120, tilt: 50, heading: 30 };

describe('basis and projection', () => {
  it('projects the target to the screen centre and back', () => {
    const b = basisOf(pose, FOV, vp);
    const s = projectPoint(b, vp, { x: pose.x, y: 0, z: pose.z });
    expect(s?.x).toBeCloseTo(800, 6);
    expect(s?.y).toBeCloseTo(450, 6);
    expect(s?.depth).toBeCloseTo(120, 6);
    const g = groundPointAt(b, vp, { x: 800, y: 450 });
    expect(g?.x).toBeCloseTo(pose.x, 6);
    expect(g?.z).toBeCloseTo(pose.z, 6);
  });

  it('agrees with a three.js camera using Euler YXZ', () => {
    const b = basisOf(pose, FOV, vp);
    const cam = new PerspectiveCamera(FOV, vp.width / vp.height, 0.1, 5000);
    cam.position.set(b.eye.x, b.eye.y, b.eye.z);
    cam.rotation.set((-pose.tilt * Math.PI) / 180, (-pose.heading * Math.PI) / 180, 0, 'YXZ');
    cam.updateMatrixWorld();
    for (const p of [
      { x: 0, y: 0, z: 0 },
      { x: 30, y: 4, z: -20 },
      { x: -50, y: 0, z: 40 },
    ]) {
      const v = new Vector3(p.x, p.y, p.z).project(cam);
      const s = projectPoint(b, vp, p);
      expect(s?.x).toBeCloseTo(((v.x + 1) / 2) * vp.width, 4);
      expect(s?.y).toBeCloseTo(((1 - v.y) / 2) * vp.height, 4);
    }
  });

  it('looks north at heading 0: a point north of the target is above the centre', () => {
    const b = basisOf({ ...pose, heading: 0 }, FOV, vp);
    const s = projectPoint(b, vp, { x: pose.x, y: 0, z: pose.z - 10 });
    expect(s!.y).toBeLessThan(450);
    const east = projectPoint(b, vp, { x: pose.x + 10, y: 0, z: pose.z });
    expect(east!.x).toBeGreaterThan(800);
  });

  it('stays well defined looking straight down', () => {
    const b = basisOf({ ...pose, tilt: 90 }, FOV, vp);
    const s = projectPoint(b, vp, { x: pose.x, y: 0, z: pose.z });
    expect(s?.x).toBeCloseTo(800, 6);
    expect(s?.y).toBeCloseTo(450, 6);
  });

  it('projectMany matches projectPoint and marks points behind the eye', () => {
    const b = basisOf(pose, FOV, vp);
    const pts = new Float32Array([
      0,
      0,
      0,
      20,
      2,
      10,
      b.eye.x * 2 - pose.x,
      b.eye.y * 2,
      b.eye.z * 2 - pose.z,
    ]);
    const out = new Float32Array(9);
    projectMany(b, vp, pts, out);
    const one = projectPoint(b, vp, { x: 20, y: 2, z: 10 })!;
    expect(out[3]).toBeCloseTo(one.x, 2);
    expect(out[4]).toBeCloseTo(one.y, 2);
    expect(out[8]).toBeLessThan(0);
  });

  it('misses the table above the horizon', () => {
    const b = basisOf({ ...pose, tilt: 10 }, FOV, vp);
    expect(groundPointAt(b, vp, { x: 800, y: 0 })).toBeNull();
  });

  it('gives units per pixel from distance and fov', () => {
    expect(unitsPerPixel(pose, FOV, vp)).toBeCloseTo((2 * 120 * Math.tan((17.5 * Math.PI) / 180)) / 900, 9);
  });
});

describe('bounds', () => {
  it('clamps distance, tilt and target to the limits', () => {
    const c = clampPose({ x: 500, z: -500, distance: 1, tilt: 3, heading: 540 }, limits);
    expect(c).toEqual({ x: 100, z: -80, distance: 5, tilt: 20, heading: 180 });
    const d = clampPose({ x: 0, z: 0, distance: 9999, tilt: 120, heading: -190 }, limits);
    expect(d.distance).toBe(400);
    expect(d.tilt).toBe(89);
    expect(d.heading).toBe(170);
  });

  it('normalises headings and finds the short way round', () => {
    expect(normaliseHeading(-180)).toBe(180);
    expect(normaliseHeading(720 + 10)).toBe(10);
    expect(headingDelta(170, -170)).toBe(20);
    expect(headingDelta(-170, 170)).toBe(-20);
  });

  it('orbit changes heading and tilt within limits', () => {
    const o = orbit(pose, 10, 100, limits);
    expect(o.heading).toBe(40);
    expect(o.tilt).toBe(89);
    expect(o.x).toBe(pose.x);
  });
});

describe('gesture operations keep the anchor under the fingers', () => {
  const anchor = { x: 1100, y: 600 };

  it('zoomAt', () => {
    const before = groundPointAt(basisOf(pose, FOV, vp), vp, anchor)!;
    const z = zoomAt(pose, 0.5, anchor, FOV, vp, limits);
    expect(z.distance).toBeCloseTo(60, 9);
    const after = groundPointAt(basisOf(z, FOV, vp), vp, anchor)!;
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.z).toBeCloseTo(before.z, 6);
  });

  it('zoomAt stops at the limits', () => {
    expect(zoomAt(pose, 1e-6, anchor, FOV, vp, limits).distance).toBe(5);
    expect(zoomAt(pose, 1e6, null, FOV, vp, limits).distance).toBe(400);
  });

  it('rotateAt', () => {
    const before = groundPointAt(basisOf(pose, FOV, vp), vp, anchor)!;
    const r = rotateAt(pose, 25, anchor, FOV, vp, limits);
    expect(r.heading).toBeCloseTo(5, 9);
    const after = groundPointAt(basisOf(r, FOV, vp), vp, anchor)!;
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.z).toBeCloseTo(before.z, 6);
  });

  it('panBetween moves the table with the finger', () => {
    const from = { x: 700, y: 500 };
    const to = { x: 760, y: 470 };
    const grabbed = groundPointAt(basisOf(pose, FOV, vp), vp, from)!;
    const p = panBetween(pose, from, to, FOV, vp, limits);
    const now = groundPointAt(basisOf(p, FOV, vp), vp, to)!;
    expect(now.x).toBeCloseTo(grabbed.x, 6);
    expect(now.z).toBeCloseTo(grabbed.z, 6);
  });

  it('panBetween cannot push the target off the table', () => {
    let p = pose;
    for (let i = 0; i < 200; i++) p = panBetween(p, { x: 800, y: 450 }, { x: 1500, y: 450 }, FOV, vp, limits);
    expect(p.x).toBeGreaterThanOrEqual(-100);
    expect(p.x).toBeLessThanOrEqual(100);
    expect(p.z).toBeGreaterThanOrEqual(-80);
    expect(p.z).toBeLessThanOrEqual(80);
  });
});
