import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import { eventsOfPlace, showPlaceEvents } from '../../../../renderer/src/flows/show-on-sand-table';
import {
  attractTourIds,
  createAttractTourPlayer,
  startTour,
  stopTour,
  tourEnded,
} from '../../../../renderer/src/flows/sand-table-tour';
import { catalogueEntries, indexLetter } from '../../../../renderer/src/sand-table/catalogue';
import {
  fillLinkTemplate,
  linkTargetOf,
  navigationLink,
  toGcj02,
} from '../../../../renderer/src/sand-table/navigation-link';
import { contentStore } from '../../../../renderer/src/stores/content-store';
import { sandTableStore } from '../../../../renderer/src/stores/sand-table-store';
import { sessionStore } from '../../../../renderer/src/stores/session-store';
import { timelineStore } from '../../../../renderer/src/stores/timeline-store';

const manifest: PackManifest = packManifestSchema.parse(
  JSON.parse(readFileSync('tests/fixtures/packs/sand-small/pack.json', 'utf8')),
);
const place = (id: string) => manifest.places.find((p) => p.id === id)!;
const noFilter = { category: null, era: null, region: null, letter: null };

describe('navigation link (一键导航)', () => {
  it('fills lon, lat, the URL-encoded name in the language, and the id', () => {
    const link = fillLinkTemplate(
      'geo:{lat},{lon}?q={name}&ref={id}',
      place('qiu-memorial'),
      'en',
      'zh-Hans',
    );
    expect(link).toBe('geo:31.79,119.96?q=Qu%20Qiubai%20Memorial&ref=qiu-memorial');
    const zh = fillLinkTemplate('{name}', place('qiu-memorial'), 'zh-Hans', 'zh-Hans');
    expect(decodeURIComponent(zh)).toBe('瞿秋白纪念馆');
  });

  it('prefers the place’s own link and is null without any', () => {
    expect(navigationLink(manifest, place('yun-memorial'), 'en')).toBe('https://map.example.cn/place/yun');
    expect(navigationLink(manifest, place('qiu-memorial'), 'en')).toContain('id=qiu-memorial');
    // No template: an Amap marker link in GCJ-02 (Amap's datum), shifted from the pack's WGS-84.
    const amap = navigationLink({ ...manifest, navigation: undefined }, place('qiu-memorial'), 'en');
    expect(amap).toMatch(
      /^https:\/\/uri\.amap\.com\/marker\?position=[\d.]+,[\d.]+&name=Qu%20Qiubai%20Memorial/,
    );
    expect(linkTargetOf(amap)).toBe('amap');
  });

  it('converts WGS-84 to GCJ-02 for Chinese map apps ({gcjLon}, {gcjLat})', () => {
    const p = { ...place('qiu-memorial'), position: { lon: 116.397428, lat: 39.90923 } };
    const link = fillLinkTemplate('{gcjLon},{gcjLat}|{lon},{lat}', p, 'en', 'zh-Hans');
    const [gcj, wgs] = link.split('|') as [string, string];
    const [glon, glat] = gcj.split(',').map(Number) as [number, number];
    expect(wgs).toBe('116.397428,39.90923');
    // In Beijing the shift is about +0.006° east and +0.0014° north (several hundred metres).
    expect(glon - 116.397428).toBeGreaterThan(0.005);
    expect(glon - 116.397428).toBeLessThan(0.008);
    expect(glat - 39.90923).toBeGreaterThan(0.0005);
    expect(glat - 39.90923).toBeLessThan(0.003);
    expect(toGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
    expect(linkTargetOf('geo:1,2')).toBe('geo');
    expect(linkTargetOf('https://api.map.baidu.com/marker?x')).toBe('baidu');
    expect(linkTargetOf('not a url')).toBe('web');
  });

  it('trims coordinates to six decimals', () => {
    const p = { ...place('qiu-memorial'), position: { lon: 119.123456789, lat: 31.5 } };
    expect(fillLinkTemplate('{lon},{lat}', p, 'en', 'en')).toBe('119.123457,31.5');
  });
});

describe('catalogue (文物一张图)', () => {
  it('indexes by indexKey, else by the pinyin or Latin initial of the name', () => {
    expect(indexLetter(place('zhang-memorial'), 'zh-Hans', 'zh-Hans')).toBe('Z');
    expect(indexLetter({ ...place('zhang-memorial'), indexKey: undefined }, 'zh-Hans', 'zh-Hans')).toBe('Z');
    expect(
      indexLetter(
        { ...place('zhang-memorial'), indexKey: undefined, name: { 'zh-Hans': '张' } },
        'zh-Hans',
        'zh-Hans',
      ),
    ).toBe('Z');
    expect(
      indexLetter(
        { ...place('zhang-memorial'), indexKey: undefined, name: { 'zh-Hans': '·' } },
        'zh-Hans',
        'zh-Hans',
      ),
    ).toBe('#');
  });

  it('filters by category, era, region and letter together, in pinyin order', () => {
    expect(catalogueEntries(manifest, noFilter, 'zh-Hans')).toHaveLength(manifest.places.length);
    // 瞿 qu, 恽 yun, 张 zhang.
    expect(
      catalogueEntries(manifest, { ...noFilter, category: 'figures' }, 'zh-Hans').map((p) => p.id),
    ).toEqual(['qiu-memorial', 'yun-memorial', 'zhang-memorial']);
    // 起 qi, 青 qing, 瞿 qu.
    expect(catalogueEntries(manifest, { ...noFilter, letter: 'Q' }, 'zh-Hans').map((p) => p.id)).toEqual([
      'uprising-site',
      'youth-base',
      'qiu-memorial',
    ]);
    expect(catalogueEntries(manifest, { ...noFilter, category: 'figures' }, 'en').map((p) => p.id)).toEqual([
      'qiu-memorial',
      'yun-memorial',
      'zhang-memorial',
    ]);
    const founding = catalogueEntries(manifest, { ...noFilter, era: 'founding' }, 'zh-Hans').map((p) => p.id);
    expect(founding).not.toContain('martyrs-park');
    expect(founding).toContain('uprising-site');
    expect(catalogueEntries(manifest, { ...noFilter, region: '东区' }, 'zh-Hans')).toHaveLength(2);
    expect(catalogueEntries(manifest, { ...noFilter, region: 'East' }, 'en')).toHaveLength(2);
  });
});

describe('flows', () => {
  it('its events (the timeline helper’s flow, used by the card): the earliest linked event opens', () => {
    expect(eventsOfPlace(manifest, 'qiu-memorial').map((e) => e.event.id)).toEqual(['e-memorial']);
    expect(eventsOfPlace(manifest, 'congress-site')).toEqual([]);
    contentStore.getState().manifestLoaded(manifest);
    expect(showPlaceEvents('congress-site')).toBe(false);
    expect(showPlaceEvents('industry-park')).toBe(true);
    expect(sessionStore.getState().screen).toBe('timeline');
    expect(timelineStore.getState().openEventId).toBe('e-chain');
  });

  it('startTour brings the sand table forward; stopTour and tourEnded report the end', async () => {
    contentStore.getState().manifestLoaded(manifest);
    sessionStore.getState().screenRequested('home');
    expect(startTour('nope')).toBe(false);
    expect(startTour()).toBe(true);
    expect(sessionStore.getState().screen).toBe('sand-table');
    expect(sandTableStore.getState().tour).toMatchObject({ id: 'intro', status: 'playing', attract: false });
    const ended = tourEnded();
    sandTableStore.getState().visitorTookOver();
    await expect(ended).resolves.toBe('interrupted');
    stopTour();
    expect(sandTableStore.getState().tour.id).toBeNull();
  });

  it('the attract player loops the playlist tours and stops its own tour only', () => {
    contentStore.getState().manifestLoaded(manifest);
    sessionStore.getState().screenRequested('attract');
    expect(attractTourIds()).toEqual(['intro']);
    const player = createAttractTourPlayer();
    player.start();
    expect(sandTableStore.getState().tour).toMatchObject({ id: 'intro', status: 'playing', attract: true });
    expect(sessionStore.getState().screen).toBe('attract');
    sandTableStore.getState().tourFinished();
    // Finished → the next (here: the same) tour starts again.
    expect(sandTableStore.getState().tour.status).toBe('playing');
    player.stop();
    expect(sandTableStore.getState().tour.id).toBeNull();
  });
});
