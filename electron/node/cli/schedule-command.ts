/**
 * `hallpack schedule add <id@version> --at <local date-time> [--until <local date-time>]`,
 * `hallpack schedule list [--json]`, `hallpack schedule remove <entry-id>` — dated packs, kept in
 * the data folder's `schedule.json`, which the running kiosk follows (see node/schedule/). Times
 * are the kiosk's local wall clock, `YYYY-MM-DDTHH:MM`.
 */
import { createPackStore } from '../pack/store';
import { formatLocalDateTime } from '../../shared/schedule';
import type { ScheduleEntry } from '../../shared/schedule';
import { addScheduleEntry, readSchedule, removeScheduleEntry } from '../schedule/schedule-store';
import type { ScheduleUpdate } from '../schedule/schedule-store';
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
} from './common';
import type { CommandIo, CommandSpec, Invocation } from './common';

const dataDirOption: OptionSpec = {
  name: 'data-dir',
  kind: 'string',
  valueName: 'dir',
  description: "the kiosk's data folder (default: $HALL_DATA_DIR)",
};

export const scheduleAddSpec: CommandSpec = {
  name: 'schedule add',
  usage: 'schedule add <id@version> --at <YYYY-MM-DDTHH:MM> [--until <YYYY-MM-DDTHH:MM>] --data-dir <dir>',
  summary:
    'Shows an installed pack from a local date-time on (at the next idle moment, within a minute),\nand with --until returns to the pack it replaced. Refuses packs that are not installed and\ntimes that overlap another entry.',
  options: [
    dataDirOption,
    { name: 'at', kind: 'string', valueName: 'date-time', description: 'when to show it (local time)' },
    { name: 'until', kind: 'string', valueName: 'date-time', description: 'when to return (local time)' },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};
export const scheduleListSpec: CommandSpec = {
  name: 'schedule list',
  usage: 'schedule list --data-dir <dir> [--json]',
  summary: 'Lists the schedule: id, pack, from, until and state (pending, active, done, missed, failed).',
  options: [dataDirOption, ...outputOptions],
  positionals: { min: 0, max: 0 },
};
export const scheduleRemoveSpec: CommandSpec = {
  name: 'schedule remove',
  usage: 'schedule remove <entry-id> --data-dir <dir>',
  summary: 'Removes a schedule entry (a running one leaves its pack on screen: roll back to leave it).',
  options: [dataDirOption, ...outputOptions],
  positionals: { min: 1, max: 1 },
};

const SUBCOMMANDS = 'add | list | remove';

function entryLine(e: ScheduleEntry, lang: Invocation['lang']): string {
  const until = e.until ? ` → ${e.until.replace('T', ' ')}` : '';
  const state = {
    pending: t(lang, 'pending', '待执行'),
    active: t(lang, 'active', '进行中'),
    done: t(lang, 'done', '已完成'),
    missed: t(lang, 'missed', '已错过'),
    failed: t(lang, 'failed', '失败'),
  }[e.status];
  const reason = e.reason ? `  (${e.reason})` : '';
  return `${e.id}  ${state.padEnd(8)}  ${e.at.replace('T', ' ')}${until}  ${e.ref}${reason}`;
}

function finish<T>(
  io: CommandIo,
  inv: Invocation,
  command: string,
  update: ScheduleUpdate<T>,
  fields: (value: T) => Record<string, unknown>,
  line: (value: T) => string,
): number {
  if (!update.ok) {
    const message = update.refusal ? update.refusal.message[inv.lang] : update.problem;
    if (inv.json)
      io.out(JSON.stringify({ ok: false, command, code: update.refusal?.code ?? 'schedule-file', message }));
    else io.err(`hallpack: schedule.json: ${update.refusal?.code ?? 'schedule-file'}: ${message}`);
    return EXIT_PROBLEMS;
  }
  if (inv.json) io.out(JSON.stringify({ ok: true, command, ...fields(update.value) }, null, 2));
  else io.out(line(update.value));
  return EXIT_OK;
}

async function add(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(scheduleAddSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const dataDir = dataDirOf(scheduleAddSpec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const at = optionValue(inv.args, 'at');
  if (at === undefined) return usageError(io, scheduleAddSpec, '--at is required', inv.json);
  const until = optionValue(inv.args, 'until');
  const ref = inv.args.positionals[0] ?? '';
  // Listing installed packs reads folders only; no signature is judged here.
  const store = createPackStore({ dataDir, trustedKeys: [], allowUnsigned: false });
  const update = await addScheduleEntry(
    dataDir,
    { ref, at, until },
    { installed: async () => (await store.list()).map((p) => p.ref), now: io.now?.() ?? new Date() },
  );
  return finish(
    io,
    inv,
    'schedule add',
    update,
    (entry) => ({ entry }),
    (entry) => `${t(inv.lang, 'scheduled', '已排期')}  ${entryLine(entry, inv.lang)}`,
  );
}

async function list(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(scheduleListSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const dataDir = dataDirOf(scheduleListSpec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const read = await readSchedule(dataDir);
  return finish(
    io,
    inv,
    'schedule list',
    read.ok ? { ok: true, value: read.file.entries } : read,
    (entries) => ({ entries, now: formatLocalDateTime(io.now?.() ?? new Date()) }),
    (entries) =>
      entries.length === 0
        ? t(inv.lang, 'nothing scheduled', '没有排期')
        : entries.map((e) => entryLine(e, inv.lang)).join('\n'),
  );
}

async function remove(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(scheduleRemoveSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const dataDir = dataDirOf(scheduleRemoveSpec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const update = await removeScheduleEntry(dataDir, inv.args.positionals[0] ?? '');
  return finish(
    io,
    inv,
    'schedule remove',
    update,
    (entry) => ({ entry }),
    (entry) => `${t(inv.lang, 'removed', '已删除')}  ${entryLine(entry, inv.lang)}`,
  );
}

export async function scheduleCommand(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add':
      return add(rest, io);
    case 'list':
      return list(rest, io);
    case 'remove':
      return remove(rest, io);
    case '--help':
    case '-h':
    case undefined:
      io.out(
        [scheduleAddSpec, scheduleListSpec, scheduleRemoveSpec]
          .map((s) => `Usage: hallpack ${s.usage}`)
          .join('\n'),
      );
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    default:
      return usageError(
        io,
        undefined,
        `schedule: unknown subcommand ${JSON.stringify(sub)} (${SUBCOMMANDS})`,
      );
  }
}
