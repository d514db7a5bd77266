import { describe, expect, it } from 'vitest';
import { attractStages } from '../../../../renderer/src/flows/attract-sequence';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';

const base = {
  format: 'hallpack/1',
  id: 'a',
  version: '1.0.0',
  title: { en: 'A' },
  languages: ['en'],
  defaultLanguage: 'en',
  publisher: { en: 'P' },
  created: '2026-01-01',
  files: {},
};

const withTour = {
  projection: { type: 'equirectangular', origin: { lon: 120, lat: 30 }, unitsPerDegree: 10 },
  bounds: { west: 110, south: 20, east: 130, north: 40 },
  camera: {
    presets: [{ id: 'o', target: { lon: 120, lat: 30 }, distance: 50, tilt: 60, heading: 0 }],
    initial: 'o',
    limits: { minDistance: 5, maxDistance: 100 },
  },
  tours: [{ id: 't1', title: { en: 'T' }, shots: [{ kind: 'fly-to', preset: 'o', duration: 3 }] }],
};

describe('attractStages', () => {
  it('is the title card alone for a pack without a playlist', () => {
    expect(attractStages(packManifestSchema.parse(base))).toEqual([{ kind: 'title' }]);
  });

  it('follows the playlist after the title card and leaves out what the pack lacks', () => {
    const m = packManifestSchema.parse({
      ...base,
      sandTable: withTour,
      timelines: [{ id: 'tl', title: { en: 'TL' }, events: [] }],
      attract: {
        playlist: [
          { kind: 'tour', tour: 't1' },
          { kind: 'tour', tour: 'missing' },
          { kind: 'timeline-highlights', timeline: 'tl', count: 3 },
          { kind: 'timeline-highlights', timeline: 'nope' },
        ],
      },
    });
    expect(attractStages(m)).toEqual([
      { kind: 'title' },
      { kind: 'tour', tourId: 't1' },
      { kind: 'timeline-highlights', timelineId: 'tl', count: 3 },
    ]);
  });
});
