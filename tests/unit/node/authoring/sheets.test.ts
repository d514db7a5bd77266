import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type * as ExcelJs from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { mergeTables, packToTables } from '../../../../electron/node/authoring/sheet-model';
import type { SheetTable } from '../../../../electron/node/authoring/sheet-model';
import {
  readCsvFolder,
  readXlsx,
  writeCsvFolder,
  writeXlsx,
  xlsxUnsafeCells,
} from '../../../../electron/node/authoring/sheet-files';

const work = await mkdtemp(join(tmpdir(), 'hallpack-sheet-'));
afterAll(() => rm(work, { recursive: true, force: true }));
let n = 0;
const fresh = async (): Promise<string> => {
  const dir = join(work, `t${n++}`);
  await mkdir(dir, { recursive: true });
  return dir;
};

type PackJson = {
  places: [
    { name: Record<string, string>; summary: Record<string, string> },
    ...{ name: Record<string, string>; summary: Record<string, string> }[],
  ];
  strings: Record<string, unknown>;
  timelines: { events: unknown[] }[];
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

async function folderBytes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(p);
      else out[p] = (await readFile(join(dir, p))).toString('base64');
    }
  };
  await walk('');
  return out;
}

// --- arbitrary packs -------------------------------------------------------------------------

const LANGS = ['zh-Hans', 'en'] as const;
const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
/** Text as authors write it: CJK, emoji, quotes, commas, line breaks, leading "=" or spaces, digits. */
const textUnit = fc.constantFrom(
  ...'ab Z9,;"\'\n\t=+-@#*()[]{}<>&南湖红船一大·—…“”€😀é\u00a0'.split(/(?:)/u),
  '1921',
  '0221',
  '1.50',
  'TRUE',
);
const anyText = fc.array(textUnit, { maxLength: 12 }).map((a) => a.join(''));
const csvText = fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 20 }));
const localized = (text: fc.Arbitrary<string>, required: boolean) =>
  fc.record({ 'zh-Hans': text, en: text }, { requiredKeys: required ? ['zh-Hans'] : [] });
const date = fc.constantFrom('1921', '1921-07', '1921-07-23', '-0221', '0221', '2024-12');
const color = fc.constantFrom('#b3261e', '#1565C0', '#000000');

function packOf(text: fc.Arbitrary<string>) {
  const optLocalized = fc.option(localized(text, false), { nil: undefined });
  return fc
    .record({
      categories: fc.uniqueArray(fc.record({ id, name: localized(text, true), color }), {
        selector: (c) => c.id,
        minLength: 1,
        maxLength: 3,
      }),
      places: fc.uniqueArray(
        fc.record({
          id,
          lon: fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }),
          lat: fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true }),
          name: localized(text, true),
          summary: localized(text, true),
          body: optLocalized,
          region: optLocalized,
        }),
        { selector: (p) => p.id, maxLength: 4 },
      ),
      eras: fc.uniqueArray(
        fc.record({
          id,
          title: localized(text, true),
          color,
          from: date,
          to: fc.option(date, { nil: undefined }),
          intro: optLocalized,
        }),
        { selector: (e) => e.id, maxLength: 3 },
      ),
      events: fc.uniqueArray(
        fc.record({
          id,
          date,
          end: fc.option(date, { nil: undefined }),
          title: localized(text, true),
          text: optLocalized,
          displayDate: optLocalized,
        }),
        { selector: (e) => e.id, maxLength: 4 },
      ),
      media: fc.dictionary(id, fc.record({ alt: optLocalized, credit: optLocalized }), { maxKeys: 3 }),
      strings: fc.dictionary(fc.stringMatching(/^[a-z][a-z.]{0,10}$/), localized(text, false), {
        maxKeys: 3,
      }),
    })
    .map((g) => {
      const clean = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
      return clean({
        format: 'hallpack/1',
        id: 'p',
        version: '1.0.0',
        languages: [...LANGS],
        defaultLanguage: 'zh-Hans',
        title: { 'zh-Hans': '题', en: 'T' },
        categories: g.categories,
        places: g.places.map((p, i) => ({
          id: p.id,
          category: g.categories[i % g.categories.length]?.id,
          position: { lon: p.lon, lat: p.lat },
          name: p.name,
          summary: p.summary,
          ...(p.body ? { body: p.body } : {}),
          ...(p.region ? { region: p.region } : {}),
          media: [],
        })),
        timelines: [
          {
            id: 'history',
            title: { 'zh-Hans': '历程' },
            eras: g.eras,
            events: g.events.map((e, i) => ({ ...e, ...(g.eras[i] ? { era: g.eras[i].id } : {}) })),
          },
        ],
        media: Object.fromEntries(
          Object.entries(g.media).map(([k, m]) => [k, { kind: 'image', src: `media/${k}.png`, ...m }]),
        ),
        strings: g.strings,
      });
    });
}

describe('sheet round trip (property)', () => {
  it('CSV folder: export → import without edits gives the same pack, with no issue', async () => {
    await fc.assert(
      fc.asyncProperty(packOf(csvText), async (pack) => {
        const dir = await fresh();
        await writeCsvFolder(dir, packToTables(pack));
        const read = await readCsvFolder(dir);
        const merged = mergeTables(pack, read.tables);
        expect(read.issues).toEqual([]);
        expect(merged.issues).toEqual([]);
        expect(merged.changed).toBe(0);
        expect(merged.pack).toEqual(pack);
        await rm(dir, { recursive: true });
      }),
      { numRuns: 60 },
    );
  });

  it('xlsx: export → import without edits gives the same pack, with no issue', async () => {
    await fc.assert(
      fc.asyncProperty(packOf(anyText), async (pack) => {
        const tables = packToTables(pack);
        const file = join(await fresh(), 'p.xlsx');
        expect(xlsxUnsafeCells(tables)).toEqual([]);
        await writeXlsx(file, tables);
        const read = await readXlsx(file);
        const merged = mergeTables(pack, read.tables);
        expect(read.issues).toEqual([]);
        expect(merged.issues).toEqual([]);
        expect(merged.pack).toEqual(pack);
      }),
      { numRuns: 25 },
    );
  });

  it('an edited text cell is taken and nothing else changes', () => {
    fc.assert(
      fc.property(packOf(anyText), anyText, fc.nat(), (pack, value, pick) => {
        const tables = packToTables(pack);
        // Pick a text cell (a column whose header names a language) of a row that exists.
        const cells = tables.flatMap((t) =>
          t.rows.flatMap((_, r) =>
            t.header.flatMap((h, c) => (/(^|:)(zh-Hans|en)$/.test(h) ? [{ t, r, c }] : [])),
          ),
        );
        fc.pre(cells.length > 0);
        const { t, r, c } = cells[pick % cells.length]!;
        const edited: SheetTable[] = tables.map((x) =>
          x === t
            ? {
                ...x,
                rows: x.rows.map((row, i) => (i === r ? row.map((v, j) => (j === c ? value : v)) : row)),
              }
            : x,
        );
        const merged = mergeTables(pack, edited);
        const header = t.header[c] ?? '';
        const required = /^(name|title|summary):zh-Hans$/.test(header);
        const was = t.rows[r]?.[c];
        if (value === '' && required && was !== undefined && was !== '') {
          expect(merged.issues).toHaveLength(1);
          expect(merged.pack).toEqual(pack);
          return;
        }
        expect(merged.issues).toEqual([]);
        // Exporting the merged pack gives the edited tables back: the cell changed, no other did.
        const blank = (ts: SheetTable[]) =>
          ts.map((x) => ({ ...x, rows: x.rows.map((row) => row.map((v) => (v === '' ? undefined : v))) }));
        expect(blank(packToTables(merged.pack))).toEqual(blank(edited));
        // And nothing outside the sheets changed.
        const strip = (p: Record<string, unknown>) => ({
          ...p,
          places: undefined,
          categories: undefined,
          timelines: undefined,
          media: undefined,
          strings: undefined,
        });
        expect(strip(merged.pack)).toEqual(strip(pack));
      }),
      { numRuns: 150 },
    );
  });
});

describe('hallpack sheet', () => {
  const init = async (): Promise<string> => {
    const folder = join(await fresh(), 'hall');
    expect(await main(['init', folder], capture().io)).toBe(0);
    return folder;
  };

  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: export → import with no edits leaves every byte of the folder as it was`, async () => {
      const folder = await init();
      const before = await folderBytes(folder);
      const mtime = (await stat(join(folder, 'pack.json'))).mtimeMs;
      const target = join(folder, '..', kind === 'xlsx' ? 'texts.xlsx' : 'texts');
      expect(await main(['sheet', 'export', folder, target], capture().io)).toBe(0);
      const c = capture();
      expect(await main(['sheet', 'import', target, folder], c.io)).toBe(0);
      expect(c.out).toEqual([]);
      expect(await folderBytes(folder)).toEqual(before);
      expect((await stat(join(folder, 'pack.json'))).mtimeMs).toBe(mtime);
    });
  }

  it('takes an edited title from CSV and reports each cell it cannot take, changing nothing else', async () => {
    const folder = await init();
    const csv = join(folder, '..', 'csv');
    expect(await main(['sheet', 'export', folder, csv], capture().io)).toBe(0);
    const before = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;
    const places = await readFile(join(csv, 'places.csv'), 'utf8');
    const edited = places
      .replace('South Lake,', 'South Lake (Jiaxing),')
      .replace('120.76', 'east of here')
      .replace(/,sites,/, ',no-such-category,');
    await writeFile(join(csv, 'places.csv'), edited);
    const events = await readFile(join(csv, 'events.csv'), 'utf8');
    // A date a person mistyped, and a row whose id names no event.
    await writeFile(
      join(csv, 'events.csv'),
      events.replace(/,1921-07,/, ',July 1921,') + 'history,e-unknown,,1950,,,,新事件,New,,\r\n',
    );
    await writeFile(join(csv, 'extra.csv'), 'a,b\r\n1,2\r\n');
    const c = capture();
    expect(await main(['sheet', 'import', csv, folder], c.io)).toBe(1);
    const lines = c.out.join('\n');
    expect(lines).toMatch(/places!B2 \(category\): no category "no-such-category"/);
    expect(lines).toMatch(/places!C2 \(lon\): "east of here" is not a number/);
    expect(lines).toMatch(/events!D\d \(date\): "July 1921": date must be YYYY/);
    expect(lines).toMatch(/events!B\d \(id\): no event "history \/ e-unknown" in pack.json/);
    expect(lines).toMatch(/extra: not a sheet hallpack knows/);
    expect(c.out).toHaveLength(5);
    const after = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;
    expect(after.places[0].name.en).toBe('South Lake (Jiaxing)');
    // Everything else as it was.
    after.places[0].name.en = before.places[0].name.en ?? '';
    expect(after).toEqual(before);
  });

  it('xlsx: a cell Excel turned into a date, a boolean and an error are reported and left alone', async () => {
    const folder = await init();
    const file = join(folder, '..', 'texts.xlsx');
    expect(await main(['sheet', 'export', folder, file], capture().io)).toBe(0);
    const before = await readFile(join(folder, 'pack.json'), 'utf8');
    const { default: ExcelJS } = (await import('exceljs')) as unknown as {
      default: typeof ExcelJs;
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const events = wb.getWorksheet('events')!;
    // What Excel does to "1921-07" typed into a General cell: a date, formatted as one.
    events.getCell('D2').value = new Date(Date.UTC(1921, 6, 1));
    events.getCell('D2').numFmt = 'yyyy-mm-dd';
    const places = wb.getWorksheet('places')!;
    places.getCell('E2').value = true;
    places.getCell('F2').value = { error: '#REF!' };
    places.getCell('G2').value = { formula: 'A1&"x"', result: '拼接' };
    await wb.xlsx.writeFile(file);
    const c = capture();
    expect(await main(['sheet', 'import', file, folder], c.io)).toBe(1);
    const lines = c.out.join('\n');
    expect(lines).toMatch(/events!D2 \(date\): the spreadsheet turned this cell into a date \(1921-07-01\)/);
    expect(lines).toMatch(/places!E2 \(name:zh-Hans\): TRUE is a true\/false cell/);
    expect(lines).toMatch(/places!F2 \(name:en\): the cell shows the error #REF!/);
    // exceljs writes no cached result for a text formula: nothing to take, so it is reported.
    expect(lines).toMatch(/places!G2 \(summary:zh-Hans\): a formula without a text or number result/);
    expect(c.out, lines).toHaveLength(4);
    expect(await readFile(join(folder, 'pack.json'), 'utf8')).toBe(before);
  });

  it('refuses an .xlsx export of text an .xlsx cannot hold, naming the cell', async () => {
    const folder = await init();
    const pack = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;
    pack.places[1]!.summary.en = 'line one\r\nline two';
    await writeFile(join(folder, 'pack.json'), JSON.stringify(pack, null, 2) + '\n');
    const c = capture();
    const file = join(folder, '..', 'x.xlsx');
    expect(await main(['sheet', 'export', folder, file], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(
      /places!H3 \(summary:en\): holds a control character or carriage return/,
    );
    await expect(stat(file)).rejects.toThrow();
    // CSV keeps it.
    expect(await main(['sheet', 'export', folder, join(folder, '..', 'csv')], capture().io)).toBe(0);
    const r = capture();
    expect(await main(['sheet', 'import', join(folder, '..', 'csv'), folder], r.io)).toBe(0);
  });

  it('adds a new UI string from the strings sheet, refuses a language the pack does not have', async () => {
    const folder = await init();
    const csv = join(folder, '..', 'csv');
    expect(await main(['sheet', 'export', folder, csv], capture().io)).toBe(0);
    await writeFile(
      join(csv, 'strings.csv'),
      'key,zh-Hans,en,fr\r\nattract.touchToBegin,请触摸,Touch here,Touchez\r\n',
    );
    const c = capture();
    expect(await main(['sheet', 'import', csv, folder], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/strings!D1 \(fr\): "fr" is not one of the pack's languages/);
    const after = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;
    expect(after.strings['attract.touchToBegin']).toEqual({ 'zh-Hans': '请触摸', en: 'Touch here' });
  });

  it("routes TimelineJS's own CSV template to the TimelineJS importer", async () => {
    const folder = await init();
    const file = join(folder, '..', 'tl.csv');
    await writeFile(
      file,
      'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n' +
        ',,,,,,,,,Our story,Intro,,,,,title,,\n' +
        '1921,7,23,,,,,,,Congress opens,In Shanghai,,,,,,,\n' +
        '1949,10,1,,,,,,,Founding,In Beijing,,,,,,,\n',
    );
    const c = capture();
    expect(await main(['sheet', 'import', file, folder], c.io)).toBe(0);
    expect(c.err.join('\n')).toMatch(/TimelineJS spreadsheet/);
    const after = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackJson;
    expect(after.timelines.some((tl: { events: unknown[] }) => tl.events.length === 2)).toBe(true);
  });
});
