import type { PackManifest, Timeline, TimelineEvent } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';

export const L = (zh: string, en: string) => ({ 'zh-Hans': zh, en });

export function ev(id: string, date: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { id, date, title: L(id, id), media: [], places: [], tours: [], highlight: false, ...extra };
}

export function timeline(events: TimelineEvent[], eras: Timeline['eras'] = []): Timeline {
  return { id: 'spark', title: L('星火', 'Spark'), eras, events };
}

export function manifest(t: Timeline[], extra: Record<string, unknown> = {}): PackManifest {
  return packManifestSchema.parse({
    format: 'hallpack/1',
    id: 'test',
    version: '1.0.0',
    title: L('测试', 'Test'),
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: L('测试', 'Test'),
    created: '2026-01-01',
    timelines: t,
    files: {},
    ...extra,
  });
}

/** A generated timeline of `n` events over the years, with a few eras. */
export function bigTimeline(n: number): Timeline {
  const events: TimelineEvent[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1800 + Math.floor((i * 226) / n);
    events.push(ev(`e${i}`, String(year), { highlight: i % 100 === 0 }));
  }
  return timeline(events, [
    { id: 'a', title: L('甲', 'A'), color: '#8c2f2a', from: '1800', to: '1899' },
    { id: 'b', title: L('乙', 'B'), color: '#9a7b3f', from: '1900', to: '1949' },
    { id: 'c', title: L('丙', 'C'), color: '#4f6b5a', from: '1950' },
  ]);
}
