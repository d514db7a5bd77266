/**
 * `hallpack strings export|import|status`: every visitor-facing text of a pack handed to a
 * translator (XLIFF 2.0 or CSV) and taken back, with how complete each language is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readPackJson, writePackJsonIfChanged } from '../authoring/pack-json-file';
import type { PackJsonFile } from '../authoring/pack-json-file';
import { formatProblem } from '../../shared/problems';
import {
  completeness,
  formatCompleteness,
  hasText,
  mergeTranslations,
  translationUnits,
} from '../authoring/translation';
import type { Completeness } from '../authoring/translation';
import {
  readTranslationCsv,
  readXliff,
  writeTranslationCsv,
  writeXliff,
} from '../authoring/translation-files';
import type { TranslationFormat } from '../authoring/translation-files';
import { optionValue, parseArgs } from './args';
import { EXIT_OK, EXIT_PROBLEMS, helpOption, helpText, jsonOption, usageError, userPath } from './common';
import type { CommandIo, CommandSpec } from './common';

export const stringsSpec: CommandSpec = {
  name: 'strings',
  usage:
    'strings export <folder> --lang <language> [--format xliff|csv] [--out <file>] [--missing] | strings import <file> <folder> | strings status <folder>',
  summary: [
    "export: every visitor-facing text of the pack (names, stories, captions' alt text, credits, UI strings …)",
    'as translation units for one target language: XLIFF 2.0 (for translation tools) or CSV (id, path, kind,',
    'source:<default language>, target:<language>). Units have stable ids such as places:south-lake:name.',
    'import: takes the targets back into pack.json; an empty target is "not translated" and changes nothing;',
    'unknown ids and over-long texts are listed and not taken. status (and both of the above) print, per',
    'language, how many texts are translated and which are missing.',
  ].join('\n'),
  options: [
    {
      name: 'lang',
      kind: 'string',
      valueName: 'language',
      description: "export: the target language (one of the pack's)",
    },
    {
      name: 'source',
      kind: 'string',
      valueName: 'language',
      description: "export: the source language (default: the pack's default)",
    },
    {
      name: 'format',
      kind: 'string',
      valueName: 'xliff|csv',
      description: 'export: file format (default: from --out, else xliff)',
    },
    {
      name: 'out',
      short: 'o',
      kind: 'string',
      valueName: 'file',
      description: 'export: write here (default: stdout)',
    },
    { name: 'missing', kind: 'flag', description: 'export: only the texts not yet translated' },
    { name: 'dry-run', kind: 'flag', description: 'import: report, write nothing' },
    jsonOption,
    helpOption,
  ],
  positionals: { min: 2, max: 3 },
};

function printCompleteness(io: CommandIo, report: Completeness[]): void {
  for (const c of report) io.err(formatCompleteness(c));
}

export async function stringsCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, stringsSpec.options);
  if (!parsed.ok) return usageError(io, stringsSpec, parsed.error);
  const { args } = parsed;
  if (args.flags.has('help')) {
    io.out(helpText(stringsSpec));
    return EXIT_OK;
  }
  const json = args.flags.has('json');
  const [action, a = '', b] = args.positionals;
  if (action === 'status' && b === undefined) return status(userPath(a), io, json);
  if (action === 'export' && b === undefined) return exportStrings(userPath(a), args, io, json);
  if (action === 'import' && b !== undefined) return importStrings(userPath(a), userPath(b), args, io, json);
  return usageError(
    io,
    stringsSpec,
    `expected export <folder>, import <file> <folder> or status <folder>`,
    json,
  );
}

async function status(folder: string, io: CommandIo, json: boolean): Promise<number> {
  const pack = await packOrFail(folder, io, json);
  if (typeof pack === 'number') return pack;
  const report = completeness(pack.value);
  if (json) io.out(JSON.stringify({ ok: true, command: 'strings status', completeness: report }, null, 2));
  else for (const c of report) io.out(formatCompleteness(c, true));
  return EXIT_OK;
}

/** The folder's pack.json, or the exit code after printing why it cannot be read. */
async function packOrFail(folder: string, io: CommandIo, json: boolean): Promise<PackJsonFile | number> {
  const pack = await readPackJson(folder);
  if (pack.ok) return pack.file;
  if (json) io.out(JSON.stringify({ ok: false, problems: pack.problems }));
  else for (const p of pack.problems) io.out(formatProblem(p));
  return EXIT_PROBLEMS;
}

async function exportStrings(
  folder: string,
  args: Parameters<typeof optionValue>[0],
  io: CommandIo,
  json: boolean,
): Promise<number> {
  const pack = await packOrFail(folder, io, json);
  if (typeof pack === 'number') return pack;
  const value = pack.value;
  const languages = Array.isArray(value['languages'])
    ? value['languages'].filter((l) => typeof l === 'string')
    : [];
  const target = optionValue(args, 'lang');
  if (target === undefined)
    return usageError(io, stringsSpec, '--lang <language> is required: the language to translate into', json);
  const source =
    optionValue(args, 'source') ??
    (typeof value['defaultLanguage'] === 'string' ? value['defaultLanguage'] : (languages[0] ?? ''));
  for (const [flag, lang] of [
    ['--lang', target],
    ['--source', source],
  ] as const) {
    if (!languages.includes(lang)) {
      return usageError(
        io,
        stringsSpec,
        `${flag} ${lang} is not one of the pack's languages (${languages.join(', ')}); add it to "languages" in pack.json first`,
        json,
      );
    }
  }
  const out = optionValue(args, 'out');
  const formatGiven = optionValue(args, 'format');
  const format: TranslationFormat | undefined =
    formatGiven === 'xliff' || formatGiven === 'csv'
      ? formatGiven
      : formatGiven === undefined
        ? out !== undefined && extname(out).toLowerCase() === '.csv'
          ? 'csv'
          : 'xliff'
        : undefined;
  if (!format)
    return usageError(io, stringsSpec, `--format must be xliff or csv, not "${formatGiven ?? ''}"`, json);
  const all = translationUnits(value);
  const units = args.flags.has('missing') ? all.filter((u) => !hasText(u.texts[target])) : all;
  const id = typeof value['id'] === 'string' ? value['id'] : 'pack';
  const input = { packId: id, sourceLanguage: source, targetLanguage: target, units };
  const body = format === 'xliff' ? writeXliff(input) : writeTranslationCsv(input);
  const report = completeness(value);
  if (out === undefined) io.out(body);
  else await writeFile(userPath(out), body);
  if (json && out !== undefined)
    io.out(
      JSON.stringify(
        {
          ok: true,
          command: 'strings export',
          out: userPath(out),
          format,
          units: units.length,
          completeness: report,
        },
        null,
        2,
      ),
    );
  else {
    if (out !== undefined)
      io.err(`✓ ${userPath(out)}: ${units.length} texts, ${source} → ${target} (${format})`);
    printCompleteness(io, report);
  }
  return EXIT_OK;
}

async function importStrings(
  file: string,
  folder: string,
  args: Parameters<typeof optionValue>[0],
  io: CommandIo,
  json: boolean,
): Promise<number> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    return usageError(io, stringsSpec, `cannot read ${file}`, json);
  }
  const pack = await packOrFail(folder, io, json);
  if (typeof pack === 'number') return pack;
  const isCsv = extname(file).toLowerCase() === '.csv' || !content.trimStart().startsWith('<');
  const read = isCsv ? readTranslationCsv(content, file) : readXliff(content, file);
  const merged = mergeTranslations(pack.value, read.texts);
  const issues = [...read.issues, ...merged.issues];
  const written = args.flags.has('dry-run') ? false : await writePackJsonIfChanged(pack, merged.pack);
  // Unwritten (--dry-run) or written, this is what pack.json says or would say.
  const report = completeness(merged.pack);
  const code = issues.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  if (json) {
    io.out(
      JSON.stringify(
        {
          ok: code === EXIT_OK,
          command: 'strings import',
          file,
          folder,
          written,
          changed: merged.changed,
          issues,
          completeness: report,
        },
        null,
        2,
      ),
    );
    return code;
  }
  for (const i of issues) io.out(`${i.where}: ${i.id === '' ? '' : `${i.id}: `}${i.reason}`);
  io.err(
    written
      ? `✓ ${folder}/pack.json: ${merged.changed} text(s) taken${read.targetLanguage ? ` (${read.targetLanguage})` : ''}`
      : `${folder}/pack.json unchanged (${merged.changed} text(s) would change${args.flags.has('dry-run') ? ', --dry-run' : ''})`,
  );
  printCompleteness(io, report);
  return code;
}
