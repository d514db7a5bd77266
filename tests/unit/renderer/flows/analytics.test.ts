import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsEvent } from '../../../../electron/shared/analytics';
import { analyticsBatchSchema } from '../../../../electron/shared/analytics';
import { startAnalytics } from '../../../../renderer/src/flows/analytics';
import { createCheckInStore, memoryPersistence } from '../../../../renderer/src/stores/checkin-store';
import { createPlayerStore } from '../../../../renderer/src/stores/player-store';
import { createSandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import { createTimelineStore } from '../../../../renderer/src/stores/timeline-store';

function world(options: { accept?: () => boolean; saved?: unknown } = {}) {
  const session = createSessionStore({ languages: ['zh-Hans', 'en'] });
  const sandTable = createSandTableStore();
  const timeline = createTimelineStore();
  const player = createPlayerStore();
  const checkIns = createCheckInStore(memoryPersistence(options.saved ?? null));
  const batches: AnalyticsEvent[][] = [];
  let ids = 0;
  const recorder = startAnalytics({
    session,
    sandTable,
    timeline,
    player,
    checkIns,
    send: (batch) => {
      // Every batch must pass the contract the kiosk parses it with.
      expect(analyticsBatchSchema.safeParse(batch).success).toBe(true);
      const ok = options.accept?.() ?? true;
      if (ok) batches.push(batch);
      return Promise.resolve(ok);
    },
    now: () => new Date(Date.now()),
    newId: () => `visit${(ids += 1)}`,
    target: null,
    viewport: () => ({ width: 1920, height: 1080 }),
    intervalMs: 3000,
  });
  const sent = () => batches.flat();
  return { session, sandTable, timeline, player, checkIns, recorder, sent };
}

describe('visitor analytics', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 2, 1, 10, 0, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('records a visit: start, screens, place, event, language, media, touches and its end with dwell', async () => {
    const w = world();
    w.session.getState().attractTouched(1000);
    w.session.getState().screenRequested('sand-table');
    w.sandTable.getState().placeTapped('south-lake');
    w.recorder.touched(10, 10);
    w.recorder.touched(12, 12);
    w.session.getState().languageToggled();
    w.session.getState().screenRequested('timeline');
    w.timeline.getState().eventOpened('founding');
    w.player.getState().started('founding:v', 'video');
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent().map((e) => e.type)).toEqual([
      'session-start',
      'screen',
      'screen',
      'place',
      'language',
      'screen',
      'event',
      'heat',
    ]);
    vi.setSystemTime(new Date(2026, 2, 1, 10, 0, 45));
    w.player.getState().paused('founding:v');
    w.session.getState().interacted(46_000);
    w.session.getState().idleTimedOut();
    await vi.advanceTimersByTimeAsync(0);
    const events = w.sent();
    expect(events.find((e) => e.type === 'media')).toMatchObject({ id: 'founding:v', playedMs: 45_000 });
    expect(events.at(-1)).toMatchObject({
      type: 'session-end',
      dwellMs: 45_000,
      reason: 'idle',
      s: 'visit1',
    });
    expect(new Set(events.map((e) => e.s))).toEqual(new Set(['visit1']));
    expect(events.find((e) => e.type === 'heat')).toMatchObject({ cells: [[0, 2]] });
    w.recorder.stop();
  });

  it('records nothing on attract (the attract loop is not a visit)', async () => {
    const w = world();
    w.sandTable.getState().tourRequested('founding', { attract: true });
    w.timeline.getState().eventOpened('founding');
    w.recorder.touched(5, 5);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.sent()).toEqual([]);
    w.recorder.stop();
  });

  it('keeps events the kiosk did not take and sends them with the next batch', async () => {
    let up = false;
    const w = world({ accept: () => up });
    w.session.getState().attractTouched(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent()).toEqual([]);
    up = true;
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent().map((e) => e.type)).toEqual(['session-start', 'screen']);
    w.recorder.stop();
  });

  it('sends check-ins as they happen, and once those an older version kept only in the browser', async () => {
    const saved = {
      version: 1,
      entries: [{ placeId: 'yanan', group: null, headCount: 3, at: new Date(2026, 1, 1).toISOString() }],
      totals: { yanan: { groups: 1, people: 3 } },
    };
    const w = world({ saved });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.sent()).toMatchObject([{ type: 'checkin', place: 'yanan', people: 3, s: 'migrated' }]);
    expect(w.checkIns.getState().unsentEntries()).toEqual([]);
    w.session.getState().attractTouched(1);
    w.checkIns.getState().checkedIn({ placeId: 'south-lake', group: 'school-class', headCount: 40 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent().filter((e) => e.type === 'checkin')).toMatchObject([
      { s: 'migrated' },
      { place: 'south-lake', group: 'school-class', people: 40, s: 'visit1' },
    ]);
    expect(w.checkIns.getState().hallTotal).toEqual({ groups: 2, people: 43 });
    w.recorder.stop();
  });
});
