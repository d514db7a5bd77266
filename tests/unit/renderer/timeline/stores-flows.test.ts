import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentStore } from '../../../../renderer/src/stores/content-store';
import { createPlayerStore, playerStore } from '../../../../renderer/src/stores/player-store';
import { sandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { sessionStore } from '../../../../renderer/src/stores/session-store';
import { createTimelineStore, timelineStore } from '../../../../renderer/src/stores/timeline-store';
import {
  eventsOfPlace,
  sandTableTargetOf,
  showEventOnSandTable,
  showPlaceEvents,
} from '../../../../renderer/src/flows/show-on-sand-table';
import { registeredSessionStores } from '../../../../renderer/src/flows/session-reset';
import { highlightsPlan, startTimelineHighlights } from '../../../../renderer/src/timeline/highlights';
import { L, ev, manifest, timeline } from './helpers';

describe('timeline store', () => {
  it('turns events into commands for the track, each distinct', () => {
    const s = createTimelineStore();
    s.getState().yearScrubbed(4, false);
    const a = s.getState().jump;
    s.getState().yearScrubbed(4, false);
    const b = s.getState().jump;
    expect(a?.target).toEqual({ kind: 'item', index: 4 });
    expect(b?.seq).toBe((a?.seq ?? 0) + 1);
    s.getState().stepRequested(5);
    expect(s.getState().jump).toMatchObject({ animate: true, target: { kind: 'item', index: 5 } });
  });
  it('opens, closes and requests events', () => {
    const s = createTimelineStore();
    s.getState().eventOpened('a');
    s.getState().mediaChosen(2);
    expect(s.getState()).toMatchObject({ openEventId: 'a', mediaIndex: 2 });
    s.getState().eventClosed();
    expect(s.getState()).toMatchObject({ openEventId: null, mediaIndex: 0 });
    s.getState().eventRequested('other', 'b', true);
    expect(s.getState()).toMatchObject({
      timelineId: 'other',
      openEventId: 'b',
      jump: { target: { kind: 'event', eventId: 'b' } },
    });
    s.getState().trackSettled(7);
    expect(s.getState().focusedIndex).toBe(7);
    s.getState().sessionReset();
    expect(s.getState()).toMatchObject({
      timelineId: null,
      focusedIndex: 0,
      openEventId: null,
      jump: { target: { kind: 'item', index: 0 } },
    });
  });
  it('plays highlights in a loop until a visitor takes over', () => {
    const s = createTimelineStore();
    s.getState().highlightsStarted('spark', ['a', 'b']);
    expect(s.getState()).toMatchObject({ openEventId: 'a', autoplay: { running: true, index: 0 } });
    s.getState().highlightAdvanced();
    expect(s.getState()).toMatchObject({ openEventId: 'b', autoplay: { index: 1 } });
    s.getState().highlightAdvanced();
    expect(s.getState()).toMatchObject({ openEventId: 'a', autoplay: { index: 0 } });
    s.getState().visitorTookOver();
    expect(s.getState()).toMatchObject({ openEventId: 'a', autoplay: { running: false } });
    s.getState().highlightAdvanced();
    expect(s.getState().openEventId).toBe('a');
  });
});

describe('player store: one medium at a time', () => {
  it('tracks who has the floor and stops everything on request', () => {
    const p = createPlayerStore();
    p.getState().started('e:video', 'video');
    p.getState().started('e:narration', 'audio');
    expect(p.getState().current).toEqual({ key: 'e:narration', kind: 'audio' });
    p.getState().paused('e:video');
    expect(p.getState().status).toBe('playing');
    p.getState().ended('e:narration');
    expect(p.getState()).toMatchObject({ status: 'ended', endedSeq: 1 });
    const stop = p.getState().stopSeq;
    p.getState().stopRequested();
    expect(p.getState()).toMatchObject({ current: null, status: 'idle', stopSeq: stop + 1 });
    p.getState().started('x', 'video');
    p.getState().failedToPlay('x');
    expect(p.getState()).toMatchObject({ current: null, status: 'failed', failed: ['x'] });
    p.getState().released('nobody');
    p.getState().sessionReset();
    expect(p.getState().failed).toEqual([]);
  });
});

const pack = manifest(
  [
    timeline(
      [
        ev('founding', '1921-07', { places: ['south-lake'], highlight: true }),
        ev('branch', '1926', { places: ['gone', 'xixiashu'] }),
        ev('tour-only', '1949', { tours: ['overview'] }),
        ev('nothing', '2020', { highlight: true }),
        ev('again', '2021', { places: ['south-lake'] }),
      ],
      [],
    ),
  ],
  {
    categories: [{ id: 'c', name: L('类', 'C'), color: '#b3261e' }],
    places: [
      {
        id: 'south-lake',
        category: 'c',
        position: { lon: 120.7, lat: 30.7 },
        name: L('南湖', 'South Lake'),
        summary: L('', ''),
      },
      {
        id: 'xixiashu',
        category: 'c',
        position: { lon: 119.8, lat: 31.9 },
        name: L('西夏墅', 'Xixiashu'),
        summary: L('', ''),
      },
    ],
    sandTable: {
      projection: { type: 'equirectangular', origin: { lon: 115, lat: 32 }, unitsPerDegree: 10 },
      bounds: { west: 105, south: 28, east: 124, north: 37 },
      camera: {
        presets: [{ id: 'p', target: { lon: 115, lat: 32 }, distance: 100, tilt: 50, heading: 0 }],
        initial: 'p',
        limits: { minDistance: 10, maxDistance: 300 },
      },
      tours: [
        {
          id: 'overview',
          title: L('总览', 'Overview'),
          shots: [{ kind: 'fly-to', preset: 'p', duration: 3 }],
        },
      ],
    },
    attract: { playlist: [{ kind: 'timeline-highlights', timeline: 'spark', count: 2 }] },
  },
);

describe('show on the sand table', () => {
  beforeEach(() => {
    contentStore.getState().manifestLoaded(pack);
    sessionStore.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
    sessionStore.getState().screenRequested('timeline');
    sandTableStore.getState().sessionReset();
  });

  it('finds the first existing place, else a tour', () => {
    const t = pack.timelines[0]!;
    expect(sandTableTargetOf(t.events[1]!, pack)).toEqual({ kind: 'place', placeId: 'xixiashu' });
    expect(sandTableTargetOf(t.events[2]!, pack)).toEqual({ kind: 'tour', tourId: 'overview' });
    expect(sandTableTargetOf(t.events[3]!, pack)).toBeNull();
  });

  it('switches to the sand table with the place selected, and stops media', () => {
    playerStore.getState().started('founding:n', 'audio');
    expect(showEventOnSandTable(pack.timelines[0]!.events[0]!)).toBe(true);
    expect(sessionStore.getState().screen).toBe('sand-table');
    expect(sandTableStore.getState().selectedPlaceId).toBe('south-lake');
    expect(sandTableStore.getState().cameraCommand?.command).toEqual({
      kind: 'place',
      placeId: 'south-lake',
    });
    expect(playerStore.getState().current).toBeNull();
  });

  it('plays the tour of an event that has only a tour', () => {
    expect(showEventOnSandTable(pack.timelines[0]!.events[2]!)).toBe(true);
    expect(sandTableStore.getState().tour).toMatchObject({ id: 'overview', status: 'playing' });
  });

  it('does nothing for an event without place or tour', () => {
    expect(showEventOnSandTable(pack.timelines[0]!.events[3]!)).toBe(false);
    expect(sessionStore.getState().screen).toBe('timeline');
  });

  it('opens "its events" from a place', () => {
    expect(eventsOfPlace(pack, 'south-lake').map((x) => x.event.id)).toEqual(['founding', 'again']);
    sessionStore.getState().screenRequested('sand-table');
    expect(showPlaceEvents('south-lake')).toBe(true);
    expect(sessionStore.getState().screen).toBe('timeline');
    expect(timelineStore.getState()).toMatchObject({ timelineId: 'spark', openEventId: 'founding' });
    expect(showPlaceEvents('nowhere')).toBe(false);
  });

  it('registers the timeline and player stores for the idle reset', () => {
    expect(registeredSessionStores()).toEqual(expect.arrayContaining(['timeline', 'player']));
  });
});

describe('timeline highlights (attract loop)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    contentStore.getState().manifestLoaded(pack);
    timelineStore.getState().sessionReset();
    playerStore.getState().sessionReset();
  });
  afterEach(() => vi.useRealTimers());

  const target = () => {
    const listeners = new Map<string, (e: unknown) => void>();
    return {
      addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, fn),
      removeEventListener: (type: string) => listeners.delete(type),
      touch: () => listeners.get('pointerdown')?.({}),
      listeners,
    };
  };

  it('follows the pack playlist', () => {
    expect(highlightsPlan(pack)).toMatchObject({ timeline: { id: 'spark' }, count: 2 });
  });

  it('dwells on events without narration and loops', () => {
    const doc = target();
    const stop = startTimelineHighlights({ target: doc as unknown as Document, dwellSeconds: 5 });
    expect(timelineStore.getState()).toMatchObject({
      openEventId: 'founding',
      autoplay: { running: true, eventIds: ['founding', 'nothing'] },
    });
    vi.advanceTimersByTime(5000);
    expect(timelineStore.getState().openEventId).toBe('nothing');
    vi.advanceTimersByTime(5000);
    expect(timelineStore.getState().openEventId).toBe('founding');
    stop();
    expect(timelineStore.getState()).toMatchObject({ openEventId: null, autoplay: { running: false } });
    expect(doc.listeners.size).toBe(0);
  });

  it('waits for the narration to end, then moves on', () => {
    const stop = startTimelineHighlights({
      target: target() as unknown as Document,
      dwellSeconds: 3,
      pauseSeconds: 1,
    });
    playerStore.getState().started('founding:narration', 'audio');
    vi.advanceTimersByTime(20_000);
    expect(timelineStore.getState().openEventId).toBe('founding');
    playerStore.getState().ended('founding:narration');
    vi.advanceTimersByTime(999);
    expect(timelineStore.getState().openEventId).toBe('founding');
    vi.advanceTimersByTime(1);
    expect(timelineStore.getState().openEventId).toBe('nothing');
    stop();
  });

  it('hands over to the visitor at the first touch, keeping the event', () => {
    const doc = target();
    const stop = startTimelineHighlights({ target: doc as unknown as Document, dwellSeconds: 3 });
    doc.touch();
    expect(timelineStore.getState()).toMatchObject({ openEventId: 'founding', autoplay: { running: false } });
    vi.advanceTimersByTime(60_000);
    expect(timelineStore.getState().openEventId).toBe('founding');
    stop();
    expect(timelineStore.getState().openEventId).toBe('founding');
  });

  it('calls onFinished after the last highlight when asked not to loop', () => {
    const onFinished = vi.fn();
    startTimelineHighlights({ target: target() as unknown as Document, dwellSeconds: 2, onFinished });
    vi.advanceTimersByTime(2000);
    expect(onFinished).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(timelineStore.getState().autoplay.running).toBe(false);
  });
});
