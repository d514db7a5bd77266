import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fieldDoc,
  formatLocated,
  jsonLines,
  locate,
  parseJsonPath,
} from '../../../../electron/node/lint/locations';
import { lenientManifestWithDrops, originalPath } from '../../../../electron/node/lint/lenient';
import { formatJsonPath, problem } from '../../../../electron/shared/problems';
import { minimalManifest } from '../../shared/manifest-fixture';

describe('JSON paths', () => {
  it('parses what formatJsonPath writes, and dotted language keys', () => {
    expect(parseJsonPath('places[3].name["zh-Hans"]')).toEqual(['places', 3, 'name', 'zh-Hans']);
    expect(parseJsonPath('media["a.b"].src')).toEqual(['media', 'a.b', 'src']);
    expect(parseJsonPath('title.zh-Hans')).toEqual(['title', 'zh-Hans']);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(99), fc.string({ minLength: 1, maxLength: 6 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (keys) => {
          // A first key that is a number is an array at the root: written as "[0]".
          expect(parseJsonPath(formatJsonPath(keys))).toEqual(keys);
        },
      ),
    );
  });
});

describe('jsonLines', () => {
  it('puts every member of pretty-printed JSON at the line of its key', () => {
    const leaf = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), tie('array')),
      object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie('tree'), { maxKeys: 4 }),
      array: fc.array(tie('tree'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tree, { maxKeys: 5 }), (value) => {
        const text = JSON.stringify(value, null, 2);
        const lines = jsonLines(text);
        const source = text.split('\n');
        const walk = (v: unknown, keys: (string | number)[]): void => {
          if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...keys, i]));
          else if (v !== null && typeof v === 'object')
            for (const [k, x] of Object.entries(v)) {
              const at = lines.lineOf([...keys, k]);
              expect(source[(at ?? 0) - 1]?.trimStart().startsWith(`${JSON.stringify(k)}:`)).toBe(true);
              walk(x, [...keys, k]);
            }
        };
        walk(value, []);
      }),
    );
  });

  it('points a missing field at its nearest present ancestor, and finds files by name', () => {
    const text =
      '{\n  "places": [\n    {\n      "id": "a",\n      "media": ["photo"]\n    }\n  ],\n  "media": { "photo": { "src": "media/a.jpg" } }\n}\n';
    const lines = jsonLines(text);
    expect(lines.lineOf(['places', 0, 'name', 'en'])).toBe(3);
    expect(lines.lineOf(['places', 0, 'id'])).toBe(4);
    expect(lines.lineOfString('media/a.jpg')).toBe(8);
    expect(lines.lineOfString('nothing')).toBeUndefined();
  });
});

describe('locate and format', () => {
  const text = JSON.stringify(
    { categories: [{ id: 'sites', name: { en: 'Sites' } }], places: [{ id: 'p', category: 'nope' }] },
    null,
    2,
  );
  it('prints pack.json:line: rule: path: message, and a hint from the field reference for schema problems', () => {
    const [schema, ref, file] = locate(text, [
      problem(
        'manifest.schema',
        'pack.json',
        { en: 'required string is missing', zh: '缺少' },
        { path: 'categories[0].color' },
      ),
      problem('ref.category-missing', 'pack.json', { id: 'nope' }, { path: 'places[0].category' }),
      problem('files.missing', 'media/x.jpg', { path: 'media/x.jpg' }),
    ]);
    expect(formatLocated(schema!)).toBe(
      'pack.json:3: manifest.schema: categories[0].color: required string is missing\n    hint: Marker colour, #rrggbb. Example: "#b3261e" (docs/pack-reference.md)',
    );
    const nope = text.split('\n').findIndex((l) => l.includes('"nope"')) + 1;
    expect(formatLocated(ref!)).toMatch(
      new RegExp(`^pack\\.json:${nope}: ref\\.category-missing: places\\[0\\]\\.category: `),
    );
    // pack.json does not name it: no line rather than a made-up one.
    expect(formatLocated(file!)).toMatch(/^media\/x\.jpg: files\.missing: /);
    expect(formatLocated(schema!, 'zh-Hans')).toContain('\n    提示: Marker colour');
  });

  it('reads field docs through optional, default, arrays, records and unions', () => {
    expect(fieldDoc(['places', 0, 'position', 'lon'])?.description).toMatch(/Longitude/);
    expect(fieldDoc(['media', 'x', 'alt'])?.description).toMatch(/What the medium shows/);
    expect(fieldDoc(['timelines', 0, 'events', 2, 'date'])?.example).toBe('1921-07');
    expect(fieldDoc(['no-such-field'])).toBeUndefined();
  });
});

describe('lenient manifest paths', () => {
  it('maps a path of the repaired manifest back to the author’s indices', () => {
    const drops = [
      { array: ['places'], index: 1 },
      { array: ['places'], index: 1 },
      { array: ['timelines', 0, 'events'], index: 0 },
    ];
    // Lenient places[1] was the author's places[3] (1 and 2 were dropped).
    expect(originalPath(['places', 1, 'name'], drops)).toEqual(['places', 3, 'name']);
    expect(originalPath(['places', 0, 'name'], drops)).toEqual(['places', 0, 'name']);
    expect(originalPath(['timelines', 0, 'events', 0, 'title'], drops)).toEqual([
      'timelines',
      0,
      'events',
      1,
      'title',
    ]);
  });

  it('records what it drops', () => {
    const m = minimalManifest();
    const second = structuredClone(m.places![0]!);
    second.id = 'b';
    m.places = [{ ...m.places![0]!, position: { lon: 500, lat: 0 } }, second];
    const result = lenientManifestWithDrops(m);
    expect(result?.drops).toEqual([{ array: ['places'], index: 0 }]);
    expect(result?.manifest.places.map((p) => p.id)).toEqual(['b']);
  });
});
