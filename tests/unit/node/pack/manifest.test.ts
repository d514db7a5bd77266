import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkManifest,
  lineColumn,
  MAX_JSON_DEPTH,
  MAX_MANIFEST_BYTES,
  parseManifest,
  parseStrictJson,
  unknownKeyProblems,
} from '../../../../electron/node/pack/manifest';
import { formatProblem } from '../../../../electron/shared/problems';
import { manifestBytes, minimalManifest, richManifest } from '../../shared/manifest-fixture';

const utf8 = (s: string) => new TextEncoder().encode(s);

function problemsOf(bytes: Uint8Array) {
  const r = parseManifest(bytes);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

describe('parseStrictJson', () => {
  it('agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        fc.pre(!text.includes('"__proto__"')); // refused on purpose (tested below)
        const r = parseStrictJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '{',
            '}',
            '[',
            ']',
            '"',
            ':',
            ',',
            '1',
            '-',
            'e',
            '.',
            ' ',
            'n',
            'u',
            'l',
            '\\',
          ),
        }),
        (s) => {
          let standard = true;
          try {
            JSON.parse(s);
          } catch {
            standard = false;
          }
          const r = parseStrictJson(s);
          // Strict may refuse more (duplicate keys), never less.
          if (!standard) expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses duplicate keys and __proto__', () => {
    const dup = parseStrictJson('{"a":1,\n "a":2}');
    expect(dup.ok || dup.error).toMatchObject({ kind: 'duplicate-key', key: 'a' });
    const proto = parseStrictJson('{"__proto__":{"x":1}}');
    expect(proto.ok || proto.error).toMatchObject({ kind: 'forbidden-key' });
    // Escaped spelling is the same key.
    const escaped = parseStrictJson('{"a":1,"\\u0061":2}');
    expect(escaped.ok).toBe(false);
  });

  it('caps nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = parseStrictJson(deep);
    expect(r.ok || r.error.kind).toBe('too-deep');
    expect(parseStrictJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
  });

  it('locates errors by line and column', () => {
    const text = '{\n  "a": 1,\n  "b": }';
    const r = parseStrictJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(lineColumn(text, r.error.offset)).toEqual({ line: 3, column: 8 });
  });
});

describe('parseManifest', () => {
  it('accepts valid manifests and applies defaults', () => {
    const r = parseManifest(manifestBytes(minimalManifest()));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.manifest.id).toBe('test-minimal');
      expect(r.manifest.layers).toEqual([]);
      expect(r.manifest.theme.solemn).toBe(true);
    }
    expect(parseManifest(manifestBytes(richManifest())).ok).toBe(true);
  });

  it('accepts a UTF-8 BOM', () => {
    const body = manifestBytes(minimalManifest());
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(parseManifest(withBom).ok).toBe(true);
  });

  it('refuses invalid UTF-8', () => {
    expect(problemsOf(new Uint8Array([0x7b, 0xff, 0x7d])).map((p) => p.code)).toEqual(['manifest.encoding']);
  });

  it('refuses an oversized manifest before parsing', () => {
    const big = new Uint8Array(MAX_MANIFEST_BYTES + 1).fill(0x20);
    expect(problemsOf(big).map((p) => p.code)).toEqual(['manifest.too-large']);
  });

  it('reports JSON syntax errors with line and column, in both languages', () => {
    const [p] = problemsOf(utf8('{\n  "format": "hallpack/1",\n  "id": "x",\n}'));
    expect(p?.code).toBe('manifest.json-invalid');
    expect(p?.message.en).toContain('line 3, column 12');
    expect(p?.message.en).toContain('trailing comma');
    expect(p?.message['zh-Hans']).toContain('第 3 行第 12 列');
    expect(formatProblem(p!)).toMatch(/^pack\.json: manifest\.json-invalid: JSON syntax error at line 3/);
  });

  it('explains common JSON mistakes', () => {
    expect(problemsOf(utf8('{ // comment\n}'))[0]?.message.en).toContain('comments are not allowed');
    expect(problemsOf(utf8("{'a': 1}"))[0]?.message.en).toContain('double quotes');
    expect(problemsOf(utf8(''))[0]?.message.en).toContain('end of file');
  });

  it('reports a wrong format once', () => {
    const m = { ...minimalManifest(), format: 'hallpack/2' };
    const problems = problemsOf(manifestBytes(m));
    expect(problems.map((p) => p.code)).toEqual(['manifest.format']);
  });

  it('maps schema issues to paths and bilingual messages', () => {
    const m = minimalManifest() as Record<string, unknown>;
    const places = m['places'] as Record<string, unknown>[];
    places[0]!['id'] = 'Bad Id';
    places[0]!['position'] = { lon: 500, lat: 0 };
    delete m['title'];
    m['languages'] = [];
    (m['files'] as Record<string, unknown>)['../escape.png'] = { size: 1, sha256: '0'.repeat(64) };
    m['media'] = { dot: { kind: 'picture', src: 'media/dot.png' } };
    const problems = problemsOf(manifestBytes(m));
    const byPath = new Map(problems.map((p) => [p.path ?? '', p]));
    expect(problems.every((p) => p.code === 'manifest.schema' && p.file === 'pack.json')).toBe(true);
    expect(byPath.get('title')?.message.en).toBe('required object is missing');
    expect(byPath.get('title')?.message['zh-Hans']).toBe('缺少必填的对象');
    expect(byPath.get('languages')?.message.en).toBe('needs at least 1 item(s)');
    expect(byPath.get('places[0].id')?.message['zh-Hans']).toContain('id 为 1–64 个字符');
    expect(byPath.get('places[0].position.lon')?.message.en).toBe('must be at most 180');
    expect(byPath.get('media.dot.kind')?.message.en).toContain('must be one of "image"');
    expect(byPath.get('files["../escape.png"]')?.message.en).toContain('path must be relative');
    expect(byPath.get('files["../escape.png"]')?.message['zh-Hans']).toContain('路径必须是相对路径');
  });

  it('reports the reachable branch of a union', () => {
    const m = minimalManifest() as Record<string, unknown>;
    m['media'] = { dot: { kind: 'image', src: { en: '/abs.png' } } };
    const problems = problemsOf(manifestBytes(m));
    expect(problems.map((p) => p.path)).toContain('media.dot.src.en');
  });

  it('reports a discriminated union with its options', () => {
    const m = richManifest() as Record<string, unknown>;
    (m['sandTable'] as { tours: { shots: { kind: string }[] }[] }).tours[0]!.shots[0]!.kind = 'zoom';
    const [p] = problemsOf(manifestBytes(m));
    expect(p?.path).toBe('sandTable.tours[0].shots[0].kind');
    expect(p?.message.en).toContain('"fly-to"');
  });

  it('caps the number of schema problems', () => {
    const m = minimalManifest() as Record<string, unknown>;
    m['places'] = Array.from({ length: 300 }, () => ({ id: 'BAD' }));
    const problems = problemsOf(manifestBytes(m));
    expect(problems.length).toBe(101);
    expect(problems[100]?.message.en).toContain('more schema problem');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = parseManifest(bytes);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = parseManifest(utf8(text));
        expect(r.ok).toBe(false);
        if (!r.ok) for (const p of r.problems) expect(p.code).toMatch(/^manifest\./);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid manifests, and checkManifest neither', () => {
    const base = richManifest();
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(base, []);
    const replacement = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('', '../x', 'nope', -1, 1e308, null, [], {}, 'hallpack/1', '#zzzzzz', 'zh-Hans'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), replacement, fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        (mutations) => {
          const m = structuredClone(base) as unknown;
          for (const [path, value, remove] of mutations) {
            if (path.length === 0) continue;
            let parent = m as Record<string | number, unknown>;
            for (const key of path.slice(0, -1)) {
              const next = parent?.[key];
              if (!next || typeof next !== 'object') return;
              parent = next as Record<string | number, unknown>;
            }
            const last = path[path.length - 1]!;
            if (remove) delete parent[last];
            else parent[last] = structuredClone(value);
          }
          const r = checkManifest(manifestBytes(m));
          for (const p of r.problems) {
            expect(p.code).toMatch(/^[a-z]+\.[a-z-]+$/);
            expect(p.message.en).not.toBe('');
            expect(p.message['zh-Hans']).not.toBe('');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips a valid manifest', () => {
    const r = parseManifest(manifestBytes(richManifest()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = parseManifest(manifestBytes(r.manifest));
    expect(again.ok && again.manifest).toEqual(r.manifest);
  });
});

describe('checkManifest', () => {
  it('returns warnings alongside a valid manifest', () => {
    const m = minimalManifest() as { title: Record<string, string> };
    delete m.title['en'];
    const r = checkManifest(manifestBytes(m));
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => p.code)).toEqual(['lang.missing-translation']);
  });

  it('fails on reference errors but still returns the manifest', () => {
    const m = minimalManifest() as { places: { category: string }[] };
    m.places[0]!.category = 'none';
    const r = checkManifest(manifestBytes(m));
    expect(r.ok).toBe(false);
    expect(r.manifest?.id).toBe('test-minimal');
    expect(r.problems.map((p) => p.code)).toEqual(['ref.category-missing']);
  });
});

describe('author folders', () => {
  it('explains a missing files index', () => {
    const m = minimalManifest() as Record<string, unknown>;
    delete m['files'];
    const [p] = problemsOf(manifestBytes(m));
    expect(p?.path).toBe('files');
    expect(p?.message.en).toContain('hallpack build');
  });
});

describe('unknown keys', () => {
  it('warns about fields the schema does not know, with their JSON path, and keeps the pack', () => {
    const raw = {
      format: 'hallpack/1',
      id: 'typo',
      version: '1.0.0',
      title: { en: 'T' },
      languages: ['en'],
      defaultLanguage: 'en',
      publisher: { en: 'P' },
      created: '2026-01-01',
      files: {},
      categories: [{ id: 'c', name: { en: 'C' }, color: '#112233', colour: '#000000' }],
      catgory: 'oops',
    };
    const checked = checkManifest(new TextEncoder().encode(JSON.stringify(raw)));
    expect(checked.ok).toBe(true);
    const unknown = checked.problems.filter((p) => p.code === 'manifest.unknown-key');
    expect(unknown.map((p) => [p.path, p.severity])).toEqual([
      ['categories[0].colour', 'warning'],
      ['catgory', 'warning'],
    ]);
    expect(unknown[1]!.message.en).toContain('"catgory"');
    // Records keep every key: localized text and the files index never count as unknown.
    expect(unknownKeyProblems({ title: { en: 'a', fr: 'b' } }, { title: { en: 'a', fr: 'b' } })).toEqual([]);
  });
});
