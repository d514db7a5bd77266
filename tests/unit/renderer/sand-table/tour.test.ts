import { describe, expect, it } from 'vitest';
import type { Shot, Tour } from '../../../../electron/shared/pack-schema';
import { clampPose } from '../../../../renderer/src/sand-table/camera-math';
import type { ShotContext, TourMedia } from '../../../../renderer/src/sand-table/tour';
import { planShot, TourRunner } from '../../../../renderer/src/sand-table/tour';
import type { TablePose } from '../../../../renderer/src/sand-table/types';

const limits = {
  minDistance: 2,
  maxDistance: 500,
  minTilt: 20,
  maxTilt: 89,
  rect: { minX: -100, maxX: 100, minZ: -100, maxZ: 100 },
};
const start: TablePose = { x: 0, z: 0, distance: 200, tilt: 50, heading: 0 };
const placeA: TablePose = { x: 40, z: -20, distance: 30, tilt: 55, heading: 0 };

const ctx: ShotContext = {
  placePose: (id) => (id === 'a' ? placeA : null),
  presetPose: (id) => (id === 'overview' ? start : null),
  tablePose: (p) => ({
    x: p.target.lon,
    z: -p.target.lat,
    distance: p.distance,
    tilt: p.tilt,
    heading: p.heading,
  }),
  routePoints: (id) =>
    id === 'r'
      ? [
          { x: -50, z: 0 },
          { x: 50, z: 0 },
        ]
      : null,
  clamp: (p) => clampPose(p, limits),
};

describe('shots', () => {
  it('fly-to lands on the place, the preset or the pose', () => {
    const m = planShot({ kind: 'fly-to', place: 'a', duration: 5 }, start, ctx).motion;
    expect(m(0, 5000)).toMatchObject({ x: 0, z: 0 });
    expect(m(5000, 5000)).toEqual(placeA);
    const p = planShot(
      {
        kind: 'fly-to',
        pose: { target: { lon: 3, lat: 4 }, distance: 10, tilt: 60, heading: 10 },
        duration: 5,
      },
      start,
      ctx,
    ).motion;
    expect(p(9000, 5000)).toMatchObject({ x: 3, z: -4, distance: 10 });
    const unknown = planShot({ kind: 'fly-to', place: 'zzz', duration: 5 }, start, ctx).motion;
    expect(unknown(9000, 5000)).toEqual(start);
  });

  it('orbit approaches the place then turns by the given degrees over the shot', () => {
    const shot: Shot = { kind: 'orbit', place: 'a', degrees: 90, duration: 10 };
    const m = planShot(shot, start, ctx).motion;
    const end = m(10_000, 10_000);
    expect(end.x).toBe(placeA.x);
    expect(end.heading).toBeCloseTo(90, 6);
    const mid = m(6_000, 10_000);
    expect(mid.heading).toBeGreaterThan(0);
    expect(mid.heading).toBeLessThan(90);
    expect(planShot(shot, start, ctx, true).motion(10_000, 10_000).heading).toBeCloseTo(0, 6);
  });

  it('follow-path travels the route from start to end facing along it', () => {
    const m = planShot({ kind: 'follow-path', route: 'r', duration: 10 }, start, ctx).motion;
    const end = m(10_000, 10_000);
    expect(end.x).toBeCloseTo(50, 3);
    expect(end.z).toBeCloseTo(0, 3);
    expect(end.heading).toBeCloseTo(90, 3);
    const mid = m(6_000, 10_000);
    expect(mid.x).toBeGreaterThan(-50);
    expect(mid.x).toBeLessThan(50);
  });
});

class FakeAudio extends EventTarget {
  src = '';
  currentTime = 0;
  duration = Number.NaN;
  preload = '';
  paused = true;
  playRejects = false;
  play(): Promise<void> {
    if (this.playRejects) return Promise.reject(new Error('NotAllowedError'));
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
  removeAttribute(name: string): void {
    if (name === 'src') this.src = '';
  }
  load(): void {}
  metadata(seconds: number): void {
    this.duration = seconds;
    this.dispatchEvent(new Event('loadedmetadata'));
  }
  end(): void {
    this.dispatchEvent(new Event('ended'));
  }
}

function harness(tour: Tour, opts: { vtt?: string; reject?: boolean } = {}) {
  const audios: FakeAudio[] = [];
  const events: string[] = [];
  let pose = start;
  const media: TourMedia = {
    narrationUrl: (id) => (id === 'n1' ? 'pack/media/n1.ogg' : null),
    captionsUrl: (id) => (id === 'n1' && opts.vtt ? 'pack/captions/n1.vtt' : null),
    captionText: (shot) => shot.caption?.en ?? '',
    fetchText: () => Promise.resolve(opts.vtt ?? ''),
    createAudio: () => {
      const a = new FakeAudio();
      a.playRejects = opts.reject ?? false;
      audios.push(a);
      return a as unknown as HTMLAudioElement;
    },
  };
  const runner = new TourRunner(
    tour,
    ctx,
    media,
    { get: () => pose, set: (p) => (pose = p) },
    {
      onShot: (i) => events.push(`shot:${i}`),
      onCaption: (t) => events.push(`caption:${t}`),
      onFinished: () => events.push('finished'),
    },
    false,
  );
  return { runner, audios, events, pose: () => pose };
}

const tour: Tour = {
  id: 't',
  title: { en: 'T' },
  shots: [
    { kind: 'fly-to', place: 'a', duration: 2, narration: 'n1', caption: { en: 'First' } },
    { kind: 'fly-to', preset: 'overview', duration: 1, caption: { en: 'Second' } },
  ],
};

const advance = (r: TourRunner, ms: number) => {
  for (let t = 0; t < ms; t += 50) r.update(50);
};

describe('tour runner', () => {
  it('holds a shot for its narration when longer than its duration, then moves on', async () => {
    const h = harness(tour);
    h.runner.start();
    expect(h.events).toEqual(['shot:0', 'caption:First']);
    const audio = h.audios[0]!;
    expect(audio.src).toBe('pack/media/n1.ogg');
    audio.metadata(4);
    await Promise.resolve();
    advance(h.runner, 3000);
    expect(h.runner.shotIndex).toBe(0);
    advance(h.runner, 1200);
    // Duration and audio length reached, but the audio has not ended yet.
    expect(h.runner.shotIndex).toBe(0);
    audio.end();
    advance(h.runner, 100);
    expect(h.runner.shotIndex).toBe(1);
    expect(h.events).toContain('caption:Second');
    expect(audio.src).toBe('');
    // The second shot lasts 1 s but its flight home takes longer: the shot waits for it to land.
    advance(h.runner, 1100);
    expect(h.runner.isFinished).toBe(false);
    advance(h.runner, 2000);
    expect(h.events.at(-1)).toBe('finished');
    expect(h.runner.isFinished).toBe(true);
    expect(h.pose()).toEqual(start);
  });

  it('runs on the duration alone when autoplay is refused', async () => {
    const h = harness(tour, { reject: true });
    h.runner.start();
    await new Promise((r) => setTimeout(r, 0));
    advance(h.runner, 2100);
    expect(h.runner.shotIndex).toBe(1);
  });

  it('shows the narration cues as subtitles', async () => {
    const vtt =
      'WEBVTT\n\n00:00.000 --> 00:01.000\nHello <i>hall</i>\n\n00:01.000 --> 00:02.000\nSecond line\n';
    const h = harness(tour, { vtt });
    h.runner.start();
    await new Promise((r) => setTimeout(r, 0));
    const audio = h.audios[0]!;
    audio.currentTime = 0.5;
    h.runner.update(16);
    expect(h.events.at(-1)).toBe('caption:Hello hall');
    audio.currentTime = 1.5;
    h.runner.update(16);
    expect(h.events.at(-1)).toBe('caption:Second line');
  });

  it('pauses and resumes without advancing, and stops where it is', () => {
    const h = harness(tour);
    h.runner.start();
    advance(h.runner, 500);
    h.runner.pause();
    const pose = h.pose();
    expect(h.runner.update(1000)).toBe(false);
    expect(h.pose()).toEqual(pose);
    expect(h.audios[0]!.paused).toBe(true);
    h.runner.resume();
    expect(h.audios[0]!.paused).toBe(false);
    advance(h.runner, 300);
    h.runner.stop();
    const stopped = h.pose();
    expect(h.runner.update(1000)).toBe(false);
    expect(h.pose()).toEqual(stopped);
    expect(h.audios[0]!.src).toBe('');
    expect(h.events.at(-1)).toBe('caption:');
  });
});
