/**
 * The timeline's part of the attract loop: it advances through the highlighted events, each
 * shown open with its narration, and stops the moment anyone touches the screen, leaving the
 * visitor on the event that was showing.
 *
 * It drives only the timeline and player stores; whatever shows the timeline (the timeline screen,
 * or the attract screen hosting it) renders from them. Returns a stop function; the attract flow
 * calls it when the loop moves on.
 */
import type { PackManifest, Timeline } from '../../../electron/shared/pack-schema';
import { log } from '../bridge/log';
import { contentStore, selectManifest } from '../stores/content-store';
import { playerStore } from '../stores/player-store';
import { timelineStore } from '../stores/timeline-store';
import { buildTimelineModel, pickHighlights } from './model';

export type HighlightsOptions = {
  timelineId?: string;
  count?: number;
  /** Seconds an event without narration stays (and the least any event stays). */
  dwellSeconds?: number;
  /** Seconds of calm after narration ends before moving on. */
  pauseSeconds?: number;
  /** The longest an event may hold the screen, narration or not. */
  maxSeconds?: number;
  /** Called after the last highlight instead of looping. */
  onFinished?: () => void;
  /** The document whose touches take over (tests pass their own). */
  target?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
};

/** The timeline and count the pack's attract playlist asks for, else its first timeline and 5. */
export function highlightsPlan(
  manifest: PackManifest,
  timelineId?: string,
): { timeline: Timeline; count: number } | null {
  const item = manifest.attract.playlist.find(
    (p) => p.kind === 'timeline-highlights' && (timelineId === undefined || p.timeline === timelineId),
  );
  const id = timelineId ?? (item?.kind === 'timeline-highlights' ? item.timeline : undefined);
  const timeline = manifest.timelines.find((t) => t.id === id) ?? manifest.timelines[0];
  if (!timeline) return null;
  return { timeline, count: item?.kind === 'timeline-highlights' ? item.count : 5 };
}

/** Starts the highlights; returns `stop()`. Does nothing (and returns a no-op) without a timeline. */
export function startTimelineHighlights(opts: HighlightsOptions = {}): () => void {
  const manifest = selectManifest(contentStore.getState());
  const plan = manifest ? highlightsPlan(manifest, opts.timelineId) : null;
  if (!manifest || !plan) return () => undefined;
  const model = buildTimelineModel(plan.timeline);
  const picks = pickHighlights(model, opts.count ?? plan.count);
  if (picks.length === 0) return () => undefined;

  const dwell = (opts.dwellSeconds ?? 8) * 1000;
  const pause = (opts.pauseSeconds ?? 1.5) * 1000;
  const max = (opts.maxSeconds ?? 90) * 1000;
  const target = opts.target ?? (typeof document === 'undefined' ? undefined : document);
  let timers: ReturnType<typeof setTimeout>[] = [];
  let shownAt = Date.now();
  let narrationSeen = false;
  let stopped = false;

  const clearTimers = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
  };
  const advance = () => {
    clearTimers();
    const s = timelineStore.getState();
    if (!s.autoplay.running) return;
    if (s.autoplay.index + 1 >= s.autoplay.eventIds.length && opts.onFinished) {
      stop();
      opts.onFinished();
      return;
    }
    timelineStore.getState().highlightAdvanced();
    schedule();
  };
  const schedule = () => {
    shownAt = Date.now();
    narrationSeen = false;
    // Without narration the event dwells; with it, the narration's end moves on (below).
    timers.push(setTimeout(() => (narrationSeen ? undefined : advance()), dwell));
    timers.push(setTimeout(advance, max));
  };
  const unsubscribePlayer = playerStore.subscribe(
    (s) => [s.current?.key ?? null, s.endedSeq] as const,
    ([key], [, previousEnded]) => {
      const open = timelineStore.getState().openEventId;
      if (key !== null && open !== null && key.startsWith(`${open}:`)) narrationSeen = true;
      if (playerStore.getState().endedSeq !== previousEnded && narrationSeen) {
        const wait = Math.max(pause, dwell - (Date.now() - shownAt));
        clearTimers();
        timers.push(setTimeout(advance, wait));
      }
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  const takeOver = () => {
    if (stopped) return;
    // The visitor keeps the event and whatever is playing; only the advancing stops.
    detach();
    timelineStore.getState().visitorTookOver();
  };
  const detach = () => {
    stopped = true;
    clearTimers();
    unsubscribePlayer();
    target?.removeEventListener('pointerdown', takeOver, true);
    target?.removeEventListener('keydown', takeOver, true);
  };
  const stop = () => {
    const wasRunning = !stopped;
    detach();
    if (wasRunning) {
      timelineStore.getState().highlightsStopped();
      playerStore.getState().stopRequested();
    }
  };

  target?.addEventListener('pointerdown', takeOver, true);
  target?.addEventListener('keydown', takeOver, true);
  log.info('timeline highlights started', { timeline: plan.timeline.id, events: picks.length });
  timelineStore.getState().highlightsStarted(
    plan.timeline.id,
    picks.map((p) => p.event.id),
  );
  schedule();
  return stop;
}
