/**
 * CSV for staff exports, made for the spreadsheet a hall office opens them in: RFC 4180 quoting,
 * CRLF line ends, a UTF-8 byte-order mark (so Chinese text shows correctly), and cells that
 * would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'` so a spreadsheet never
 * runs anything from a log line or a pack title.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when needed. Numbers stay numbers (a negative number is not a formula). */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header, rows, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
