/**
 * Sheet tables on disk: one `.xlsx` workbook (exceljs) with a worksheet per table, or a folder
 * with one UTF-8 `.csv` file per table (read with csv-parse; written with the BOM Excel needs to
 * open Chinese text as UTF-8).
 *
 * Reading turns every cell into text, a number or nothing. A cell the spreadsheet made into
 * something else (a date, a formula error, a true/false) is reported and read as unusable, so the
 * merge leaves its field alone.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type * as ExcelJs from 'exceljs';
import type { CellValue as ExcelCell, Workbook as ExcelWorkbook } from 'exceljs';
import { UNREADABLE_CELL } from './sheet-model';
import type { CellIssue, CellValue, SheetTable } from './sheet-model';

/** Every table read, and the cells that could not be read as text or a number. */
export type ReadTables = { tables: SheetTable[]; issues: CellIssue[] };

/** Cells of a spreadsheet that hold what a cell of ours cannot (reported, then read as empty). */
const UNUSABLE = Symbol('unusable');

async function newWorkbook(): Promise<ExcelWorkbook> {
  // exceljs is CommonJS: its classes are on the default export under Node's ESM loader.
  const mod = (await import('exceljs')) as unknown as { default?: typeof ExcelJs } & typeof ExcelJs;
  const Workbook = mod.default?.Workbook ?? mod.Workbook;
  return new Workbook();
}

/** Characters an .xlsx cell (XML 1.0 text) cannot carry unchanged. */
// eslint-disable-next-line no-control-regex
const XLSX_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\r]/;

/** Cells whose text an .xlsx cannot hold as it is (control characters, carriage returns). */
export function xlsxUnsafeCells(tables: readonly SheetTable[]): CellIssue[] {
  const issues: CellIssue[] = [];
  for (const t of tables)
    t.rows.forEach((cells, r) =>
      cells.forEach((v, c) => {
        if (typeof v === 'string' && XLSX_UNSAFE.test(v))
          issues.push({
            sheet: t.name,
            row: r + 2,
            column: c + 1,
            header: t.header[c] ?? '',
            reason:
              'holds a control character or carriage return that an .xlsx cell cannot keep; export to a CSV folder instead, or remove it in pack.json',
          });
        if (typeof v === 'string' && v.length > 32767)
          issues.push({
            sheet: t.name,
            row: r + 2,
            column: c + 1,
            header: t.header[c] ?? '',
            reason: `${v.length} characters; an Excel cell holds at most 32,767. Export to a CSV folder instead`,
          });
      }),
    );
  return issues;
}

export async function writeXlsx(path: string, tables: readonly SheetTable[]): Promise<void> {
  const wb = await newWorkbook();
  wb.creator = 'hallpack';
  // Fixed dates: the same pack gives the same workbook.
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const cells of t.rows) ws.addRow(cells.map((v) => (v === undefined ? null : v)));
    // Text columns as text, so Excel does not turn "1921-07" or "0221" into a date or a number.
    t.header.forEach((_, i) => {
      const column = ws.getColumn(i + 1);
      const numeric = t.rows.some((r) => typeof r[i] === 'number');
      if (!numeric) column.numFmt = '@';
      column.width = Math.min(60, Math.max(10, ...t.rows.slice(0, 50).map((r) => String(r[i] ?? '').length)));
    });
  }
  await wb.xlsx.writeFile(path);
}

function cellOf(v: ExcelCell): CellValue | typeof UNUSABLE | { reason: string } {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean')
    return { reason: `${v ? 'TRUE' : 'FALSE'} is a true/false cell; type the text instead` };
  if (v instanceof Date)
    return {
      reason: `the spreadsheet turned this cell into a date (${v.toISOString().slice(0, 10)}); format the column as text and type it again, e.g. 1921-07`,
    };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('error' in v) return { reason: `the cell shows the error ${v.error}` };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (typeof result === 'string' || typeof result === 'number') return result;
    return { reason: 'a formula without a text or number result; type the value instead' };
  }
  return UNUSABLE;
}

export async function readXlsx(path: string): Promise<ReadTables> {
  const wb = await newWorkbook();
  await wb.xlsx.readFile(path);
  const tables: SheetTable[] = [];
  const issues: CellIssue[] = [];
  for (const ws of wb.worksheets) {
    let header: string[] = [];
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      // row.values is 1-based and sparse.
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells: CellValue[] = [];
      for (let c = 0; c < values.length; c++) {
        const cell = cellOf(values[c]);
        if (typeof cell === 'object' || cell === UNUSABLE) {
          issues.push({
            sheet: ws.name,
            row: rowNumber,
            column: c + 1,
            header: rowNumber === 1 ? '' : (header[c] ?? ''),
            reason: cell === UNUSABLE ? 'a cell of a kind hallpack cannot read' : cell.reason,
          });
          // Read as "unchanged": the merge compares it with nothing and leaves the field alone.
          cells.push(UNREADABLE_CELL);
        } else cells.push(cell);
      }
      if (rowNumber === 1) header = cells.map((h) => (h === undefined ? '' : String(h)));
      else {
        while (rows.length < rowNumber - 2) rows.push([]);
        rows.push(cells);
      }
    });
    tables.push({ name: ws.name, header, rows });
  }
  return { tables, issues };
}

/** A CSV field, quoted when it holds a separator, a quote, a line break or outer spaces. */
function csvField(v: CellValue): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function writeCsvFolder(dir: string, tables: readonly SheetTable[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const t of tables) {
    const lines = [t.header, ...t.rows].map((cells) => cells.map(csvField).join(','));
    const file = join(dir, `${t.name}.csv`);
    await writeFile(file, `\ufeff${lines.join('\r\n')}\r\n`);
    written.push(file);
  }
  return written;
}

/** Reads one CSV file as a table named after the file. Throws with csv-parse's message on bad CSV. */
export function parseCsvTable(name: string, text: string): SheetTable {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const [header = [], ...rows] = records;
  // A trailing empty line is no row.
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c === '')) rows.pop();
  return { name, header, rows: rows.map((r) => r.map((c) => (c === '' ? undefined : c))) };
}

export async function readCsvFolder(dir: string): Promise<ReadTables> {
  const tables: SheetTable[] = [];
  const issues: CellIssue[] = [];
  const names = (await readdir(dir)).filter((f) => extname(f).toLowerCase() === '.csv').sort();
  for (const file of names) {
    const name = basename(file, extname(file));
    try {
      tables.push(parseCsvTable(name, await readFile(join(dir, file), 'utf8')));
    } catch (error) {
      issues.push({
        sheet: name,
        row: 0,
        column: 0,
        header: '',
        reason: `${file} is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { tables, issues };
}
