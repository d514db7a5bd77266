/**
 * `hallpack sheet export <folder> <file.xlsx|csv-folder>` and
 * `hallpack sheet import <file.xlsx|csv-folder|timelinejs.csv> <folder>`: the pack's texts as a
 * spreadsheet (see ../authoring/sheet-model.ts) and back. Import changes only what a cell
 * changed and names every cell it could not take; with no edits, pack.json is not rewritten.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { mergeTables, packToTables, formatCellIssue, SHEET_NAMES } from '../authoring/sheet-model';
import type { CellIssue } from '../authoring/sheet-model';
import {
  readCsvFolder,
  readXlsx,
  writeCsvFolder,
  writeXlsx,
  xlsxUnsafeCells,
} from '../authoring/sheet-files';
import type { ReadTables } from '../authoring/sheet-files';
import { formatProblem } from '../../shared/problems';
import { readPackJson, writePackJsonIfChanged } from '../authoring/pack-json-file';
import { importCommand } from './import-command';
import {
  EXIT_OK,
  EXIT_PROBLEMS,
  invoke,
  outputOptions,
  printFailure,
  t,
  usageError,
  userPath,
} from './common';
import type { CommandIo, CommandSpec } from './common';

export const sheetSpec: CommandSpec = {
  name: 'sheet',
  usage: 'sheet export <folder> <file.xlsx|csv-folder> | sheet import <file.xlsx|csv-folder> <folder>',
  summary: [
    `export: writes the pack's ${SHEET_NAMES.join(', ')} as one sheet each (an .xlsx workbook, or a`,
    'folder of UTF-8 .csv files): ids as key columns, one column per language (name:zh-Hans, name:en …).',
    'import: merges an edited workbook or folder back into <folder>/pack.json. Only what a cell changed is',
    'written; every cell that cannot be taken is listed (sheet!cell (column): reason) and its field is left',
    "as it was. New rows are taken for UI strings; places, events … are added in pack.json. TimelineJS's",
    'own spreadsheet template saved as CSV is imported as a timeline (as hallpack import timelinejs).',
  ].join('\n'),
  options: [
    { name: 'dry-run', kind: 'flag', description: 'import: report, write nothing' },
    ...outputOptions,
  ],
  positionals: { min: 3, max: 3 },
};

const isXlsx = (p: string): boolean => extname(p).toLowerCase() === '.xlsx';

/** True when a CSV file's header is TimelineJS's template (Year … Headline … Text). */
function isTimelineJsCsv(text: string): boolean {
  try {
    const [header = []] = parse(text, {
      bom: true,
      to_line: 1,
      relax_column_count: true,
    });
    const names = new Set(header.map((h) => h.trim().toLowerCase()));
    return names.has('year') && names.has('headline') && names.has('text');
  } catch {
    return false;
  }
}

export async function sheetCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(sheetSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const [action, first = '', second = ''] = inv.args.positionals;
  const { lang, json } = inv;
  if (action === 'export') return sheetExport(userPath(first), userPath(second), io, inv.json, lang);
  if (action !== 'import') {
    return usageError(io, sheetSpec, `unknown action ${JSON.stringify(action)}: export or import`, json);
  }
  const source = userPath(first);
  const folder = userPath(second);
  const st = await stat(source).catch(() => null);
  if (!st) return usageError(io, sheetSpec, t(lang, `${source} does not exist`, `${source} 不存在`), json);
  if (st.isFile() && extname(source).toLowerCase() === '.csv') {
    if (isTimelineJsCsv(await readFile(source, 'utf8'))) {
      io.err(
        t(
          lang,
          `${source} is a TimelineJS spreadsheet: importing it as a timeline.`,
          `${source} 是 TimelineJS 表格：作为时间轴导入。`,
        ),
      );
      const pass = [inv.args.flags.has('dry-run') ? '--dry-run' : '', json ? '--json' : ''].filter(Boolean);
      return importCommand(['timelinejs', source, '--into', folder, ...pass], io);
    }
    return usageError(
      io,
      sheetSpec,
      t(
        lang,
        `${source} is one CSV file: give the folder that holds places.csv, events.csv … (or TimelineJS's template)`,
        `${source} 是单个 CSV 文件：请给出包含 places.csv、events.csv 等文件的文件夹（或 TimelineJS 模板）`,
      ),
      json,
    );
  }
  if (st.isFile() && !isXlsx(source)) {
    return usageError(
      io,
      sheetSpec,
      t(
        lang,
        `${source}: an .xlsx file or a folder of .csv files`,
        `${source}：需要 .xlsx 文件或 .csv 文件夹`,
      ),
      json,
    );
  }
  const pack = await readPackJson(folder);
  if (!pack.ok) {
    printFailure(io, inv, pack.problems);
    return EXIT_PROBLEMS;
  }
  let read: ReadTables;
  try {
    read = st.isFile() ? await readXlsx(source) : await readCsvFolder(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return report(io, json, lang, source, {
      written: false,
      changed: 0,
      issues: [{ sheet: source, row: 0, column: 0, header: '', reason: `cannot read it: ${detail}` }],
    });
  }
  if (read.tables.length === 0) {
    return usageError(
      io,
      sheetSpec,
      t(
        lang,
        `${source} has no sheets (${SHEET_NAMES.map((n) => `${n}.csv`).join(', ')})`,
        `${source} 中没有表格`,
      ),
      json,
    );
  }
  const merged = mergeTables(pack.file.value, read.tables);
  const issues = [...read.issues, ...merged.issues];
  const written = inv.args.flags.has('dry-run')
    ? false
    : await writePackJsonIfChanged(pack.file, merged.pack);
  return report(io, json, lang, source, { written, changed: merged.changed, issues, folder });
}

function report(
  io: CommandIo,
  json: boolean,
  lang: 'en' | 'zh-Hans',
  source: string,
  r: { written: boolean; changed: number; issues: CellIssue[]; folder?: string },
): number {
  const code = r.issues.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  if (json) {
    io.out(JSON.stringify({ ok: code === EXIT_OK, command: 'sheet import', source, ...r }, null, 2));
    return code;
  }
  for (const i of r.issues) io.out(`${source}: ${formatCellIssue(i)}`);
  const where = r.folder ?? '';
  io.err(
    r.written
      ? t(
          lang,
          `✓ ${where}/pack.json: ${r.changed} field(s) changed`,
          `✓ ${where}/pack.json：修改了 ${r.changed} 处`,
        )
      : t(
          lang,
          `${where}/pack.json unchanged (${r.changed} field(s) differ${r.changed > 0 ? ', --dry-run' : ''})`,
          `${where}/pack.json 未修改（${r.changed} 处不同）`,
        ),
  );
  if (r.issues.length > 0) {
    io.err(
      t(
        lang,
        `${r.issues.length} cell(s) not taken (listed above); their fields are unchanged. Fix them and import again.`,
        `${r.issues.length} 个单元格未导入（见上），对应字段保持不变。修正后请重新导入。`,
      ),
    );
  }
  return code;
}

async function sheetExport(
  folder: string,
  target: string,
  io: CommandIo,
  json: boolean,
  lang: 'en' | 'zh-Hans',
): Promise<number> {
  const pack = await readPackJson(folder);
  if (!pack.ok) {
    for (const p of pack.problems) io.out(formatProblem(p, lang));
    return EXIT_PROBLEMS;
  }
  const tables = packToTables(pack.file.value);
  const xlsx = isXlsx(target);
  if (!xlsx && extname(target).toLowerCase() === '.csv') {
    return usageError(
      io,
      sheetSpec,
      t(
        lang,
        'CSV export writes one file per sheet: give a folder, not a .csv file',
        'CSV 导出为每个表格写一个文件：请给出文件夹，而非 .csv 文件',
      ),
      json,
    );
  }
  if (xlsx) {
    const unsafe = xlsxUnsafeCells(tables);
    if (unsafe.length > 0) {
      for (const i of unsafe) io.out(`${target}: ${formatCellIssue(i)}`);
      io.err(t(lang, 'Nothing was written.', '未写入任何文件。'));
      return EXIT_PROBLEMS;
    }
    await writeXlsx(target, tables);
  } else await writeCsvFolder(target, tables);
  const counts = tables.map((tb) => `${tb.name} ${tb.rows.length}`).join(', ');
  if (json)
    io.out(
      JSON.stringify({
        ok: true,
        command: 'sheet export',
        folder,
        target,
        sheets: tables.map((tb) => ({ name: tb.name, rows: tb.rows.length })),
      }),
    );
  else {
    io.err(t(lang, `✓ ${target}: ${counts} rows`, `✓ ${target}：${counts} 行`));
    io.out(
      t(
        lang,
        `Edit it, then: hallpack sheet import ${target} ${folder}`,
        `编辑后运行：hallpack sheet import ${target} ${folder}`,
      ),
    );
  }
  return EXIT_OK;
}
