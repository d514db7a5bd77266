/**
 * Visitor analytics: watches the stores for what a visitor does (a visit's start and end, screens,
 * places, timeline events, media and how long they played, language, presets, check-ins, tours,
 * a coarse touch grid) and sends it to the kiosk in batches (`kiosk:analytics`), which appends it
 * to the data folder. Batches leave every few seconds and at once when a visit ends, so a crash
 * loses at most the last few seconds. Nothing personal: a visit is a random id that dies with it.
 *
 * The attract loop's own tours and highlights are not visits: nothing is recorded on attract.
 */
import type { AnalyticsEvent } from '../../../electron/shared/analytics';
import { analyticsEventSchema, heatCell, MAX_ANALYTICS_BATCH } from '../../../electron/shared/analytics';
import { setSignal } from '../app/signals';
import { sendAnalytics } from '../bridge/kiosk-calls';
import { checkInStore } from '../stores/checkin-store';
import { playerStore } from '../stores/player-store';
import { sandTableStore } from '../stores/sand-table-store';
import { sessionStore } from '../stores/session-store';
import { timelineStore } from '../stores/timeline-store';
import type { CheckInStore } from '../stores/checkin-store';
import type { PlayerStore } from '../stores/player-store';
import type { PresetName, SessionStore } from '../stores/session-store';
import type { SandTableStore } from '../stores/sand-table-store';
import type { TimelineStore } from '../stores/timeline-store';

/** How often a batch leaves while a visit goes on. */
export const ANALYTICS_FLUSH_MS = 3000;
/** Events kept while the kiosk does not answer; the oldest go first beyond this. */
const MAX_QUEUED = 2000;

type Draft = AnalyticsEvent extends infer E
  ? E extends AnalyticsEvent
    ? Omit<E, 'at' | 's'>
    : never
  : never;

export type AnalyticsRecorderDeps = {
  session: SessionStore;
  sandTable: SandTableStore;
  timeline: TimelineStore;
  player: PlayerStore;
  checkIns: CheckInStore;
  /** Sends a batch; resolves true when the kiosk took it. */
  send: (batch: AnalyticsEvent[]) => Promise<boolean>;
  /** Wall clock (event times). */
  now?: () => Date;
  /** A fresh random visit id. */
  newId?: () => string;
  /** Where touches are counted; null: none (tests feed `touched`). */
  target?: EventTarget | null;
  viewport?: () => { width: number; height: number };
  intervalMs?: number;
};

export type AnalyticsRecorder = {
  /** A touch at page coordinates (counted on the grid while a visit goes on). */
  touched: (x: number, y: number) => void;
  /** Sends what is queued now. */
  flush: () => Promise<void>;
  stop: () => void;
};

function randomId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const PRESETS: readonly PresetName[] = ['largeText', 'highContrast', 'reducedMotion'];

export function startAnalytics(deps: AnalyticsRecorderDeps): AnalyticsRecorder {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomId;
  const viewport =
    deps.viewport ?? (() => ({ width: window.innerWidth || 1, height: window.innerHeight || 1 }));
  let queue: AnalyticsEvent[] = [];
  let sent = 0;
  let sending: Promise<void> | null = null;
  let visit: { id: string; startedAt: number } | null = null;
  let heat = new Map<number, number>();
  let heatOrientation: 'landscape' | 'portrait' = 'landscape';
  let playing: { key: string; kind: 'video' | 'audio'; since: number } | null = null;

  const orientation = (): 'landscape' | 'portrait' => {
    const { width, height } = viewport();
    return height > width ? 'portrait' : 'landscape';
  };

  /** Only events the contract accepts are queued: one bad event would refuse its whole batch. */
  const enqueue = (event: unknown): void => {
    const parsed = analyticsEventSchema.safeParse(event);
    if (!parsed.success) return;
    queue.push(parsed.data);
    if (queue.length > MAX_QUEUED) queue = queue.slice(-MAX_QUEUED);
  };
  const push = (draft: Draft, s = visit?.id): void => {
    if (s !== undefined) enqueue({ ...draft, at: now().toISOString(), s });
  };

  const heatDraft = (): void => {
    if (heat.size === 0) return;
    push({
      type: 'heat',
      orientation: heatOrientation,
      cells: [...heat.entries()].sort((a, b) => a[0] - b[0]),
    });
    heat = new Map();
  };

  const mediaStopped = (): void => {
    if (!playing) return;
    const playedMs = Math.max(0, Math.round(now().getTime() - playing.since));
    push({ type: 'media', kind: playing.kind, id: playing.key.slice(0, 200), playedMs, durationMs: null });
    playing = null;
  };

  async function flush(): Promise<void> {
    if (sending) await sending;
    heatDraft();
    if (queue.length === 0) return;
    const batch = queue.slice(0, MAX_ANALYTICS_BATCH);
    sending = deps.send(batch).then(
      (ok) => {
        if (!ok) return;
        queue = queue.slice(batch.length);
        sent += batch.length;
        setSignal('analyticsSent', String(sent));
      },
      () => undefined,
    );
    await sending;
    sending = null;
    if (queue.length > 0 && queue.length >= MAX_ANALYTICS_BATCH) await flush();
  }

  const startVisit = (): void => {
    const s = deps.session.getState();
    visit = { id: newId(), startedAt: s.lastInteractionAt };
    push({ type: 'session-start', lang: s.language, orientation: orientation() });
  };

  const endVisit = (reason: 'idle' | 'page', lastInteractionAt: number): void => {
    if (!visit) return;
    mediaStopped();
    heatDraft();
    push({
      type: 'session-end',
      dwellMs: Math.max(0, Math.round(lastInteractionAt - visit.startedAt)),
      reason,
    });
    visit = null;
    void flush();
  };

  const offs: (() => void)[] = [];
  // The reset moves lastInteractionAt on; the visit's last touch is what it was before.
  let lastTouch = deps.session.getState().lastInteractionAt;
  offs.push(
    deps.session.subscribe(
      (s) => s.screen,
      (screen, previous) => {
        if (screen === 'staff' || previous === 'staff') {
          if (screen === 'attract') endVisit('idle', deps.session.getState().lastInteractionAt);
          return;
        }
        if (previous === 'attract' && screen !== 'attract') startVisit();
        if (screen === 'attract') {
          endVisit('idle', lastTouch);
          return;
        }
        push({ type: 'screen', screen });
      },
    ),
  );
  offs.push(
    deps.session.subscribe(
      (s) => s.lastInteractionAt,
      (at) => {
        if (deps.session.getState().screen !== 'attract') lastTouch = at;
      },
    ),
  );
  offs.push(
    deps.session.subscribe(
      (s) => s.language,
      (lang) => {
        if (visit && deps.session.getState().screen !== 'attract') push({ type: 'language', lang });
      },
    ),
  );
  offs.push(
    deps.session.subscribe(
      (s) => s.presets,
      (presets, previous) => {
        if (!visit) return;
        for (const p of PRESETS)
          if (presets[p] !== previous[p]) push({ type: 'preset', preset: p, on: presets[p] });
      },
    ),
  );
  offs.push(
    deps.sandTable.subscribe(
      (s) => s.selectedPlaceId,
      (id) => {
        if (id !== null && visit) push({ type: 'place', id });
      },
    ),
  );
  offs.push(
    deps.sandTable.subscribe(
      (s) => s.tour,
      (tour, previous) => {
        if (visit && tour.id && !tour.attract && (tour.id !== previous.id || previous.status === 'idle'))
          push({ type: 'tour', id: tour.id });
      },
    ),
  );
  offs.push(
    deps.timeline.subscribe(
      (s) => s.openEventId,
      (id) => {
        if (id !== null && visit && !deps.timeline.getState().autoplay.running) push({ type: 'event', id });
      },
    ),
  );
  offs.push(
    deps.player.subscribe(
      (s) => [s.current, s.status] as const,
      ([current, status]) => {
        if (playing && (current?.key !== playing.key || status !== 'playing')) mediaStopped();
        if (visit && current && status === 'playing' && !playing)
          playing = { key: current.key, kind: current.kind, since: now().getTime() };
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  );
  offs.push(
    deps.checkIns.subscribe(
      (s) => s.entries,
      (entries, previous) => {
        const added = entries.length >= previous.length ? entries.slice(previous.length) : entries.slice(-1);
        for (const e of added)
          if (e.sent === true)
            push(
              { type: 'checkin', place: e.placeId, group: e.group, people: e.headCount },
              visit?.id ?? 'none',
            );
      },
    ),
  );

  // Check-ins kept only in this browser's storage by older versions go to the kiosk once.
  const pendingCheckIns = deps.checkIns.getState().unsentEntries();
  if (pendingCheckIns.length > 0) {
    for (const e of pendingCheckIns)
      enqueue({
        type: 'checkin',
        place: e.placeId,
        group: e.group,
        people: e.headCount,
        at: e.at,
        s: 'migrated',
      });
    void flush().then(() => {
      if (!queue.some((q) => q.s === 'migrated')) deps.checkIns.getState().entriesSent(pendingCheckIns);
    });
  }

  const touched = (x: number, y: number): void => {
    const screen = deps.session.getState().screen;
    if (screen === 'staff') return;
    const { width, height } = viewport();
    const o = height > width ? 'portrait' : 'landscape';
    if (o !== heatOrientation) {
      heatDraft();
      heatOrientation = o;
    }
    const cell = heatCell(x, y, width, height);
    heat.set(cell, (heat.get(cell) ?? 0) + 1);
  };
  const onPointer = (event: Event): void => {
    const p = event as PointerEvent;
    // The touch on attract belongs to the visit it starts; it is counted after the switch.
    queueMicrotask(() => {
      if (visit) touched(p.clientX, p.clientY);
    });
  };
  deps.target?.addEventListener('pointerdown', onPointer, { capture: true, passive: true });
  const onHide = (): void => {
    if (visit) endVisit('page', lastTouch);
    else void flush();
  };
  deps.target?.addEventListener('pagehide', onHide);

  const timer = setInterval(() => void flush(), deps.intervalMs ?? ANALYTICS_FLUSH_MS);
  return {
    touched,
    flush,
    stop: () => {
      clearInterval(timer);
      deps.target?.removeEventListener('pointerdown', onPointer, { capture: true });
      deps.target?.removeEventListener('pagehide', onHide);
      for (const off of offs) off();
    },
  };
}

/** The app's recorder over its own stores, sending through the bridge. Returns the stop function. */
export function startVisitorAnalytics(): () => void {
  const recorder = startAnalytics({
    session: sessionStore,
    sandTable: sandTableStore,
    timeline: timelineStore,
    player: playerStore,
    checkIns: checkInStore,
    send: (batch) => sendAnalytics(batch),
    target: window,
  });
  return recorder.stop;
}
