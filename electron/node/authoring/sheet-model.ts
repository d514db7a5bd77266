/**
 * The spreadsheet view of a pack: places, categories, eras, events, media captions and UI strings
 * as one table each (stable ids as key columns, one column per language), and the merge of such
 * tables back into `pack.json`.
 *
 * Pure: works on the raw JSON value of `pack.json` (never the zod-parsed manifest, whose defaults
 * would be written back). The merge changes only what a cell changed; every cell it cannot take
 * is reported with sheet, row, column and reason, and leaves its field as it was.
 */
import { z } from 'zod';
import {
  colorSchema,
  idSchema,
  languageTagSchema,
  lonLatSchema,
  partialDateSchema,
  TEXT_LIMITS,
} from '../../shared/pack-schema';
import type { TextKind } from '../../shared/pack-schema';

/** What a cell holds after reading: text, a number, or nothing. Other cell kinds are refused by the reader. */
export type CellValue = string | number | undefined;

/**
 * What a reader puts in a cell it could not read (and reported): the merge leaves that field as
 * it was. No pack field holds this text (NUL is refused by the manifest reader's callers).
 */
export const UNREADABLE_CELL = '\u0000hallpack:unreadable\u0000';

export type SheetName = 'categories' | 'places' | 'eras' | 'events' | 'media' | 'strings';

export const SHEET_NAMES: readonly SheetName[] = [
  'categories',
  'places',
  'eras',
  'events',
  'media',
  'strings',
];

export type SheetTable = { name: string; header: string[]; rows: CellValue[][] };

/** A cell the import could not take. `row` and `column` are 1-based, as a spreadsheet shows them. */
export type CellIssue = { sheet: string; row: number; column: number; header: string; reason: string };

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

type ScalarColumn = {
  kind: 'scalar';
  header: string;
  path: readonly string[];
  type: 'string' | 'number';
  schema: z.ZodType;
  required: boolean;
  /** Shown for orientation; a change is reported, never taken. */
  readOnly?: boolean;
  /** A reference to check against the (merged) pack, e.g. a place's category. */
  refers?: (pack: Rec, item: Row, value: string) => string | undefined;
};

type TextColumn = {
  kind: 'text';
  /** Header prefix: `name` gives `name:zh-Hans`, `name:en`; '' gives the bare language. */
  field: string;
  path: readonly string[];
  textKind: TextKind;
  required: boolean;
};

type Column = ScalarColumn | TextColumn;

/** One item of a sheet: its key cells and the object they name. */
type Row = { keys: string[]; item: Rec; parent?: Rec };

type SheetSpec = {
  name: SheetName;
  keyHeaders: readonly string[];
  columns: readonly Column[];
  items(pack: Rec): Row[];
  /** Makes a new item for keys no item has, or says why it cannot. */
  create?(pack: Rec, keys: string[]): Rec | string;
};

const text = (field: string, textKind: TextKind, required = false, path = [field]): TextColumn => ({
  kind: 'text',
  field,
  path,
  textKind,
  required,
});

const scalar = (
  header: string,
  schema: z.ZodType,
  options: Partial<Omit<ScalarColumn, 'kind' | 'header' | 'schema'>> = {},
): ScalarColumn => ({
  kind: 'scalar',
  header,
  path: options.path ?? [header],
  type: options.type ?? 'string',
  schema,
  required: options.required ?? false,
  ...(options.readOnly ? { readOnly: true } : {}),
  ...(options.refers ? { refers: options.refers } : {}),
});

const byId = (items: Rec[]): Row[] =>
  items.filter((i) => typeof i['id'] === 'string').map((item) => ({ keys: [item['id'] as string], item }));

const timelineItems = (pack: Rec, list: 'eras' | 'events'): Row[] =>
  recs(pack['timelines']).flatMap((timeline) =>
    recs(timeline[list])
      .filter((i) => typeof i['id'] === 'string')
      .map((item) => ({ keys: [String(timeline['id']), item['id'] as string], item, parent: timeline })),
  );

const categoryExists = (pack: Rec, _row: Row, value: string): string | undefined =>
  recs(pack['categories']).some((c) => c['id'] === value)
    ? undefined
    : `no category "${value}" in the pack (categories sheet or pack.json)`;

const eraExists = (_pack: Rec, row: Row, value: string): string | undefined =>
  recs(row.parent?.['eras']).some((e) => e['id'] === value)
    ? undefined
    : `no era "${value}" in timeline "${row.keys[0] ?? ''}"`;

export const SHEETS: readonly SheetSpec[] = [
  {
    name: 'categories',
    keyHeaders: ['id'],
    columns: [scalar('color', colorSchema, { required: true }), text('name', 'title', true)],
    items: (pack) => byId(recs(pack['categories'])),
  },
  {
    name: 'places',
    keyHeaders: ['id'],
    columns: [
      scalar('category', idSchema, { required: true, refers: categoryExists }),
      scalar('lon', lonLatSchema.shape.lon, { type: 'number', required: true, path: ['position', 'lon'] }),
      scalar('lat', lonLatSchema.shape.lat, { type: 'number', required: true, path: ['position', 'lat'] }),
      text('name', 'title', true),
      text('summary', 'paragraph', true),
      text('region', 'label'),
      text('body', 'body'),
    ],
    items: (pack) => byId(recs(pack['places'])),
  },
  {
    name: 'eras',
    keyHeaders: ['timeline', 'id'],
    columns: [
      scalar('from', partialDateSchema, { required: true }),
      scalar('to', partialDateSchema),
      scalar('color', colorSchema, { required: true }),
      text('title', 'title', true),
      text('intro', 'paragraph'),
    ],
    items: (pack) => timelineItems(pack, 'eras'),
  },
  {
    name: 'events',
    keyHeaders: ['timeline', 'id'],
    columns: [
      scalar('era', idSchema, { refers: eraExists }),
      scalar('date', partialDateSchema, { required: true }),
      scalar('end', partialDateSchema),
      text('displayDate', 'label'),
      text('title', 'title', true),
      text('text', 'paragraph'),
    ],
    items: (pack) => timelineItems(pack, 'events'),
  },
  {
    name: 'media',
    keyHeaders: ['id'],
    columns: [scalar('kind', z.string(), { readOnly: true }), text('alt', 'line'), text('credit', 'line')],
    items: (pack) =>
      isRec(pack['media'])
        ? Object.entries(pack['media'])
            .filter((e): e is [string, Rec] => isRec(e[1]))
            .map(([id, item]) => ({ keys: [id], item }))
        : [],
  },
  {
    name: 'strings',
    keyHeaders: ['key'],
    columns: [text('', 'line', false, [])],
    items: (pack) =>
      isRec(pack['strings'])
        ? Object.entries(pack['strings'])
            .filter((e): e is [string, Rec] => isRec(e[1]))
            .map(([key, item]) => ({ keys: [key], item }))
        : [],
    create: (pack, [key = '']) => {
      if (!/^[a-z][\w.-]*$/.test(key)) return `"${key}" is not a UI string key (e.g. attract.touchToBegin)`;
      const strings = isRec(pack['strings']) ? pack['strings'] : (pack['strings'] = {});
      const item: Rec = {};
      strings[key] = item;
      return item;
    },
  },
];

const languagesOf = (pack: Rec): string[] =>
  Array.isArray(pack['languages']) ? pack['languages'].filter((l): l is string => typeof l === 'string') : [];

const textHeader = (c: TextColumn, lang: string): string => (c.field === '' ? lang : `${c.field}:${lang}`);

function getAt(item: Rec, path: readonly string[]): unknown {
  let v: unknown = item;
  for (const key of path) v = isRec(v) ? v[key] : undefined;
  return v;
}

function setAt(item: Rec, path: readonly string[], value: unknown): void {
  let target = item;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    target = isRec(next) ? next : (target[key] = {});
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The header of a sheet for a pack with these languages. */
function headerOf(spec: SheetSpec, languages: readonly string[]): string[] {
  return [
    ...spec.keyHeaders,
    ...spec.columns.flatMap((c) =>
      c.kind === 'scalar' ? [c.header] : languages.map((lang) => textHeader(c, lang)),
    ),
  ];
}

/** The pack's tables, one per sheet, in `SHEET_NAMES` order. */
export function packToTables(pack: unknown): SheetTable[] {
  if (!isRec(pack)) return [];
  const languages = languagesOf(pack);
  return SHEETS.map((spec) => ({
    name: spec.name,
    header: headerOf(spec, languages),
    rows: spec.items(pack).map((row) => [
      ...row.keys,
      ...spec.columns.flatMap((c): CellValue[] => {
        const v = getAt(row.item, c.path);
        if (c.kind === 'scalar') return [typeof v === 'string' || typeof v === 'number' ? v : undefined];
        return languages.map((lang) => {
          const s = isRec(v) ? v[lang] : undefined;
          return typeof s === 'string' ? s : undefined;
        });
      }),
    ]),
  }));
}

/** "A", "B", … "Z", "AA" for a 1-based column. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `places!C7 (lon): reason` — one line per issue, as a spreadsheet user finds the cell. */
export function formatCellIssue(i: CellIssue): string {
  const where = i.row > 0 && i.column > 0 ? `!${columnLetter(i.column)}${i.row}` : '';
  return `${i.sheet}${where}${i.header === '' ? '' : ` (${i.header})`}: ${i.reason}`;
}

type Bound =
  | { kind: 'key'; index: number }
  | { kind: 'scalar'; column: ScalarColumn }
  | { kind: 'text'; column: TextColumn; lang: string }
  | { kind: 'skip' };

function zodReason(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'not a valid value';
}

export type MergeResult = { pack: Rec; changed: number; issues: CellIssue[] };

/**
 * Merges tables into a copy of `pack`. A table whose name is not a sheet, a header that is not a
 * column, a row whose key names nothing and a cell whose value is not valid are reported and left
 * alone; everything else is taken. `changed` counts the fields that changed.
 */
export function mergeTables(pack: unknown, tables: readonly SheetTable[]): MergeResult {
  if (!isRec(pack)) {
    return {
      pack: {},
      changed: 0,
      issues: [{ sheet: '', row: 0, column: 0, header: '', reason: 'pack.json is not a JSON object' }],
    };
  }
  const out = structuredClone(pack);
  const languages = languagesOf(out);
  const defaultLanguage = typeof out['defaultLanguage'] === 'string' ? out['defaultLanguage'] : languages[0];
  const issues: CellIssue[] = [];
  let changed = 0;
  // Categories go first so that places may name a category added in the same workbook.
  const ordered = [...tables].sort(
    (a, b) =>
      SHEET_NAMES.indexOf(a.name as SheetName) - SHEET_NAMES.indexOf(b.name as SheetName) ||
      tables.indexOf(a) - tables.indexOf(b),
  );
  for (const table of ordered) {
    const spec = SHEETS.find((s) => s.name === table.name);
    const issue = (row: number, column: number, reason: string): void => {
      issues.push({ sheet: table.name, row, column, header: table.header[column - 1] ?? '', reason });
    };
    if (!spec) {
      issues.push({
        sheet: table.name,
        row: 0,
        column: 0,
        header: '',
        reason: `not a sheet hallpack knows (${SHEET_NAMES.join(', ')}); it was not imported`,
      });
      continue;
    }
    const bound: Bound[] = table.header.map((h, i): Bound => {
      const name = h.trim();
      const key = spec.keyHeaders.indexOf(name);
      if (key >= 0) return { kind: 'key', index: key };
      const sc = spec.columns.find((c): c is ScalarColumn => c.kind === 'scalar' && c.header === name);
      if (sc) return { kind: 'scalar', column: sc };
      for (const c of spec.columns) {
        if (c.kind !== 'text') continue;
        const lang =
          c.field === '' ? name : name.startsWith(`${c.field}:`) ? name.slice(c.field.length + 1) : null;
        if (lang === null || !languageTagSchema.safeParse(lang).success) continue;
        if (!languages.includes(lang)) {
          issue(
            1,
            i + 1,
            `"${lang}" is not one of the pack's languages (${languages.join(', ')}); add it to "languages" in pack.json first`,
          );
          return { kind: 'skip' };
        }
        return { kind: 'text', column: c, lang };
      }
      if (name !== '') issue(1, i + 1, `not a column of the ${spec.name} sheet; it was not imported`);
      return { kind: 'skip' };
    });
    const missingKeys = spec.keyHeaders.filter(
      (_, k) => !bound.some((b) => b.kind === 'key' && b.index === k),
    );
    if (missingKeys.length > 0) {
      issue(
        1,
        0,
        `the key column${missingKeys.length > 1 ? 's' : ''} ${missingKeys.join(', ')} ${missingKeys.length > 1 ? 'are' : 'is'} missing, so no row can be matched; nothing of this sheet was imported`,
      );
      continue;
    }
    const rowsByKey = new Map(spec.items(out).map((r) => [JSON.stringify(r.keys), r]));
    const seen = new Map<string, number>();
    table.rows.forEach((cells, r) => {
      const rowNumber = r + 2;
      if (cells.every((c) => c === undefined || c === '')) return;
      const keys = spec.keyHeaders.map((_, k) => {
        const at = bound.findIndex((b) => b.kind === 'key' && b.index === k);
        const v = cells[at];
        return v === undefined || v === UNREADABLE_CELL ? '' : String(v);
      });
      const keyColumn =
        bound.findIndex((b) => b.kind === 'key' && b.index === spec.keyHeaders.length - 1) + 1;
      const keyText = JSON.stringify(keys);
      const earlier = seen.get(keyText);
      if (earlier !== undefined) {
        issue(
          rowNumber,
          keyColumn,
          `${keys.join(' / ')} is also on row ${earlier}; this row was not imported`,
        );
        return;
      }
      seen.set(keyText, rowNumber);
      let row = rowsByKey.get(keyText);
      if (!row) {
        const made = spec.create?.(out, keys);
        if (made === undefined || typeof made === 'string') {
          issue(
            rowNumber,
            keyColumn,
            made ??
              `no ${spec.name.replace(/ies$/, 'y').replace(/s$/, '')} "${keys.join(' / ')}" in pack.json; new ones are added in pack.json (the sheet edits existing ones)`,
          );
          return;
        }
        row = { keys, item: made };
        changed++;
      }
      bound.forEach((b, c) => {
        const raw = cells[c];
        if (raw === UNREADABLE_CELL) return;
        const at = (reason: string): void => issue(rowNumber, c + 1, reason);
        if (b.kind === 'scalar') changed += mergeScalar(out, row, b.column, raw, at);
        else if (b.kind === 'text')
          changed += mergeText(row.item, b.column, b.lang, b.lang === defaultLanguage, raw, at);
      });
    });
  }
  return { pack: out, changed, issues };
}

function mergeScalar(
  pack: Rec,
  row: Row,
  c: ScalarColumn,
  raw: CellValue,
  issue: (r: string) => void,
): number {
  const current = getAt(row.item, c.path);
  let value: string | number | undefined;
  if (raw === undefined || raw === '') value = undefined;
  else if (c.type === 'number') {
    if (typeof raw === 'number') value = raw;
    else if (/^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(raw)) value = Number(raw);
    else {
      issue(`"${raw}" is not a number`);
      return 0;
    }
  } else value = String(raw);
  if (value === current || (value === undefined && current === undefined)) return 0;
  if (c.readOnly) {
    issue(
      `this column is shown for reference; change it in pack.json (it still says ${JSON.stringify(current)})`,
    );
    return 0;
  }
  if (value === undefined) {
    if (c.required) {
      issue('this cell must not be empty');
      return 0;
    }
    setAt(row.item, c.path, undefined);
    return 1;
  }
  const parsed = c.schema.safeParse(value);
  if (!parsed.success) {
    issue(`${JSON.stringify(value)}: ${zodReason(parsed.error)}`);
    return 0;
  }
  const reference = c.refers?.(pack, row, String(value));
  if (reference !== undefined) {
    issue(reference);
    return 0;
  }
  setAt(row.item, c.path, value);
  return 1;
}

function mergeText(
  item: Rec,
  c: TextColumn,
  lang: string,
  isDefault: boolean,
  raw: CellValue,
  issue: (r: string) => void,
): number {
  const holder = c.path.length === 0 ? item : getAt(item, c.path);
  const current = isRec(holder) ? holder[lang] : undefined;
  const value = raw === undefined ? '' : String(raw);
  if (value === '') {
    if (current === undefined || current === '') return 0;
    if (c.required && isDefault) {
      issue(`the ${lang} text (the pack's default language) must not be empty`);
      return 0;
    }
    if (!isRec(holder)) return 0;
    delete holder[lang];
    if (Object.keys(holder).length === 0 && !c.required && c.path.length > 0) setAt(item, c.path, undefined);
    return 1;
  }
  if (value === current) return 0;
  const max = TEXT_LIMITS[c.textKind].max;
  if (value.length > max) {
    issue(`${value.length} characters; a ${c.textKind} holds at most ${max}`);
    return 0;
  }
  if (isRec(holder)) holder[lang] = value;
  else setAt(item, c.path, { [lang]: value });
  return 1;
}
