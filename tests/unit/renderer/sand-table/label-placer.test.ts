import { describe, expect, it } from 'vitest';
import type { LabelScene, PlaceNames } from '../../../../renderer/src/sand-table/label-placer';
import {
  estimateTextWidth,
  labelBudget,
  LabelPlacer,
  overlapFree,
  zoom01Of,
} from '../../../../renderer/src/sand-table/label-placer';

/** A scene of `n` places at the given screen points, all drawn as themselves. */
function sceneOf(points: readonly [number, number][], patch: Partial<LabelScene> = {}): LabelScene {
  const headScreen = new Float32Array(points.length * 3);
  points.forEach(([x, y], i) => headScreen.set([x, y, 10], i * 3));
  return {
    headScreen,
    drawnAs: new Int8Array(points.length).fill(1),
    selected: -1,
    hovered: -1,
    clusterScreen: new Float32Array(0),
    clusterCounts: [],
    extras: [],
    bounds: { left: 0, top: 0, right: 800, bottom: 600 },
    fontPx: 14,
    budget: 64,
    ...patch,
  };
}

/** A repeatable sequence of numbers in [0, 1). */
function seeded(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const names: PlaceNames = { primary: (i) => `Place ${i}`, secondary: (i) => `地点${i}` };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);

describe('label placer', () => {
  it('names every place that has room, none overlapping, inside the bounds', () => {
    const pts: [number, number][] = Array.from({ length: 12 }, (_, i) => [
      80 + (i % 4) * 200,
      100 + Math.floor(i / 4) * 180,
    ]);
    const placer = new LabelPlacer(64, ids(12));
    placer.layout(sceneOf(pts), names);
    expect(placer.placeCount).toBe(12);
    expect(overlapFree(placer.placed, placer.count)).toBe(true);
    for (const p of placer.placed.slice(0, placer.count)) {
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.top).toBeGreaterThanOrEqual(0);
      expect(p.left + p.width).toBeLessThanOrEqual(800);
      expect(p.key).toMatch(/^p:id\d+$/);
    }
  });

  it("puts no place's name over a cluster token: it moves to a side that is free, or waits", () => {
    // A token just above the place: the name's first choice (above) would cover it.
    const token = new Float32Array([400, 268, 10]);
    const radius = new Float32Array([16]);
    const placer = new LabelPlacer(64, ids(1));
    placer.layout(
      sceneOf([[400, 300]], { clusterScreen: token, clusterCounts: [3], clusterRadiusPx: radius }),
      names,
    );
    const covers = (p: { left: number; top: number; width: number; height: number }) => {
      const dx = Math.max(p.left - 400, 0, 400 - (p.left + p.width));
      const dy = Math.max(p.top - 268, 0, 268 - (p.top + p.height));
      return dx * dx + dy * dy < 16 * 16;
    };
    const placed = placer.placed.slice(0, placer.count);
    const name = placed.find((p) => p.kind === 'place');
    expect(name?.placement).not.toBe('above');
    expect(covers(name!)).toBe(false);
    // The token's own count is still shown (it keeps off other labels only).
    expect(placed.filter((p) => p.kind === 'cluster').map((p) => p.primary)).toEqual(['3']);
    // Without the token's size the placer knows nothing to avoid: the name goes above, over it.
    const blind = new LabelPlacer(64, ids(1));
    blind.layout(sceneOf([[400, 300]], { clusterScreen: token, clusterCounts: [3] }), names);
    expect(blind.placed[0]?.placement).toBe('above');
    expect(covers(blind.placed[0]!)).toBe(true);
  });

  it('moves a colliding label aside, and drops one with no free spot', () => {
    const placer = new LabelPlacer(64, ids(30));
    placer.layout(sceneOf(Array.from({ length: 30 }, () => [400, 300] as [number, number])), names);
    // Four spots around one anchor: at most four names.
    expect(placer.placeCount).toBeLessThanOrEqual(4);
    expect(placer.placeCount).toBeGreaterThanOrEqual(2);
    expect(overlapFree(placer.placed, placer.count)).toBe(true);
    expect(new Set(placer.placed.slice(0, placer.count).map((p) => p.placement)).size).toBe(placer.count);
  });

  it('ranks by the pack order, the selected and hovered place first, and respects the budget', () => {
    const pts: [number, number][] = Array.from({ length: 20 }, (_, i) => [40 + i * 38, 300]);
    const placer = new LabelPlacer(64, ids(20));
    placer.layout(sceneOf(pts, { budget: 3, selected: 17, hovered: 12 }), names);
    const keys = placer.placed.slice(0, placer.count).map((p) => p.key);
    expect(keys.slice(0, 2)).toEqual(['p:id17', 'p:id12']);
    expect(keys).toHaveLength(3);
    expect(placer.placed[0]).toMatchObject({ selected: true, secondary: '地点17' });
    placer.setRank([5, 4, 3, 2, 1, 0]);
    placer.layout(sceneOf(pts.slice(0, 6), { budget: 2 }), names);
    expect(placer.placed.slice(0, 2).map((p) => p.key)).toEqual(['p:id5', 'p:id4']);
  });

  it('keeps labels out of the panels and skips places inside clusters or behind the eye', () => {
    const placer = new LabelPlacer(64, ids(3));
    const scene = sceneOf(
      [
        [400, 50],
        [400, 300],
        [600, 300],
      ],
      { bounds: { left: 0, top: 120, right: 800, bottom: 600 } },
    );
    scene.drawnAs[2] = 2;
    placer.layout(scene, names);
    expect(placer.placed.slice(0, placer.count).map((p) => p.key)).toEqual(['p:id1']);
    scene.drawnAs[2] = 1;
    scene.headScreen[2 * 3 + 2] = -1;
    placer.layout(scene, names);
    expect(placer.placeCount).toBe(1);
  });

  it('adds cluster counts and "you are here" without counting them as names', () => {
    const placer = new LabelPlacer(64, ids(1));
    placer.layout(
      sceneOf([[100, 300]], {
        clusterScreen: Float32Array.from([500, 300, 10]),
        clusterCounts: [7],
        extras: [{ key: 'here', kind: 'here', text: '本馆', x: 300, y: 200 }],
      }),
      names,
    );
    expect(placer.placeCount).toBe(1);
    const kinds = placer.placed.slice(0, placer.count).map((p) => `${p.kind}:${p.primary}`);
    expect(kinds).toEqual(['here:本馆', 'place:Place 0', 'cluster:7']);
  });

  it('allocates nothing new for a steady layout of 10,000 places', () => {
    const n = 10_000;
    const pts = Array.from({ length: n }, (_, i) => [(i * 37) % 1900, (i * 53) % 1060] as [number, number]);
    const placer = new LabelPlacer(64, ids(n));
    const scene = sceneOf(pts, { bounds: { left: 0, top: 0, right: 1920, bottom: 1080 } });
    placer.layout(scene, names);
    const first = placer.placed[0];
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) placer.layout(scene, names);
    const ms = (performance.now() - t0) / 20;
    expect(placer.placed[0]).toBe(first);
    expect(placer.count).toBeLessThanOrEqual(64);
    // Generous: the budget caps the scan long before 10,000 candidates.
    expect(ms).toBeLessThan(20);
  });

  it('looks only at the places drawn as themselves, in rank order, sorting them once per clustering', () => {
    const rnd = seeded(5);
    const n = 3000;
    const pts = Array.from({ length: n }, () => [rnd() * 800, rnd() * 600] as [number, number]);
    // A tenth drawn as themselves (the rest in clusters or culled), listed in no particular order.
    const drawnAs = new Int8Array(n);
    const drawn: number[] = [];
    for (let i = n - 1; i >= 0; i -= 10) {
      drawnAs[i] = 1;
      drawn.push(i);
    }
    const order = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const scanAll = new LabelPlacer(64, ids(n));
    const listed = new LabelPlacer(64, ids(n));
    scanAll.setRank(order);
    listed.setRank(order);
    const scene = sceneOf(pts, { drawnAs });
    scanAll.layout(scene, names);
    listed.layout({ ...scene, drawn }, names);
    const keys = (p: LabelPlacer) => p.placed.slice(0, p.count).map((l) => `${l.key} ${l.placement}`);
    expect(listed.placeCount).toBeGreaterThan(20);
    expect(keys(listed)).toEqual(keys(scanAll));
    // The same list again is not sorted again (the field replaces it when the clustering changes).
    const sorted = (listed as unknown as { drawnOut: Int32Array }).drawnOut;
    listed.layout({ ...scene, drawn }, names);
    expect((listed as unknown as { drawnOut: Int32Array }).drawnOut).toBe(sorted);
    // A new clustering: a new list.
    const fewer = drawn.slice(0, 50);
    const fewerAs = new Int8Array(n);
    for (const i of fewer) fewerAs[i] = 1;
    scanAll.layout(sceneOf(pts, { drawnAs: fewerAs }), names);
    listed.layout({ ...sceneOf(pts, { drawnAs: fewerAs }), drawn: fewer }, names);
    expect(keys(listed)).toEqual(keys(scanAll));
  });

  it('shows more names as the visitor comes closer', () => {
    expect(labelBudget(0, 64)).toBe(12);
    expect(labelBudget(0.3, 64)).toBeGreaterThan(12);
    expect(labelBudget(1, 64)).toBe(64);
    expect(zoom01Of(420, 3, 420)).toBeCloseTo(0, 6);
    expect(zoom01Of(3, 3, 420)).toBeCloseTo(1, 6);
  });

  it('estimates CJK wider than Latin', () => {
    expect(estimateTextWidth('瞿秋白纪念馆', 20)).toBe(120);
    expect(estimateTextWidth('Memorial', 20)).toBeLessThan(120);
  });
  it('measures no name of a head too far off screen to be labelled, and places the same labels', () => {
    // 2,000 heads in a ring well outside the bounds, 20 inside: only the 20 may cost a measurement.
    const inside: [number, number][] = Array.from({ length: 20 }, (_, i) => [
      60 + (i % 5) * 160,
      80 + Math.floor(i / 5) * 130,
    ]);
    const outside: [number, number][] = Array.from({ length: 2000 }, (_, i) => {
      const a = (i / 2000) * Math.PI * 2;
      return [400 + Math.cos(a) * 900, 300 + Math.sin(a) * 900];
    });
    const measured = new Set<number>();
    const spy: PlaceNames = {
      primary: (i) => {
        measured.add(i);
        return names.primary(i);
      },
      secondary: names.secondary,
    };
    const placer = new LabelPlacer(64, ids(2020));
    placer.layout(sceneOf([...outside, ...inside]), spy);
    expect(placer.placeCount).toBe(20);
    expect([...measured].every((i) => i >= 2000)).toBe(true);
    // Heads just beyond the edge whose label still fits (to the right of, or below, the head).
    const edge = new LabelPlacer(64, ids(2));
    edge.layout(
      sceneOf([
        [-4, 300],
        [400, -5],
      ]),
      names,
    );
    expect(edge.placeCount).toBe(2);
    expect(edge.placed.slice(0, 2).map((p) => p.placement)).toEqual(['right', 'below']);
  });

  describe('while the camera moves (sticky)', () => {
    /** Only the spot above a head at (400, 300) lies inside these bounds. */
    const tight = { left: 350, top: 250, right: 450, bottom: 300 };
    const keys = (p: LabelPlacer) => p.placed.slice(0, p.count).map((l) => l.key);

    it('a name on screen keeps its place against a more important one coming in; at rest the important one wins', () => {
      const placer = new LabelPlacer(64, ids(2));
      // Place 0 is off screen: place 1 has the one spot.
      placer.layout(
        sceneOf(
          [
            [2000, 2000],
            [400, 300],
          ],
          { bounds: tight },
        ),
        names,
      );
      expect(keys(placer)).toEqual(['p:id1']);
      // Place 0 comes onto the same spot during a drag: place 1 keeps it.
      const moved = sceneOf(
        [
          [400, 300],
          [401, 300],
        ],
        { bounds: tight },
      );
      placer.layout({ ...moved, sticky: true }, names);
      expect(keys(placer)).toEqual(['p:id1']);
      // The camera rests: the plain layout, the same as a placer with no past.
      placer.layout(moved, names);
      const fresh = new LabelPlacer(64, ids(2));
      fresh.layout(moved, names);
      expect(keys(placer)).toEqual(['p:id0']);
      expect(keys(fresh)).toEqual(['p:id0']);
    });

    it('a name keeps the side it had', () => {
      const placer = new LabelPlacer(64, ids(2));
      // Place 0's name just above place 1 pushes place 1's name to its right.
      placer.layout(
        sceneOf([
          [400, 279],
          [400, 300],
        ]),
        names,
      );
      expect(placer.placed[1]?.placement).toBe('right');
      // Place 0 leaves the screen: while moving, place 1's name stays on the right …
      const alone = sceneOf([
        [2000, 2000],
        [402, 300],
      ]);
      placer.layout({ ...alone, sticky: true }, names);
      expect(placer.placed[0]?.placement).toBe('right');
      expect(placer.placed[0]?.left).toBeGreaterThan(402);
      // … and at rest it goes above, its first choice.
      placer.layout(alone, names);
      expect(placer.placed[0]?.placement).toBe('above');
    });

    it('the names kept go in rank order within the budget', () => {
      const pts: [number, number][] = Array.from({ length: 10 }, (_, i) => [60 + i * 75, 300]);
      const placer = new LabelPlacer(64, ids(10));
      placer.setRank([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      placer.layout(sceneOf(pts), names);
      expect(placer.placeCount).toBe(10);
      placer.layout({ ...sceneOf(pts, { budget: 3 }), sticky: true }, names);
      expect(keys(placer)).toEqual(['p:id9', 'p:id8', 'p:id7']);
    });

    it('an orbit over a crowd: fewer names swap each frame, none overlapping, the budget kept', () => {
      const rnd = seeded(11);
      // A crowd in the middle of the screen, turning about its centre: no name leaves the bounds.
      const n = 400;
      const base = Array.from({ length: n }, () => [200 + rnd() * 400, 150 + rnd() * 300] as const);
      const churn = (sticky: boolean) => {
        const placer = new LabelPlacer(64, ids(n));
        let before = new Set<string>();
        let swapped = 0;
        for (let f = 0; f < 24; f++) {
          const a = f * 0.03;
          const pts = base.map(([x, y]): [number, number] => [
            400 + (x - 400) * Math.cos(a) - (y - 300) * Math.sin(a),
            300 + (x - 400) * Math.sin(a) + (y - 300) * Math.cos(a),
          ]);
          placer.layout({ ...sceneOf(pts, { budget: 64 }), sticky: sticky && f > 0 }, names);
          expect(overlapFree(placer.placed, placer.count)).toBe(true);
          expect(placer.count).toBeLessThanOrEqual(64);
          const now = new Set(keys(placer));
          if (f > 0) swapped += [...now].filter((k) => !before.has(k)).length;
          before = now;
        }
        return { swapped, last: placer.count };
      };
      const plain = churn(false);
      const sticky = churn(true);
      // 97 names came in over 23 frames laid out plainly, 62 sticky (names that collide as the
      // crowd turns still give way, in rank order).
      expect(plain.swapped).toBeGreaterThan(80);
      expect(sticky.swapped * 1.4).toBeLessThan(plain.swapped);
      expect(sticky.last).toBeGreaterThanOrEqual(plain.last * 0.8);
    });
  });
});
