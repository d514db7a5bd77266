import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aboutGroups, mediaShownBy } from '../../../../renderer/src/components/about/about-entries';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';

const raw = JSON.parse(
  readFileSync(new URL('../../../../assets/packs/default/pack.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const manifest: PackManifest = packManifestSchema.parse({ ...raw, files: {} });

describe('About & credits entries', () => {
  it('names each media item by what shows it, in the visitor language', () => {
    const zh = mediaShownBy(manifest, 'zh-Hans');
    expect(zh.get('img.place.xian-htz')).toEqual(['西安高新区']);
    const en = mediaShownBy(manifest, 'en');
    expect(en.get('nar.chain-tour-02')).toEqual(['Branches Along the Chain · 2']);
    // The film is shown by two events: both are named.
    expect(en.get('video.spark-to-momentum')?.length).toBe(2);
  });

  it('lists every credited item with a label, base-map media under the sand table', () => {
    const groups = aboutGroups(manifest, 'en', 'Sand table');
    expect(groups.length).toBe(manifest.about!.credits.length);
    const items = groups.flatMap((g) => g.items);
    expect(items.length).toBe(Object.keys(manifest.media).length);
    for (const item of items) expect(item.label, item.id).not.toBe('');
    expect(items.find((i) => i.id === 'base.texture')?.label).toBe('Sand table');
    for (const g of groups) {
      expect(g.kind).not.toBe('');
      expect(g.source).not.toBe('');
    }
    // Everything drawn from the feature names it with its year.
    expect(groups.filter((g) => g.source.includes('Luo Xiaoyan, 2026')).length).toBeGreaterThanOrEqual(3);
  });

  it('is empty for a pack without an about section', () => {
    expect(aboutGroups({ ...manifest, about: undefined }, 'en', 'Sand table')).toEqual([]);
  });
});
