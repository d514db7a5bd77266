import { describe, expect, it } from 'vitest';
import {
  filterSpan,
  inSpan,
  itemSpan,
  placePeriods,
  sliderEras,
  visiblePlaceIndices,
  yearRange,
} from '../../../../renderer/src/sand-table/filters';

const eras = [
  { id: 'rev', title: { en: 'Revolution' }, color: '#aa0000', from: '1921', to: '1949' },
  { id: 'new', title: { en: 'New era' }, color: '#00aa00', from: '2012' },
];

describe('periods', () => {
  it('treats missing ends as open', () => {
    expect(itemSpan({})).toEqual({ start: -Infinity, end: Infinity });
    expect(itemSpan({ from: '1927' }).end).toBe(Infinity);
    expect(itemSpan({ to: '1927' }).start).toBe(-Infinity);
  });

  it('selects by era, by year, or everything', () => {
    const rev = filterSpan({ kind: 'era', eraId: 'rev' }, eras);
    expect(rev).toEqual({ start: 1921, end: 1950 });
    expect(filterSpan({ kind: 'era', eraId: 'nope' }, eras).start).toBe(-Infinity);
    expect(filterSpan({ kind: 'year', year: 1931 }, eras)).toEqual({ start: 1931, end: 1932 });
    expect(filterSpan({ kind: 'all' }, eras).end).toBe(Infinity);
  });

  it('shows an item when its period overlaps the selection', () => {
    const rev = filterSpan({ kind: 'era', eraId: 'rev' }, eras);
    expect(inSpan({ from: '1927', to: '1935' }, rev)).toBe(true);
    expect(inSpan({ from: '1949-10' }, rev)).toBe(true);
    expect(inSpan({ from: '1950' }, rev)).toBe(false);
    expect(inSpan({ to: '1920' }, rev)).toBe(false);
    expect(inSpan({}, rev)).toBe(true);
  });

  it('filters places by hidden categories and period', () => {
    const places = [
      { category: 'a', from: '1927', to: '1935' },
      { category: 'b' },
      { category: 'a', from: '2015' },
    ];
    const all = filterSpan({ kind: 'all' }, eras);
    expect(visiblePlaceIndices(places, new Set(), all)).toEqual([0, 1, 2]);
    expect(visiblePlaceIndices(places, new Set(['a']), all)).toEqual([1]);
    expect(visiblePlaceIndices(places, new Set(), filterSpan({ kind: 'era', eraId: 'new' }, eras))).toEqual([
      1, 2,
    ]);
  });

  it('offers the first timeline eras and a year range', () => {
    expect(sliderEras({ timelines: [] })).toEqual([]);
    expect(
      yearRange({ places: [{ from: '1921' }, { to: '1999-05' }] as never, layers: [], sandTable: undefined }),
    ).toEqual({
      min: 1921,
      max: 1999,
    });
    expect(yearRange({ places: [], layers: [], sandTable: undefined })).toBeNull();
  });
});

describe('place periods for the time slider', () => {
  it('uses the place’s own dates, else its first event onwards, else always', () => {
    const manifest = {
      places: [
        { id: 'a', from: '1950', category: 'x' },
        { id: 'b', category: 'x' },
        { id: 'c', category: 'x' },
      ],
      timelines: [
        {
          events: [
            { date: '1926-05', places: ['b', 'a'] },
            { date: '2021', places: ['b'] },
            { date: 'bad', places: ['c'] },
          ],
        },
      ],
    } as unknown as Parameters<typeof placePeriods>[0];
    const p = placePeriods(manifest);
    expect(p).toEqual([{ from: '1950' }, { from: '1926-05' }, {}]);
    const span = filterSpan({ kind: 'year', year: 1930 }, []);
    expect(p.map((x) => inSpan(x, span))).toEqual([false, true, true]);
    const early = filterSpan({ kind: 'year', year: 1925 }, []);
    expect(p.map((x) => inSpan(x, early))).toEqual([false, false, true]);
  });
});
