/**
 * Hosts narrated tours for the scene: follows the store's tour state (start, pause, resume,
 * stop), builds a `TourRunner` with the pack's narration and captions in the visitor's language,
 * and reports shots, captions and the end back to the store. The scene calls `update(dt)` each
 * frame; the runner moves the camera through the `camera` accessor it is given.
 */
import type { CameraPose, PackManifest, Place, Shot } from '../../../electron/shared/pack-schema';
import { localize, mediaSrcFor } from '../../../electron/shared/pack-schema';
import type { SandTableState, SandTableStore } from '../stores/sand-table-store';
import { projectAll, routeLonLats } from './paths';
import type { TableProjection } from './projection';
import type { ShotContext } from './tour';
import { TourRunner } from './tour';
import type { TablePoint, TablePose } from './types';

export type TourHostContext = {
  manifest: PackManifest;
  store: SandTableStore;
  url: (path: string) => string;
  fetch: typeof fetch;
  language: () => string;
  reducedMotion: () => boolean;
  shots: () => ShotContext;
  camera: { get(): TablePose; set(pose: TablePose): void };
  createAudio: () => HTMLAudioElement;
  /** A tour took the camera (stop flights and flings). */
  onTakeCamera: () => void;
  signal?: (name: string, value: string) => void;
};

/** What a tour's shots are resolved against: the pack's places, presets and routes on this table. */
export type ShotSources = {
  manifest: PackManifest;
  places: Place[];
  placeIndex: ReadonlyMap<string, number>;
  xs: Float32Array;
  zs: Float32Array;
  projection: TableProjection;
  /** The pose that frames a place at (x, z). */
  placePose(point: TablePoint): TablePose;
  /** A pack camera pose in table space, clamped to the limits. */
  tablePose(pose: CameraPose): TablePose;
  clamp(pose: TablePose): TablePose;
};

/** The shot context of a tour on the table. */
export function tableShots(t: ShotSources): ShotContext {
  return {
    placePose: (id) => {
      const i = t.placeIndex.get(id);
      return i === undefined ? null : t.placePose({ x: t.xs[i] ?? 0, z: t.zs[i] ?? 0 });
    },
    presetPose: (id) => {
      const p = t.manifest.sandTable?.camera.presets.find((x) => x.id === id);
      return p ? t.tablePose(p) : null;
    },
    tablePose: (p) => t.tablePose(p),
    routePoints: (id) => {
      const r = t.manifest.sandTable?.routes.find((x) => x.id === id);
      return r ? projectAll(t.projection, routeLonLats(r, t.places)) : null;
    },
    clamp: (p) => t.clamp(p),
  };
}

type TourState = SandTableState['tour'];

export class TourHost {
  private runner: TourRunner | null = null;

  constructor(private readonly ctx: TourHostContext) {}

  get active(): boolean {
    return this.runner !== null;
  }

  /** Advances the tour; true while it needs frames. */
  update(dt: number): boolean {
    return this.runner?.update(dt) ?? false;
  }

  stop(): void {
    this.runner?.stop();
    this.runner = null;
  }

  /** Follows a change of the store's tour state; returns true when a frame is needed. */
  follow(t: TourState, prev: TourState): boolean {
    this.ctx.signal?.('sandTour', t.id ? `${t.status}:${t.shot}` : 'idle');
    const restarted =
      t.status === 'playing' &&
      (prev.status === 'idle' || prev.status === 'finished' || prev.status === 'interrupted');
    if (t.id !== prev.id || restarted) {
      this.stop();
      const tour = this.ctx.manifest.sandTable?.tours.find((x) => x.id === t.id);
      if (!tour || t.status !== 'playing') return false;
      this.ctx.onTakeCamera();
      this.runner = this.createRunner(tour);
      this.runner.start();
      return true;
    }
    if (!this.runner) return false;
    switch (t.status) {
      case 'paused':
        this.runner.pause();
        return false;
      case 'playing':
        this.runner.resume();
        return true;
      case 'idle':
      case 'finished':
      case 'interrupted':
        this.stop();
        return false;
    }
  }

  private createRunner(tour: NonNullable<PackManifest['sandTable']>['tours'][number]): TourRunner {
    const { manifest, store, ctx } = { manifest: this.ctx.manifest, store: this.ctx.store, ctx: this.ctx };
    const def = manifest.defaultLanguage;
    return new TourRunner(
      tour,
      ctx.shots(),
      {
        narrationUrl: (id) => {
          const m = manifest.media[id];
          const src = m ? mediaSrcFor(m, ctx.language(), def) : undefined;
          return src ? ctx.url(src) : null;
        },
        captionsUrl: (id) => {
          const caps = manifest.media[id]?.captions;
          const path = caps ? (caps[ctx.language()] ?? caps[def] ?? Object.values(caps)[0]) : undefined;
          return path ? ctx.url(path) : null;
        },
        captionText: (shot: Shot) => localize(shot.caption, ctx.language(), def),
        fetchText: async (url) => {
          const r = await ctx.fetch(url);
          if (!r.ok) throw new Error(`${url} answered ${r.status}`);
          return r.text();
        },
        createAudio: ctx.createAudio,
      },
      ctx.camera,
      {
        onShot: (i) => store.getState().tourShotStarted(i),
        onCaption: (text) => store.getState().tourCaptionChanged(text),
        onFinished: () => store.getState().tourFinished(),
      },
      ctx.reducedMotion(),
    );
  }
}
