import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../../electron/node/cli/json-schema';
import { isSafePackPath, packManifestSchema } from '../../../electron/shared/pack-schema';
import { minimalManifest, richManifest } from './manifest-fixture';

const root = join(import.meta.dirname, '..', '..', '..');

describe('docs/pack.schema.json', () => {
  it('is up to date with the zod schema (regenerate: node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'docs', 'pack.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(packJsonSchema());
  });

  it('describes what authors write', () => {
    const schema = packJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining(['format', 'id', 'version', 'title', 'languages', 'defaultLanguage']),
    );
    // Defaulted fields are optional for authors; "files" is computed by hallpack build.
    expect(schema.required).not.toContain('places');
    expect(schema.required).not.toContain('files');
    expect(Object.keys(schema.properties)).toContain('sandTable');
  });
});

describe('pack schema', () => {
  it('parses the test manifests', () => {
    expect(packManifestSchema.safeParse(minimalManifest()).success).toBe(true);
    expect(packManifestSchema.safeParse(richManifest()).success).toBe(true);
  });

  it('accepts only safe pack paths', () => {
    for (const ok of ['a.png', 'media/x y.webm', 'media/红船.png']) expect(isSafePackPath(ok)).toBe(true);
    for (const bad of [
      '',
      '/abs',
      'a/../b',
      '..',
      'a//b',
      'c:/x',
      'a\\b',
      'a\0b',
      'trailing.',
      'space ',
      './a',
    ]) {
      expect(isSafePackPath(bad), bad).toBe(false);
    }
  });
});
