import { describe, expect, it } from 'vitest';
import {
  createCheckInStore,
  memoryPersistence,
  storagePersistence,
} from '../../../../renderer/src/stores/checkin-store';
import { createSandTableStore } from '../../../../renderer/src/stores/sand-table-store';

describe('sand-table store', () => {
  it('tapping a place selects it, opens the intro and asks the camera to fly there', () => {
    const s = createSandTableStore();
    s.getState().placeTapped('a');
    const st = s.getState();
    expect(st.selectedPlaceId).toBe('a');
    expect(st.cardTab).toBe('intro');
    expect(st.cameraCommand?.command).toEqual({ kind: 'place', placeId: 'a' });
    const seq = st.cameraCommand?.seq ?? 0;
    s.getState().placeTapped('a');
    expect(s.getState().cameraCommand?.seq).toBe(seq + 1);
  });

  it('choosing from the catalogue closes it; background tap closes the card', () => {
    const s = createSandTableStore();
    s.getState().catalogueOpened();
    s.getState().placeChosen('b');
    expect(s.getState().catalogueOpen).toBe(false);
    expect(s.getState().selectedPlaceId).toBe('b');
    s.getState().cardTabChosen('navigate');
    s.getState().backgroundTapped();
    expect(s.getState().selectedPlaceId).toBeNull();
    expect(s.getState().cardTab).toBe('intro');
  });

  it('toggles categories and layers, sets the time filter', () => {
    const s = createSandTableStore();
    const all = ['x', 'y', 'z'];
    // From "all", a chip shows only its own category.
    s.getState().categoryToggled('x', all);
    expect(s.getState().hiddenCategories).toEqual(['y', 'z']);
    // Then chips toggle: y joins, x leaves.
    s.getState().categoryToggled('y', all);
    s.getState().categoryToggled('x', all);
    expect(s.getState().hiddenCategories).toEqual(['z', 'x']);
    // Switching the last one off, or every one on, is "all" again.
    s.getState().categoryToggled('y', all);
    expect(s.getState().hiddenCategories).toEqual([]);
    s.getState().categoryToggled('x', all);
    s.getState().categoryToggled('y', all);
    s.getState().categoryToggled('z', all);
    expect(s.getState().hiddenCategories).toEqual([]);
    s.getState().categoryToggled('z', all);
    s.getState().allCategoriesShown();
    expect(s.getState().hiddenCategories).toEqual([]);
    s.getState().layerToggled('chain');
    expect(s.getState().visibleLayers).toEqual(['chain']);
    s.getState().timeFilterChosen({ kind: 'era', eraId: 'e1' });
    expect(s.getState().timeFilter).toEqual({ kind: 'era', eraId: 'e1' });
  });

  it('a tour plays, pauses, resumes; a visitor takes over; a new tour starts fresh', () => {
    const s = createSandTableStore();
    s.getState().placeTapped('a');
    s.getState().tourRequested('t1');
    expect(s.getState().tour).toMatchObject({ id: 't1', status: 'playing', shot: 0, attract: false });
    expect(s.getState().selectedPlaceId).toBeNull();
    s.getState().tourShotStarted(2);
    s.getState().tourCaptionChanged('hello');
    s.getState().tourPaused();
    expect(s.getState().tour.status).toBe('paused');
    s.getState().tourResumed();
    s.getState().visitorTookOver();
    expect(s.getState().tour).toMatchObject({ status: 'interrupted', shot: 2, caption: '' });
    s.getState().tourResumed();
    expect(s.getState().tour.status).toBe('interrupted');
    s.getState().tourRequested('t1', { attract: true });
    expect(s.getState().tour).toMatchObject({ status: 'playing', shot: 0, attract: true });
    s.getState().tourFinished();
    expect(s.getState().tour.status).toBe('finished');
    s.getState().tourStopped();
    expect(s.getState().tour.id).toBeNull();
  });

  it('session reset forgets the visitor, resets the camera, keeps the scene status', () => {
    const s = createSandTableStore();
    s.getState().sceneLoaded();
    s.getState().placeTapped('a');
    s.getState().categoryToggled('x', ['x', 'y']);
    s.getState().catalogueOpened();
    s.getState().sessionReset();
    const st = s.getState();
    expect(st.selectedPlaceId).toBeNull();
    expect(st.hiddenCategories).toEqual([]);
    expect(st.catalogueOpen).toBe(false);
    expect(st.sceneStatus).toBe('ready');
    expect(st.cameraCommand?.command).toEqual({ kind: 'reset' });
  });
});

describe('check-in store', () => {
  it('counts groups and people per place and for the hall, and persists', () => {
    const p = memoryPersistence();
    const s = createCheckInStore(p);
    s.getState().checkedIn({ placeId: 'a', group: 'party-branch', headCount: 12 });
    s.getState().checkedIn({ placeId: 'a', group: null, headCount: 1 });
    s.getState().checkedIn({ placeId: 'b', group: 'school-class', headCount: 40 });
    expect(s.getState().totals.a).toEqual({ groups: 2, people: 13 });
    expect(s.getState().hallTotal).toEqual({ groups: 3, people: 53 });
    const again = createCheckInStore(p);
    expect(again.getState().totals.a).toEqual({ groups: 2, people: 13 });
    expect(again.getState().entries).toHaveLength(3);
  });

  it('clamps head counts and survives a session reset', () => {
    const s = createCheckInStore(memoryPersistence());
    s.getState().checkedIn({ placeId: 'a', group: null, headCount: 99999 });
    s.getState().checkedIn({ placeId: 'a', group: null, headCount: 0 });
    expect(s.getState().totals.a?.people).toBe(501);
    s.getState().sessionReset();
    expect(s.getState().totals.a?.groups).toBe(2);
  });

  it('ignores corrupt saved data and a failing storage', () => {
    expect(
      createCheckInStore(memoryPersistence({ version: 1, entries: [{ nope: 1 }] })).getState().entries,
    ).toEqual([]);
    const broken = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    const s = createCheckInStore(storagePersistence(broken));
    expect(() => s.getState().checkedIn({ placeId: 'a', group: 'family', headCount: 3 })).not.toThrow();
    expect(s.getState().totals.a?.people).toBe(3);
  });
});
