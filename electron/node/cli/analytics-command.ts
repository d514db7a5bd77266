/**
 * `hallpack analytics export --data-dir <dir> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --csv <file>` —
 * the visitor analytics of a kiosk's data folder as CSV, the same rows the staff screen's export
 * writes (`analytics-events.csv`). Unreadable lines (a torn last line) are skipped and counted.
 */
import { rename, writeFile } from 'node:fs/promises';
import { dayKeySchema } from '../../shared/analytics';
import { analyticsCsv, createAnalyticsLog } from '../analytics/analytics-log';
import { tempPathFor } from '../fs/atomic';
import type { OptionSpec } from './args';
import { optionValue } from './args';
import {
  dataDirOf,
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_USAGE,
  invoke,
  outputOptions,
  t,
  usageError,
  userPath,
} from './common';
import type { CliCommand, CommandSpec } from './common';

const options: readonly OptionSpec[] = [
  {
    name: 'data-dir',
    kind: 'string',
    valueName: 'dir',
    description: "the kiosk's data folder (default: $HALL_DATA_DIR)",
  },
  { name: 'from', kind: 'string', valueName: 'YYYY-MM-DD', description: 'first day (local), inclusive' },
  { name: 'to', kind: 'string', valueName: 'YYYY-MM-DD', description: 'last day (local), inclusive' },
  { name: 'csv', kind: 'string', valueName: 'file', description: 'the CSV file to write' },
  ...outputOptions,
];

export const analyticsExportSpec: CommandSpec = {
  name: 'analytics export',
  usage: 'analytics export --data-dir <dir> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --csv <file>',
  summary:
    "Writes the visitor analytics of the days from --from to --to (the kiosk's local days) as CSV:\n" +
    'one row per event (visit start and end with dwell, screens, places, events, media, languages,\n' +
    'presets, check-ins, tours, touch grid). Unreadable lines are skipped and counted.',
  options,
  positionals: { min: 0, max: 0 },
};

export const analyticsCommand: CliCommand = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'export') {
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.out(`Usage: hallpack ${analyticsExportSpec.usage}`);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    return usageError(io, undefined, `analytics: unknown subcommand ${JSON.stringify(sub)} (export)`);
  }
  const inv = invoke(analyticsExportSpec, rest, io);
  if (typeof inv === 'number') return inv;
  const dataDir = dataDirOf(analyticsExportSpec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const from = optionValue(inv.args, 'from');
  const to = optionValue(inv.args, 'to');
  const csv = optionValue(inv.args, 'csv');
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined || !dayKeySchema.safeParse(value).success)
      return usageError(io, analyticsExportSpec, `--${name} must be a day, YYYY-MM-DD`, inv.json);
  }
  if (from === undefined || to === undefined) return EXIT_USAGE;
  if (from > to) return usageError(io, analyticsExportSpec, '--from is after --to', inv.json);
  if (csv === undefined || csv === '')
    return usageError(io, analyticsExportSpec, '--csv <file> is required', inv.json);
  const file = userPath(csv);
  const written = await analyticsCsv(createAnalyticsLog({ dataDir }), { from, to });
  const temp = tempPathFor(file);
  try {
    await writeFile(temp, written.csv, 'utf8');
    await rename(temp, file);
  } catch (error) {
    const message = `${file}: cannot write: ${(error as Error).message}`;
    if (inv.json) io.out(JSON.stringify({ ok: false, command: 'analytics export', message }));
    else io.err(`hallpack: ${message}`);
    return EXIT_PROBLEMS;
  }
  if (inv.json)
    io.out(
      JSON.stringify({
        ok: true,
        command: 'analytics export',
        file,
        rows: written.rows,
        skipped: written.skipped,
      }),
    );
  else
    io.out(
      `${t(inv.lang, 'wrote', '已写入')} ${file}: ${written.rows} ${t(inv.lang, 'rows', '行')}` +
        (written.skipped > 0
          ? ` (${written.skipped} ${t(inv.lang, 'unreadable lines skipped', '行无法读取，已跳过')})`
          : ''),
    );
  return EXIT_OK;
};
