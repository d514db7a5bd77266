import { describe, expect, it } from 'vitest';
import {
  buildTimelineModel,
  clampItem,
  eraIdAtItem,
  eraOfEvent,
  eventAtItem,
  eventDateLabel,
  eventIndexForYear,
  itemIndexForYear,
  pickHighlights,
  yearOfEvent,
} from '../../../../renderer/src/timeline/model';
import type { EventItem } from '../../../../renderer/src/timeline/model';
import { L, bigTimeline, ev, timeline } from './helpers';

const eras = [
  { id: 'founding', title: L('建党', 'Founding'), color: '#8c2f2a', from: '1921', to: '1949' },
  { id: 'war', title: L('抗战', 'War'), color: '#9a7b3f', from: '1937-07', to: '1945-09' },
  { id: 'new', title: L('新', 'New'), color: '#4f6b5a', from: '1949-10' },
];

describe('buildTimelineModel', () => {
  const t = timeline(
    [
      ev('late', '2020'),
      ev('ceremony', '1949-10-01'),
      ev('founding', '1921-07'),
      ev('war-1', '1938'),
      ev('back', '1946'),
      ev('qin', '-0221'),
      ev('pinned', '1940', { era: 'founding' }),
      ev('bad', 'not-a-date'),
    ],
    eras,
  );
  const model = buildTimelineModel(t);

  it('sorts events chapter by chapter, by date inside each (BCE first), and drops unreadable dates', () => {
    expect(model.events.map((e) => e.event.id)).toEqual([
      'qin',
      'founding',
      'pinned',
      'back',
      'war-1',
      'ceremony',
      'late',
    ]);
    expect(model.events.every((e, i) => e.eventIndex === i)).toBe(true);
  });

  it('groups into eras: most specific of overlapping ones, explicit era wins, none outside', () => {
    expect(model.events.map((e) => e.eraId)).toEqual([
      null,
      'founding',
      'founding',
      'founding',
      'war',
      'new',
      'new',
    ]);
  });

  it('puts a chapter card before the first event of each era, once', () => {
    expect(model.items.map((i) => (i.kind === 'era' ? `[${i.era.id}]` : i.event.id))).toEqual([
      'qin',
      '[founding]',
      'founding',
      'pinned',
      'back',
      '[war]',
      'war-1',
      '[new]',
      'ceremony',
      'late',
    ]);
    const founding = model.items[1];
    expect(founding?.kind === 'era' && founding.eventCount).toBe(3);
    expect(model.eras.map((s) => [s.era.id, s.cardIndex, s.firstEventIndex, s.lastEventIndex])).toEqual([
      ['founding', 1, 1, 3],
      ['war', 5, 4, 4],
      ['new', 7, 5, 6],
    ]);
  });

  it('maps items, events and years both ways', () => {
    expect(model.itemIndexOfEvent.get('ceremony')).toBe(8);
    expect(model.itemIndexOfEventIndex[1]).toBe(2);
    expect(eventAtItem(model, 1)?.event.id).toBe('founding');
    expect(eventAtItem(model, 6)?.event.id).toBe('war-1');
    expect(eraIdAtItem(model, 6)).toBe('war');
    expect(eraIdAtItem(model, 3)).toBe('founding');
    expect(eraIdAtItem(model, 0)).toBeNull();
    expect(clampItem(model, 99)).toBe(9);
    expect(clampItem(model, -3)).toBe(0);
    expect(eventIndexForYear(model, 1940)).toBe(2);
    expect(eventIndexForYear(model, 1938)).toBe(4);
    expect(eventIndexForYear(model, 1947)).toBe(5);
    expect(eventIndexForYear(model, -500)).toBe(0);
    expect(eventIndexForYear(model, 3000)).toBe(6);
    expect(itemIndexForYear(model, 1949)).toBe(8);
    expect(yearOfEvent(model.events[0]!)).toBe(-221);
    expect(model.minAt).toBe(-220);
    expect(model.maxAt).toBe(2021);
  });

  it('orders chapters by date however the pack lists them, and never interleaves them', () => {
    const m = buildTimelineModel(
      timeline(
        [ev('b2', '2023'), ev('a1', '1921'), ev('b1', '2026', { era: 'b' }), ev('a2', '2024', { era: 'a' })],
        [
          { id: 'b', title: L('乙', 'B'), color: '#9a7b3f', from: '2023', to: '2026' },
          { id: 'a', title: L('甲', 'A'), color: '#8c2f2a', from: '1921', to: '2026' },
        ],
      ),
    );
    expect(m.items.map((i) => (i.kind === 'era' ? `[${i.era.id}]` : i.event.id))).toEqual([
      '[a]',
      'a1',
      'a2',
      '[b]',
      'b2',
      'b1',
    ]);
  });

  it('sorts events of the same start by their range, and marks approximate dates', () => {
    const m = buildTimelineModel(
      timeline([
        ev('decade', '1920', { end: '1929', circa: true }),
        ev('year', '1920'),
        ev('month', '1920-03'),
      ]),
    );
    expect(m.events.map((e) => e.event.id)).toEqual(['year', 'decade', 'month']);
    const decade = m.events[1]!;
    expect(eventDateLabel(decade, 'zh-Hans', 'zh-Hans')).toBe('约1920—1929年');
    expect(eventDateLabel(decade, 'en', 'zh-Hans')).toBe('c. 1920–1929');
    expect(eventDateLabel(m.events[0]!, 'en', 'zh-Hans')).toBe('1920');
  });

  it('keeps an era that no event reaches out of the track', () => {
    const m = buildTimelineModel(timeline([ev('a', '1921')], eras));
    expect(m.items.map((i) => i.key)).toEqual(['era:founding', 'event:a']);
    expect(m.eras.find((s) => s.era.id === 'new')?.cardIndex).toBe(-1);
  });

  it('handles an empty timeline', () => {
    const m = buildTimelineModel(timeline([]));
    expect(m.items).toEqual([]);
    expect(eventAtItem(m, 0)).toBeUndefined();
    expect(eraIdAtItem(m, 0)).toBeNull();
  });

  it('builds 5,000 events quickly', () => {
    const started = performance.now();
    const m = buildTimelineModel(bigTimeline(5000));
    expect(m.events).toHaveLength(5000);
    expect(m.items).toHaveLength(5003);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('eraOfEvent', () => {
  it('ignores an explicit era that does not exist', () => {
    expect(eraOfEvent(ev('x', '1938', { era: 'nope' }), eras)?.id).toBe('war');
  });
});

describe('eventDateLabel', () => {
  const m = buildTimelineModel(
    timeline([
      ev('range', '1937-07', { end: '1945-09' }),
      ev('decade', '2020', { end: '2029', displayDate: L('2020年代', '2020s') }),
      ev('only-en', '1926', { displayDate: { en: 'c. 1926' } }),
      ev('bce', '-0221', { end: '-0206' }),
    ]),
  );
  const label = (id: string, lang: string) =>
    eventDateLabel(m.events.find((e) => e.event.id === id) as EventItem, lang, 'zh-Hans');
  it('uses the display date in the visitor language, falling back to the pack default', () => {
    expect(label('decade', 'zh-Hans')).toBe('2020年代');
    expect(label('decade', 'en')).toBe('2020s');
    expect(label('only-en', 'zh-Hans')).toBe('c. 1926');
  });
  it('formats ranges and BCE dates', () => {
    expect(label('range', 'en')).toBe('July 1937 – September 1945');
    expect(label('range', 'zh-Hans')).toBe('1937年7月—1945年9月');
    expect(label('bce', 'en')).toBe('221–206 BCE');
    expect(label('bce', 'zh-Hans')).toBe('公元前221—前206年');
  });
});

describe('pickHighlights', () => {
  it('takes marked events, spread over the timeline', () => {
    const m = buildTimelineModel(bigTimeline(1000));
    const picks = pickHighlights(m, 4);
    expect(picks.map((p) => p.event.id)).toEqual(['e0', 'e200', 'e500', 'e700']);
    expect(picks.every((p) => p.event.highlight)).toBe(true);
  });
  it('falls back to all events when none is marked', () => {
    const m = buildTimelineModel(timeline([ev('a', '1921'), ev('b', '1949')]));
    expect(pickHighlights(m, 5).map((p) => p.event.id)).toEqual(['a', 'b']);
  });
});
