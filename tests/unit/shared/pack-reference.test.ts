import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../../electron/node/cli/json-schema';
import { packReferenceMarkdown } from '../../../electron/node/cli/pack-reference';
import { validateManifestValue } from '../../../electron/node/pack/manifest';
import { displayWidth, packManifestSchema, TEXT_LIMITS } from '../../../electron/shared/pack-schema';
import { textFields, textLengthProblems } from '../../../electron/node/lint/text-limits';
import { minimalManifest, richManifest } from './manifest-fixture';

const root = join(import.meta.dirname, '..', '..', '..');

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every property of every object in the JSON Schema, with its path. */
function properties(node: Json, path: string, out: Array<[string, Json]>): void {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) branches.filter(isObject).forEach((b) => properties(b, path, out));
  }
  if (isObject(node.items)) properties(node.items, `${path}[]`, out);
  if (isObject(node.additionalProperties)) properties(node.additionalProperties, `${path}.*`, out);
  if (isObject(node.properties)) {
    for (const [name, p] of Object.entries(node.properties)) {
      if (!isObject(p)) continue;
      out.push([`${path}.${name}`, p]);
      properties(p, `${path}.${name}`, out);
    }
  }
}

describe('field reference', () => {
  it('docs/pack-reference.md is current (regenerate: hallpack schema --markdown -o docs/pack-reference.md)', () => {
    const committed = readFileSync(join(root, 'docs', 'pack-reference.md'), 'utf8');
    expect(committed).toBe(packReferenceMarkdown());
  });

  it('every field has a description and an example that the schema accepts in place', () => {
    const fields: Array<[string, Json]> = [];
    properties(packJsonSchema(), '', fields);
    expect(fields.length).toBeGreaterThan(150);
    const undocumented = fields
      .filter(
        ([, p]) => typeof p.description !== 'string' || !Array.isArray(p.examples) || p.examples.length === 0,
      )
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it('names every object of the format with a section and every field with a row', () => {
    const md = packReferenceMarkdown();
    for (const section of [
      '`places[]`',
      '`sandTable.camera.limits`',
      '`media.<id>`',
      '`timelines[].events[]`',
    ])
      expect(md).toContain(`## ${section}`);
    expect(md).toContain('| `linkTemplate` |');
    expect(md).toContain('text (title, ≤ 300 chars)');
  });
});

describe('text length caps', () => {
  it('refuses a 40,000-character title, naming the field and the cap', () => {
    const m = minimalManifest() as Json;
    m.title = { 'zh-Hans': '长'.repeat(40_000), en: 'x' };
    const result = validateManifestValue(m, 'pack.json');
    if (result.ok) throw new Error('a 40,000-character title was accepted');
    const p = result.problems.find((x) => x.path === 'title["zh-Hans"]');
    expect(p?.message.en).toContain(`at most ${TEXT_LIMITS.title.max} characters (it has 40000)`);
  });

  it('finds every text field by its kind, including inside unions and maps', () => {
    const m = packManifestSchema.parse(richManifest());
    const fields = textFields(packManifestSchema, m);
    const paths = fields.map((f) => `${f.path}:${f.kind}`);
    expect(paths).toContain('title.en:title');
    expect(paths.some((p) => /^places\[0\]\.summary\["zh-Hans"\]:paragraph$/.test(p))).toBe(true);
    expect(paths.some((p) => /^media\.[^.]+\.alt\.en:line$/.test(p))).toBe(true);
    // Paths and ids are not text.
    expect(fields.some((f) => f.path.includes('.src') || f.path.startsWith('files'))).toBe(false);
  });

  it('warns when a text is wider than the screen fits, counting Chinese characters as two columns', () => {
    expect(displayWidth('南湖 a')).toBe(6);
    const base = minimalManifest() as Json;
    const places = base.places as Json[];
    places[0]!.name = { 'zh-Hans': '纪'.repeat(41), en: 'x'.repeat(80) };
    const warnings = textLengthProblems(packManifestSchema.parse(base));
    expect(warnings.map((w) => [w.path, w.severity, w.rule])).toEqual([
      ['places[0].name["zh-Hans"]', 'warning', 'text.length'],
    ]);
    expect(warnings[0]?.message.en).toContain('82 columns');
  });
});
