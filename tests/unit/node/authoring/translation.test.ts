import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import {
  completeness,
  mergeTranslations,
  translationUnits,
} from '../../../../electron/node/authoring/translation';
import {
  readTranslationCsv,
  readXliff,
  writeTranslationCsv,
  writeXliff,
} from '../../../../electron/node/authoring/translation-files';

const work = await mkdtemp(join(tmpdir(), 'hallpack-strings-'));
afterAll(() => rm(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

type Loc = Record<string, string>;
type PackJson = {
  places: { id: string; name: Loc; summary: Loc; figures?: { label: Loc; value: number }[] }[];
  strings: Record<string, Loc>;
};

const unit = fc.constantFrom(
  ...'a Z9,;"\'\n\t<>&]]>南湖红船“”😀é\u00a0\r\u0001\u001f'.split(/(?:)/u),
  ']]>',
  '&amp;',
  '<b>',
);
const nonEmpty = fc.array(unit, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
const loc = fc.record({ 'zh-Hans': nonEmpty, en: nonEmpty });

const packArb = fc
  .record({
    places: fc.uniqueArray(
      fc.record({
        id,
        name: loc,
        summary: loc,
        figures: fc.array(fc.record({ label: loc }), { maxLength: 2 }),
      }),
      { selector: (p) => p.id, maxLength: 4 },
    ),
    strings: fc.dictionary(fc.stringMatching(/^[a-z][a-z.]{0,8}$/), loc, { maxKeys: 3 }),
    title: loc,
  })
  .map((g) => ({
    format: 'hallpack/1',
    id: 'p',
    version: '1.0.0',
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    title: g.title,
    categories: [{ id: 'c', name: { 'zh-Hans': '类' }, color: '#000000' }],
    places: g.places.map((p) => ({
      id: p.id,
      category: 'c',
      position: { lon: 1, lat: 2 },
      name: p.name,
      summary: p.summary,
      figures: p.figures.map((f) => ({ label: f.label, value: 1 })),
    })),
    strings: g.strings,
  }));

/** The pack with every English text removed: what a translator starts from. */
function withoutEnglish<T>(pack: T): T {
  const copy = structuredClone(pack);
  for (const u of translationUnits(copy)) delete u.texts['en'];
  return copy;
}

describe('translation units (property)', () => {
  for (const format of ['xliff', 'csv'] as const) {
    it(`${format}: every English text exported comes back exactly into a pack without English`, () => {
      fc.assert(
        fc.property(packArb, (pack) => {
          const input = {
            packId: 'p',
            sourceLanguage: 'zh-Hans',
            targetLanguage: 'en',
            units: translationUnits(pack),
          };
          const read =
            format === 'xliff'
              ? readXliff(writeXliff(input), 'en.xlf')
              : readTranslationCsv(writeTranslationCsv(input), 'en.csv');
          expect(read.issues).toEqual([]);
          expect(read.targetLanguage).toBe('en');
          const merged = mergeTranslations(withoutEnglish(pack), read.texts);
          expect(merged.issues).toEqual([]);
          expect(merged.pack).toEqual(pack);
        }),
        { numRuns: 120 },
      );
    });
  }

  it('unit ids name items by id, so reordering places keeps every id', () => {
    fc.assert(
      fc.property(packArb, (pack) => {
        const ids = translationUnits(pack).map((u) => u.id);
        const reversed = { ...pack, places: [...pack.places].reverse() };
        expect(new Set(translationUnits(reversed).map((u) => u.id))).toEqual(new Set(ids));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

describe('hallpack strings', () => {
  const init = async (name: string): Promise<string> => {
    const folder = join(work, name);
    expect(await main(['init', folder], capture().io)).toBe(0);
    return folder;
  };
  const readPack = async (folder: string) =>
    JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;

  it('reports completeness per language, listing the missing ids', async () => {
    const folder = await init('status');
    const pack = await readPack(folder);
    delete (pack.places[0]!.name as Partial<Loc>).en;
    pack.places[1]!.summary.en = '  ';
    await writeFile(join(folder, 'pack.json'), JSON.stringify(pack, null, 2) + '\n');
    const report = completeness(pack);
    const en = report.find((c) => c.language === 'en')!;
    expect(en.missing).toEqual([`places:${pack.places[0]!.id}:name`, `places:${pack.places[1]!.id}:summary`]);
    expect(en.translated).toBe(en.total - 2);
    expect(report.find((c) => c.language === 'zh-Hans')!.missing).toEqual([]);
    const c = capture();
    expect(await main(['strings', 'status', folder], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(
      new RegExp(
        `^en: ${en.total - 2} of ${en.total} translated \\(\\d+%\\); missing: places:${pack.places[0]!.id}:name, places:`,
        'm',
      ),
    );
  });

  for (const ext of ['xlf', 'csv'] as const) {
    it(`${ext}: export --missing, translate, import: the texts land and the report says 100%`, async () => {
      const folder = await init(`round-${ext}`);
      const full = await readPack(folder);
      const stripped = withoutEnglish(full);
      await writeFile(join(folder, 'pack.json'), JSON.stringify(stripped, null, 2) + '\n');
      const file = join(work, `en-${ext}.${ext}`);
      const e = capture();
      expect(
        await main(['strings', 'export', folder, '--lang', 'en', '--missing', '--out', file], e.io),
      ).toBe(0);
      expect(e.err.join('\n')).toMatch(/^en: 0 of \d+ translated \(0%\)/m);
      // The "translator": fill every target with the original English.
      const units = new Map(translationUnits(full).map((u) => [u.id, u.texts['en'] as string]));
      let text = await readFile(file, 'utf8');
      if (ext === 'xlf') {
        text = text.replace(
          /<unit id="([^"]+)">([\s\S]*?)<\/source>/g,
          (m, uid: string) =>
            `${m}\n        <target>${(units.get(uid) ?? '').replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</target>`,
        );
      } else {
        const rows = readTranslationCsv(text, file).texts;
        text =
          'id,target:en\n' +
          rows.map((r) => `${r.id},"${(units.get(r.id) ?? '').replaceAll('"', '""')}"`).join('\n');
      }
      await writeFile(file, text);
      const c = capture();
      expect(await main(['strings', 'import', file, folder], c.io)).toBe(0);
      expect(c.out).toEqual([]);
      expect(c.err.join('\n')).toMatch(/^en: (\d+) of \1 translated \(100%\)$/m);
      expect(await readPack(folder)).toEqual(full);
    });
  }

  it('lists what it cannot take (unknown id, too long, not well-formed) and takes the rest', async () => {
    const folder = await init('bad');
    const pack = await readPack(folder);
    const placeId = pack.places[0]!.id;
    const xlf = join(work, 'bad.xlf');
    const units = [
      ['places:nowhere:name', 'Nowhere'],
      [`places:${placeId}:name`, 'x'.repeat(301)],
      [`places:${placeId}:summary`, 'A new summary'],
    ];
    await writeFile(
      xlf,
      `<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hans" trgLang="en"><file id="f">\n${units
        .map(([u, t]) => `<unit id="${u}"><segment><source>s</source><target>${t}</target></segment></unit>`)
        .join('\n')}\n</file></xliff>`,
    );
    const c = capture();
    expect(await main(['strings', 'import', xlf, folder], c.io)).toBe(1);
    expect(c.out).toEqual([
      `${xlf}:3: places:nowhere:name: no text with this id in pack.json (was it renamed or removed?); not taken`,
      `${xlf}:4: places:${placeId}:name: 301 characters; a title holds at most 300; not taken`,
    ]);
    const after = await readPack(folder);
    expect(after.places[0]!.summary.en).toBe('A new summary');
    expect(after.places[0]!.name).toEqual(pack.places[0]!.name);

    await writeFile(
      xlf,
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" trgLang="en">\n<file><unit id="a"></file>',
    );
    const m = capture();
    expect(await main(['strings', 'import', xlf, folder], m.io)).toBe(1);
    expect(m.out.join('\n')).toContain(`${xlf}:2: not well-formed XLIFF: 2:26: unexpected close tag`);
  });

  it('reads XLIFF 1.2 too, and never expands entities it does not know', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file source-language="zh-Hans" target-language="en" datatype="plaintext" original="pack.json"><body>
  <trans-unit id="title"><source>题</source><target>The title</target></trans-unit>
  <trans-unit id="description"><source>述</source><target>&ext;</target></trans-unit>
 </body></file></xliff>`;
    const read = readXliff(xml, 'x.xlf');
    expect(read.texts).toEqual([]);
    expect(read.issues[0]?.reason).toMatch(/not well-formed XLIFF/);
    const ok = readXliff(xml.replace('&ext;', 'About'), 'x.xlf');
    expect(ok.targetLanguage).toBe('en');
    expect(ok.texts.map((t) => [t.id, t.text])).toEqual([
      ['title', 'The title'],
      ['description', 'About'],
    ]);
  });

  it('refuses a target language the pack does not have', async () => {
    const folder = await init('lang');
    const c = capture();
    expect(await main(['strings', 'export', folder, '--lang', 'fr'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--lang fr is not one of the pack's languages \(zh-Hans, en\)/);
  });
});
