import type { PackManifest, PackManifestInput } from '../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../electron/shared/pack-schema';

/** A small valid manifest for renderer unit tests; `overrides` replace top-level fields. */
export function testManifestInput(overrides: Partial<PackManifestInput> = {}): PackManifestInput {
  return {
    format: 'hallpack/1',
    id: 'unit',
    version: '1.0.0',
    title: { 'zh-Hans': '红色记忆', en: 'Red Memory' },
    description: { 'zh-Hans': '一段说明。', en: 'A description.' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '纪念馆', en: 'Memorial Hall' },
    created: '2025-01-01',
    stats: [
      {
        id: 'sites',
        label: { 'zh-Hans': '地标', en: 'sites' },
        value: 108,
        unit: { 'zh-Hans': '处', en: 'sites' },
      },
      { id: 'relics', label: { 'zh-Hans': '文物', en: 'relics' }, value: 500, qualifier: 'over' },
    ],
    files: {},
    ...overrides,
  };
}

export function testManifest(overrides: Partial<PackManifestInput> = {}): PackManifest {
  return packManifestSchema.parse(testManifestInput(overrides));
}
