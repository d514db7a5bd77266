/**
 * Narrated camera tours. A shot is a pure function of time (fly-to, orbit, follow-path); the
 * runner strings shots together, plays each shot's narration on an `<audio>` element it owns
 * (outside React), shows the narration's WebVTT cues — or the shot's caption — as subtitles,
 * and holds a shot for max(duration, narration length).
 */
import type { Shot, Tour } from '../../../electron/shared/pack-schema';
import { activeCueIndex, cuePlainText, parseWebVtt } from '../../../electron/shared/webvtt';
import type { VttCue } from '../../../electron/shared/webvtt';
import { easeInOutCubic, planFlight, poseAt } from './flight';
import { densify, pathLength, pointAlong } from './paths';
import type { TablePoint, TablePose } from './types';

/** What a shot needs to know about the table. */
export type ShotContext = {
  placePose(placeId: string): TablePose | null;
  presetPose(presetId: string): TablePose | null;
  /** A pack camera pose (geographic target) in table space. */
  tablePose(pose: {
    target: { lon: number; lat: number };
    distance: number;
    tilt: number;
    heading: number;
  }): TablePose;
  routePoints(routeId: string): TablePoint[] | null;
  clamp(pose: TablePose): TablePose;
};

/** Camera pose of a shot at `elapsedMs`, given how long the shot lasts (`totalMs`). */
export type ShotMotion = (elapsedMs: number, totalMs: number) => TablePose;

/** A planned shot: its motion and the least time the motion needs (a flight must land). */
export type ShotPlan = { motion: ShotMotion; minMs: number };

const MAX_APPROACH_MS = 2200;

function smoothHeadingAlong(points: readonly TablePoint[], f: number): number {
  // Average direction over a window so corners of the polyline turn the camera gently.
  let sx = 0;
  let sy = 0;
  for (let k = -3; k <= 3; k++) {
    const h = (pointAlong(points, f + k * 0.02).heading * Math.PI) / 180;
    const w = 4 - Math.abs(k);
    sx += Math.sin(h) * w;
    sy += Math.cos(h) * w;
  }
  return (Math.atan2(sx, sy) * 180) / Math.PI;
}

/** Plans a shot's camera motion from the pose the previous shot ended on. */
export function planShot(shot: Shot, start: TablePose, ctx: ShotContext, reducedMotion = false): ShotPlan {
  const hold = (pose: TablePose): ShotPlan => {
    const flight = planFlight(start, pose, { reducedMotion });
    return { motion: (t) => poseAt(flight, t), minMs: flight.durationMs };
  };
  switch (shot.kind) {
    case 'fly-to': {
      const target =
        (shot.place ? ctx.placePose(shot.place) : null) ??
        (shot.preset ? ctx.presetPose(shot.preset) : null) ??
        (shot.pose ? ctx.clamp(ctx.tablePose(shot.pose)) : null);
      return hold(target ?? start);
    }
    case 'orbit': {
      const at = ctx.placePose(shot.place);
      if (!at) return hold(start);
      const flight = planFlight(start, at, { reducedMotion });
      const approach = Math.min(flight.durationMs, MAX_APPROACH_MS);
      const f = { ...flight, durationMs: approach };
      const degrees = reducedMotion ? 0 : shot.degrees;
      return {
        minMs: approach + 1000,
        motion: (t, total) => {
          if (t < approach) return poseAt(f, t);
          const u = (t - approach) / Math.max(1, total - approach);
          return ctx.clamp({ ...at, heading: at.heading + degrees * easeInOutCubic(Math.min(1, u)) });
        },
      };
    }
    case 'follow-path': {
      const raw = ctx.routePoints(shot.route);
      if (!raw || raw.length < 2) return hold(start);
      const length = pathLength(raw);
      const points = densify(raw, length / 64);
      const first = pointAlong(points, 0);
      const base = ctx.clamp({
        x: first.x,
        z: first.z,
        distance: Math.max(start.distance * 0.5, length * 0.45),
        tilt: 48,
        heading: smoothHeadingAlong(points, 0),
      });
      const flight = planFlight(start, base, { reducedMotion });
      const approach = Math.min(flight.durationMs, MAX_APPROACH_MS);
      const f = { ...flight, durationMs: approach };
      return {
        minMs: approach + 1000,
        motion: (t, total) => {
          if (t < approach) return poseAt(f, t);
          const u = easeInOutCubic(Math.min(1, (t - approach) / Math.max(1, total - approach)));
          const p = pointAlong(points, u);
          return ctx.clamp({ ...base, x: p.x, z: p.z, heading: smoothHeadingAlong(points, u) });
        },
      };
    }
  }
}

/** What the runner reports (the store's events). */
export type TourCallbacks = {
  onShot(index: number): void;
  onCaption(text: string): void;
  onFinished(): void;
};

/** Where the runner gets its media. */
export type TourMedia = {
  /** Narration URL of a media id in the current language, or null. */
  narrationUrl(mediaId: string): string | null;
  /** Captions URL of a media id in the current language, or null. */
  captionsUrl(mediaId: string): string | null;
  /** The shot's own caption in the current language ('' if none). */
  captionText(shot: Shot): string;
  fetchText(url: string): Promise<string>;
  createAudio(): HTMLAudioElement;
};

/**
 * Plays a tour. Driven by the scene's frame loop (`update`); it owns one `<audio>` element and
 * leaves the camera exactly where it is when stopped.
 */
export class TourRunner {
  private index = -1;
  private elapsed = 0;
  private plan: ShotPlan | null = null;
  private audio: HTMLAudioElement | null = null;
  private audioDone = true;
  private audioMs = 0;
  private cues: VttCue[] = [];
  private caption = '';
  private paused = false;
  private finished = false;
  private token = 0;

  constructor(
    private readonly tour: Tour,
    private readonly ctx: ShotContext,
    private readonly media: TourMedia,
    private readonly camera: { get(): TablePose; set(pose: TablePose): void },
    private readonly callbacks: TourCallbacks,
    private readonly reducedMotion: boolean,
  ) {}

  get shotIndex(): number {
    return this.index;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  start(): void {
    this.next();
  }

  pause(): void {
    this.paused = true;
    this.audio?.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.audio && !this.audioDone) void this.audio.play().catch(() => this.narrationFailed());
  }

  /** Stops everything; the camera stays where the tour left it. */
  stop(): void {
    this.token++;
    this.plan = null;
    this.releaseAudio();
    this.setCaption('');
  }

  /** Advances the tour; returns true while it needs frames. */
  update(dtMs: number): boolean {
    if (this.finished || !this.plan) return false;
    if (this.paused) return false;
    this.elapsed += dtMs;
    const shot = this.tour.shots[this.index];
    if (!shot) return false;
    const total = Math.max(shot.duration * 1000, this.audioMs, this.plan.minMs);
    this.camera.set(this.plan.motion(this.elapsed, total));
    this.updateCaption(shot);
    if (this.elapsed >= total && this.audioDone) this.next();
    return !this.finished;
  }

  private next(): void {
    this.releaseAudio();
    this.index++;
    const shot = this.tour.shots[this.index];
    if (!shot) {
      this.finished = true;
      this.plan = null;
      this.setCaption('');
      this.callbacks.onFinished();
      return;
    }
    this.elapsed = 0;
    this.cues = [];
    this.plan = planShot(shot, this.camera.get(), this.ctx, this.reducedMotion);
    this.callbacks.onShot(this.index);
    this.setCaption(this.media.captionText(shot));
    if (shot.narration) this.playNarration(shot.narration);
  }

  private playNarration(mediaId: string): void {
    const url = this.media.narrationUrl(mediaId);
    if (!url) return;
    const token = ++this.token;
    const audio = this.media.createAudio();
    this.audio = audio;
    this.audioDone = false;
    audio.preload = 'auto';
    audio.addEventListener('loadedmetadata', () => {
      if (token === this.token && Number.isFinite(audio.duration)) this.audioMs = audio.duration * 1000;
    });
    audio.addEventListener('ended', () => {
      if (token === this.token) this.audioDone = true;
    });
    audio.addEventListener('error', () => {
      if (token === this.token) this.narrationFailed();
    });
    audio.src = url;
    // Autoplay may be refused (no gesture yet): the shot then runs on its duration alone.
    if (!this.paused) void audio.play().catch(() => token === this.token && this.narrationFailed());
    const captions = this.media.captionsUrl(mediaId);
    if (captions) {
      this.media
        .fetchText(captions)
        .then((text) => {
          if (token === this.token) this.cues = parseWebVtt(text).cues;
        })
        .catch(() => {
          // Missing captions leave the shot's own caption on screen.
        });
    }
  }

  private narrationFailed(): void {
    this.audioDone = true;
    this.audioMs = 0;
  }

  private updateCaption(shot: Shot): void {
    if (this.cues.length === 0 || !this.audio) return;
    const i = activeCueIndex(this.cues, this.audio.currentTime);
    const cue = i >= 0 ? this.cues[i] : undefined;
    this.setCaption(cue ? cuePlainText(cue.text) : this.media.captionText(shot));
  }

  private setCaption(text: string): void {
    if (text === this.caption) return;
    this.caption = text;
    this.callbacks.onCaption(text);
  }

  private releaseAudio(): void {
    this.token++;
    this.audioDone = true;
    this.audioMs = 0;
    const a = this.audio;
    this.audio = null;
    if (!a) return;
    a.pause();
    a.removeAttribute('src');
    a.load();
  }
}
