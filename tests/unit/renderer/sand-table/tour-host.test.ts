import { describe, expect, it } from 'vitest';
import { clampPose } from '../../../../renderer/src/sand-table/camera-math';
import { TourHost } from '../../../../renderer/src/sand-table/tour-host';
import type { TablePose } from '../../../../renderer/src/sand-table/types';
import { createSandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { sandSmall } from './sand-small';

class FakeAudio extends EventTarget {
  src = '';
  currentTime = 0;
  duration = Number.NaN;
  preload = '';
  paused = true;
  play(): Promise<void> {
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
  removeAttribute(): void {}
  load(): void {}
}

const limits = {
  minDistance: 1,
  maxDistance: 500,
  minTilt: 20,
  maxTilt: 89,
  rect: { minX: -100, maxX: 100, minZ: -100, maxZ: 100 },
};

function harness(language = 'zh-Hans') {
  const manifest = sandSmall();
  const store = createSandTableStore();
  const signals: string[] = [];
  const audios: FakeAudio[] = [];
  const fetched: string[] = [];
  let pose: TablePose = { x: 0, z: 0, distance: 200, tilt: 60, heading: 0 };
  let took = 0;
  const host = new TourHost({
    manifest,
    store,
    url: (p) => `pack/${p}`,
    fetch: (u: RequestInfo | URL) => {
      fetched.push(u instanceof Request ? u.url : u.toString());
      return Promise.resolve(new Response('WEBVTT\n\n00:00.000 --> 00:01.000\n欢迎\n'));
    },
    language: () => language,
    reducedMotion: () => false,
    shots: () => ({
      placePose: () => ({ x: 10, z: 10, distance: 20, tilt: 55, heading: 0 }),
      presetPose: () => ({ x: 0, z: 0, distance: 150, tilt: 60, heading: 0 }),
      tablePose: (p) => ({
        x: p.target.lon,
        z: p.target.lat,
        distance: p.distance,
        tilt: p.tilt,
        heading: p.heading,
      }),
      routePoints: () => [
        { x: 0, z: 0 },
        { x: 20, z: 0 },
      ],
      clamp: (p) => clampPose(p, limits),
    }),
    camera: { get: () => pose, set: (p) => (pose = p) },
    createAudio: () => {
      const a = new FakeAudio();
      audios.push(a);
      return a as unknown as HTMLAudioElement;
    },
    onTakeCamera: () => took++,
    signal: (name, value) => signals.push(`${name}=${value}`),
  });
  store.subscribe(
    (s) => s.tour,
    (t, prev) => host.follow(t, prev),
  );
  return { host, store, signals, audios, fetched, pose: () => pose, took: () => took };
}

describe('tour host', () => {
  it('starts the requested tour with narration in the visitor language and moves the camera', () => {
    const h = harness('en');
    h.store.getState().tourRequested('intro');
    expect(h.host.active).toBe(true);
    expect(h.took()).toBe(1);
    expect(h.audios[0]?.src).toBe('pack/media/narration.en.ogg');
    expect(h.fetched[0]).toBe('pack/captions/narration.en.vtt');
    expect(h.signals).toContain('sandTour=playing:0');
    const before = h.pose();
    h.host.update(500);
    expect(h.pose()).not.toEqual(before);
  });

  it('pauses, resumes, and stops where the visitor took over', () => {
    const h = harness();
    h.store.getState().tourRequested('intro');
    h.store.getState().tourPaused();
    expect(h.host.update(500)).toBe(false);
    h.store.getState().tourResumed();
    expect(h.host.update(16)).toBe(true);
    h.host.update(300);
    const at = h.pose();
    h.store.getState().visitorTookOver();
    expect(h.host.active).toBe(false);
    expect(h.host.update(500)).toBe(false);
    expect(h.pose()).toEqual(at);
  });

  it('reports shots and the end to the store', () => {
    const h = harness();
    h.store.getState().tourRequested('intro');
    // Let narration end so every shot can advance on time.
    for (let i = 0; i < 2000 && h.store.getState().tour.status === 'playing'; i++) {
      for (const a of h.audios) a.dispatchEvent(new Event('ended'));
      h.host.update(50);
    }
    expect(h.store.getState().tour.status).toBe('finished');
    expect(h.store.getState().tour.shot).toBe(3);
  });

  it('ignores an unknown tour', () => {
    const h = harness();
    h.store.getState().tourRequested('nope');
    expect(h.host.active).toBe(false);
  });
});
