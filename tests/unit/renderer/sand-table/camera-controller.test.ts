import { describe, expect, it } from 'vitest';
import { basisOf, projectMany } from '../../../../renderer/src/sand-table/camera-math';
import {
  CameraController,
  fitMargins,
  fitPose,
  FOV,
  poseCentring,
  safeRect,
} from '../../../../renderer/src/sand-table/camera-controller';
import {
  CLUSTER_MARKERS,
  clusterTokenSize,
  HEAD_RADIUS,
  markerScaleAt,
  TOKEN_RING_RADIUS,
} from '../../../../renderer/src/sand-table/clustering';
import { HERE_BEACON_WIDTHS } from '../../../../renderer/src/sand-table/marker-field';
import { LABEL_BUDGET, placeNames, tokenRadiiPx } from '../../../../renderer/src/sand-table/label-host';
import { labelBudget, LabelPlacer, zoom01Of } from '../../../../renderer/src/sand-table/label-placer';
import { createProjection } from '../../../../renderer/src/sand-table/projection';
import type { TablePose, Viewport } from '../../../../renderer/src/sand-table/types';
import { defaultManifest, tableView, VIEWS } from './default-pack-view';

const rect = { minX: -100, maxX: 100, minZ: -100, maxZ: 100 };
const limits = { minDistance: 2, maxDistance: 300, minTilt: 20, maxTilt: 89, rect };

function projected(pose: TablePose, viewport: Viewport, xyz: Float32Array): Float32Array {
  const out = new Float32Array(xyz.length);
  projectMany(basisOf(pose, FOV, viewport), viewport, xyz, out);
  return out;
}

function bbox(screen: Float32Array) {
  let l = Infinity;
  let r = -Infinity;
  let t = Infinity;
  let b = -Infinity;
  for (let i = 0; i < screen.length; i += 3) {
    l = Math.min(l, screen[i]!);
    r = Math.max(r, screen[i]!);
    t = Math.min(t, screen[i + 1]!);
    b = Math.max(b, screen[i + 1]!);
  }
  return { l, r, t, b };
}

const spread = Float32Array.from([-80, 0, -30, 60, 0, 40, 10, 0, 90, -20, 0, -70, 75, 0, -60]);

describe('fit to content', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
    { width: 1366, height: 768 },
  ]) {
    it(`frames every point in the free area and fills it (${viewport.width}×${viewport.height})`, () => {
      const safe = safeRect(viewport, { top: 150, right: 0, bottom: 90, left: 0 });
      const margins = fitMargins(safe, 14);
      const pose = fitPose(spread, 60, 0, viewport, safe, margins)!;
      const box = bbox(projected(pose, viewport, spread));
      expect(box.l).toBeGreaterThanOrEqual(safe.left + margins.left - 1);
      expect(box.r).toBeLessThanOrEqual(safe.right - margins.right + 1);
      expect(box.t).toBeGreaterThanOrEqual(safe.top + margins.top - 1);
      expect(box.b).toBeLessThanOrEqual(safe.bottom - margins.bottom + 1);
      // Fills the room along one axis at least.
      const roomW = safe.right - safe.left - margins.left - margins.right;
      const roomH = safe.bottom - safe.top - margins.top - margins.bottom;
      expect(Math.max((box.r - box.l) / roomW, (box.b - box.t) / roomH)).toBeGreaterThan(0.95);
    });
  }

  it('keeps the tilt and heading it is given', () => {
    const pose = fitPose(
      spread,
      45,
      30,
      { width: 800, height: 600 },
      safeRect({ width: 800, height: 600 }, { top: 0, right: 0, bottom: 0, left: 0 }),
      fitMargins({ left: 0, top: 0, right: 800, bottom: 600 }, 14),
    )!;
    expect(pose.tilt).toBe(45);
    expect(pose.heading).toBe(30);
    expect(
      fitPose(
        new Float32Array(0),
        45,
        0,
        { width: 10, height: 10 },
        { left: 0, top: 0, right: 10, bottom: 10 },
        fitMargins({ left: 0, top: 0, right: 10, bottom: 10 }, 1),
      ),
    ).toBeNull();
  });

  it('never lets panels squeeze the free area to nothing', () => {
    const s = safeRect({ width: 1000, height: 800 }, { top: 900, right: 0, bottom: 900, left: 0 });
    expect(s.bottom - s.top).toBeGreaterThanOrEqual(200);
  });
});

describe('camera controller', () => {
  const make = () => {
    const cam = new CameraController({
      limits,
      homeView: { tilt: 60, heading: 0 },
      fallbackHome: { x: 0, z: 0, distance: 200, tilt: 60, heading: 0 },
    });
    cam.setViewport({ width: 1920, height: 1080 });
    cam.setContent(spread);
    return cam;
  };

  it('starts at the fitted home and follows a resize or a panel change while there', () => {
    const cam = make();
    expect(cam.pose).toEqual(cam.home);
    const before = cam.home;
    cam.setInsets({ top: 300, right: 0, bottom: 0, left: 0 });
    expect(cam.home).not.toEqual(before);
    expect(cam.pose).toEqual(cam.home);
    cam.setViewport({ width: 1080, height: 1920 });
    expect(cam.pose).toEqual(cam.home);
  });

  it('widens the far limit when a tall screen needs to stand back to show everything', () => {
    const cam = new CameraController({
      limits: { ...limits, maxDistance: 50 },
      homeView: { tilt: 60, heading: 0 },
      fallbackHome: { x: 0, z: 0, distance: 40, tilt: 60, heading: 0 },
    });
    cam.setViewport({ width: 1080, height: 1920 });
    cam.setContent(spread);
    expect(cam.limits.maxDistance).toBeGreaterThan(50);
    expect(cam.home.distance).toBeLessThanOrEqual(cam.limits.maxDistance);
  });

  it('after a gesture, reset flies back home and ends exactly there', () => {
    const cam = make();
    cam.gesture({ kind: 'begin' });
    cam.gesture({ kind: 'zoom', factor: 0.3, x: 900, y: 500 });
    cam.gesture({ kind: 'pan', fromX: 900, fromY: 500, toX: 500, toY: 300 });
    expect(cam.isAtHome).toBe(false);
    cam.setInsets({ top: 100, right: 0, bottom: 0, left: 0 });
    expect(cam.pose).not.toEqual(cam.home);
    cam.flyHome();
    while (cam.step(16));
    expect(cam.pose).toEqual(cam.home);
    expect(cam.isAtHome).toBe(true);
  });

  it('finishFlight lands a flight exactly where stepping it through would', () => {
    const stepped = make();
    const finished = make();
    for (const cam of [stepped, finished]) {
      cam.flyToPlace({ x: 60, z: 40 });
      cam.step(200);
      cam.setInsets({ top: 120, right: 700, bottom: 0, left: 0 });
    }
    while (stepped.step(16));
    expect(finished.finishFlight()).toBe(true);
    expect(finished.moving).toBe(false);
    expect(finished.pose).toEqual(stepped.pose);
    expect(finished.finishFlight()).toBe(false);
    // Home ends exactly at home, and counts as being there.
    finished.flyHome();
    finished.step(16);
    expect(finished.finishFlight()).toBe(true);
    expect(finished.pose).toEqual(finished.home);
    expect(finished.isAtHome).toBe(true);
  });

  it('frames a place in the free part beside a card, and re-aims when the card appears', () => {
    const cam = make();
    const vp = cam.viewport;
    const place = { x: 60, z: 40 };
    cam.flyToPlace(place);
    // The card opens on the right while the camera flies.
    cam.setInsets({ top: 120, right: 700, bottom: 0, left: 0 });
    while (cam.step(16));
    const s = projected(cam.pose, vp, Float32Array.from([place.x, 0, place.z]));
    const safe = cam.safe;
    expect(Math.abs(s[0]! - (safe.left + safe.right) / 2)).toBeLessThan(3);
    expect(Math.abs(s[1]! - (safe.top + safe.bottom) / 2)).toBeLessThan(3);
    expect(cam.pose.distance).toBeLessThan(cam.home.distance);
    // In portrait, the bottom sheet: the place sits above it.
    cam.setViewport({ width: 1080, height: 1920 });
    cam.setInsets({ top: 300, right: 0, bottom: 1000, left: 0 });
    while (cam.step(16));
    const p = projected(cam.pose, cam.viewport, Float32Array.from([place.x, 0, place.z]));
    expect(p[1]!).toBeLessThan(1920 - 1000);
    expect(p[1]!).toBeGreaterThan(300);
  });

  it('a framed place stays still when a panel changes by a pixel', () => {
    const cam = make();
    cam.flyToPlace({ x: 60, z: 40 });
    cam.setInsets({ top: 120, right: 700, bottom: 0, left: 0 });
    while (cam.step(16));
    const at = cam.pose;
    // The card's edge moves by a pixel (an image loaded inside it, a rounding): no new flight.
    cam.setInsets({ top: 120, right: 701, bottom: 0, left: 0 });
    expect(cam.step(16)).toBe(false);
    expect(cam.pose).toEqual(at);
  });

  it('centres a point where asked', () => {
    const vp = { width: 1000, height: 800 };
    const safe = { left: 0, top: 100, right: 600, bottom: 800 };
    const pose = poseCentring({ x: 10, z: -5 }, { distance: 50, tilt: 55, heading: 20 }, vp, safe);
    const s = projected(pose, vp, Float32Array.from([10, 0, -5]));
    expect(s[0]!).toBeCloseTo(300, 0);
    expect(s[1]!).toBeCloseTo(450, 0);
  });

  it('a fling coasts to rest and reduced motion has none', () => {
    const cam = make();
    cam.gesture({ kind: 'fling', mode: 'pan', vx: 1, vy: 0, x: 500, y: 500 });
    const start = cam.pose;
    let frames = 0;
    while (cam.step(16)) frames++;
    expect(frames).toBeGreaterThan(5);
    expect(cam.pose.x).not.toBeCloseTo(start.x, 3);
    cam.reducedMotion = true;
    cam.gesture({ kind: 'fling', mode: 'pan', vx: 1, vy: 0, x: 500, y: 500 });
    expect(cam.moving).toBe(false);
  });
});

describe('the default pack at the start view', () => {
  const manifest = defaultManifest();
  for (const v of VIEWS) {
    it(`shows every place in the free part of ${v.name}, and any place is within two taps`, () => {
      const view = tableView(manifest, v.viewport, v.insets);
      const { field, camera } = view;
      expect(field.countInRect(camera.safe)).toEqual({
        inside: manifest.places.length,
        visible: manifest.places.length,
      });
      const home = camera.pose;
      const clusters = field.clustering.clusters.map((c) => [...c.members]);
      const reached = new Set(field.clustering.singles);
      for (const members of clusters) {
        camera.jumpTo(home);
        view.refresh();
        camera.jumpTo(camera.fitCluster(field.headPoints(0, members), camera.limits.minDistance * 2.1));
        view.refresh();
        for (const m of members) {
          const x = field.headScreen[m * 3]!;
          const y = field.headScreen[m * 3 + 1]!;
          const s = camera.safe;
          if (field.drawnAs[m] === 1 && x >= s.left && x <= s.right && y >= s.top && y <= s.bottom)
            reached.add(m);
        }
      }
      expect([...reached].sort((a, b) => a - b)).toEqual(manifest.places.map((_, i) => i));
    });

    it(`draws no cluster token over another, over a marker or over "you are here" at ${v.name}`, () => {
      const { field } = tableView(manifest, v.viewport, v.insets);
      const c = field.clustering;
      expect(c.clusters.length).toBeGreaterThan(1);
      // The widest a marker gets at this zoom level: what the tokens make room for.
      const w = c.cell / CLUSTER_MARKERS;
      const spec = manifest.sandTable!;
      const here = createProjection(spec.projection).toTable(spec.hereAt!.position);
      const head = field.headPoints(0);
      const discs = [
        ...c.singles.map((i) => ({
          n: manifest.places[i]!.id,
          x: head[i * 3]!,
          z: head[i * 3 + 2]!,
          r: HEAD_RADIUS * w,
        })),
        { n: 'you are here', x: here.x, z: here.z, r: HERE_BEACON_WIDTHS * w },
      ];
      const tokens = c.clusters.map((k) => ({
        n: k.members.map((m) => manifest.places[m]!.id).join('+'),
        x: k.x,
        z: k.z,
        r: TOKEN_RING_RADIUS * clusterTokenSize(k.members.length) * w,
      }));
      const overlapping: string[] = [];
      tokens.forEach((t, i) => {
        for (const d of [...discs, ...tokens.slice(i + 1)])
          if (Math.hypot(t.x - d.x, t.z - d.z) < t.r + d.r) overlapping.push(`${t.n} ~ ${d.n}`);
      });
      expect(overlapping).toEqual([]);
    });

    it(`puts no place's name over a cluster token at ${v.name}; names 8 places, counts every token`, () => {
      const { field, camera } = tableView(manifest, v.viewport, v.insets);
      const pose = camera.pose;
      const basis = basisOf(pose, FOV, v.viewport);
      const counts = field.clustering.clusters.map((k) => k.members.length);
      const radii = new Float32Array(counts.length);
      tokenRadiiPx(
        counts,
        field.clusterScreen,
        { viewport: v.viewport, basis, markerScale: markerScaleAt(pose.distance, v.viewport) },
        radii,
      );
      const placer = new LabelPlacer(
        LABEL_BUDGET,
        manifest.places.map((p) => p.id),
      );
      const zoom = zoom01Of(pose.distance, camera.limits.minDistance, camera.limits.maxDistance);
      placer.layout(
        {
          headScreen: field.headScreen,
          drawnAs: field.drawnAs,
          selected: -1,
          hovered: -1,
          clusterScreen: field.clusterScreen,
          clusterCounts: counts,
          clusterRadiusPx: radii,
          extras: [],
          bounds: camera.safe,
          fontPx: 14,
          budget: labelBudget(zoom, LABEL_BUDGET),
        },
        placeNames(manifest, manifest.places, () => manifest.defaultLanguage),
      );
      const covered: string[] = [];
      const placed = placer.placed.slice(0, placer.count);
      for (const p of placed.filter((q) => q.kind === 'place')) {
        counts.forEach((_, k) => {
          const x = field.clusterScreen[k * 3]!;
          const y = field.clusterScreen[k * 3 + 1]!;
          const dx = Math.max(p.left - x, 0, x - (p.left + p.width));
          const dy = Math.max(p.top - y, 0, y - (p.top + p.height));
          if (dx * dx + dy * dy < radii[k]! ** 2) covered.push(`${p.primary} over token ${k} (${counts[k]})`);
        });
      }
      expect(covered).toEqual([]);
      expect(radii.every((r) => r > 8)).toBe(true);
      expect(placer.placeCount).toBeGreaterThanOrEqual(Math.min(8, manifest.places.length));
      expect(placed.filter((p) => p.kind === 'cluster')).toHaveLength(counts.length);
    });
  }
});
