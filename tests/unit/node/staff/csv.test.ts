import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../electron/node/staff/csv';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['=a,b', `"'=a,b"`],
    ['纪念馆', '纪念馆'],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a\r\nb', '"a\r\nb"'],
    ['', ''],
  ])('cell %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps numbers (negative too) and empties nulls', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('writes a BOM, the header and CRLF lines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, null],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n1,x\r\n2,\r\n');
  });

  it('reads back exactly in a CSV parser: quotes, commas, newlines, formulas defused', () => {
    const cells = [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'crlf\r\nhere',
      '=1+1',
      '-2',
      '@x',
      '"',
      ',',
      '纪念馆',
    ];
    const text = toCsv(
      ['c'],
      cells.map((c) => [c]),
    );
    const rows: string[][] = parse(text.slice(1));
    expect(rows.map((r) => r[0])).toEqual(['c', ...cells.map((c) => (/^[=+\-@]/.test(c) ? `'${c}` : c))]);
    for (const r of rows) expect(r).toHaveLength(1);
  });
});
