/**
 * `hallpack`: the content-pack tool. `main(argv, io)` dispatches to a subcommand and returns the
 * exit code (0 ok, 1 pack problems, 2 usage); bin/hallpack.mjs sets `process.exitCode` from it.
 * Every command is `(argv, io) => Promise<number>` (see common.ts), so commands owned by other
 * parts (the store, the TimelineJS importer) plug in without knowing this file.
 */
import { PACK_FORMAT } from '../../shared/pack-schema';
import { buildCommand, keygenCommand, schemaCommand } from './build-commands';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './common';
import type { CliCommand, CommandIo } from './common';
import { importCommand } from './import-command';
import { initCommand } from './init-command';
import { tilesCommand } from '../iiif/tiles-command';
import { configCommand } from './config-command';
import { staffPinCommand } from './staff-pin-command';
import { fleetCommand, pullCommand, repoCommand } from './fleet-commands';
import { trustCommand } from './trust-commands';
import { inspectCommand, lintCommand, signCommand, validateCommand } from './pack-commands';
import {
  activateCommand,
  commitCommand,
  installCommand,
  listCommand,
  removeCommand,
  rollbackCommand,
} from './store-commands';
import { scheduleCommand } from './schedule-command';
import { sheetCommand } from './sheet-command';
import { stringsCommand } from './strings-command';
import { previewCommand } from './preview-command';
import { analyticsCommand } from './analytics-command';

type Entry = { run: CliCommand; summary: string };

export const commands: Readonly<Record<string, Entry>> = {
  init: {
    run: initCommand,
    summary: 'start a new working folder from a template (passes lint; README inside)',
  },
  validate: { run: validateCommand, summary: 'check a pack: schema, references, files, signature' },
  lint: { run: lintCommand, summary: 'validate, plus pre-flight checks: codecs, budgets, glyphs, captions' },
  preview: {
    run: (argv, io) => previewCommand(argv, io),
    summary: 'look at a working folder in the real kiosk on 127.0.0.1 (--watch: reload on every change)',
  },
  build: {
    run: buildCommand,
    summary: 'build a pack from a folder: files index, checks, signature, zip or folder',
  },
  keygen: { run: keygenCommand, summary: 'make an Ed25519 signing key pair' },
  sign: { run: signCommand, summary: 'sign a pack (folder or .hallpack)' },
  inspect: {
    run: inspectCommand,
    summary: 'show a pack: id, version, titles, contents, size, signature, files',
  },
  trust: {
    run: trustCommand,
    summary: 'manage the keys a kiosk trusts (add, list, remove) in its data folder',
  },
  install: { run: installCommand, summary: 'install a pack into a kiosk store (verified, atomic)' },
  list: { run: listCommand, summary: 'list the packs of a store, current and previous' },
  activate: { run: activateCommand, summary: 'make an installed pack the current one' },
  rollback: { run: rollbackCommand, summary: 'go back to the previous pack' },
  remove: { run: removeCommand, summary: 'delete an installed pack (never current or previous)' },
  commit: { run: commitCommand, summary: 'confirm the current pack shows correctly; clean up old packs' },
  schedule: {
    run: scheduleCommand,
    summary: 'dated packs: schedule add <id@version> --at … [--until …] | list | remove <id>',
  },
  sheet: {
    run: sheetCommand,
    summary:
      "the pack's texts as a spreadsheet: sheet export <folder> <file.xlsx|dir>, sheet import <file> <folder>",
  },
  strings: {
    run: stringsCommand,
    summary:
      'translation: strings export <folder> --lang en (XLIFF or CSV), strings import <file> <folder>, status',
  },
  analytics: {
    run: analyticsCommand,
    summary: 'analytics export --from <day> --to <day> --csv <file>: visitor analytics of a kiosk as CSV',
  },
  import: { run: importCommand, summary: 'import a TimelineJS JSON file as a timeline of a pack folder' },
  tiles: { run: tilesCommand, summary: 'cut IIIF level-0 tiles from a large image (ImageMagick)' },
  schema: { run: schemaCommand, summary: 'print the JSON Schema of pack.json' },
  repo: { run: repoCommand, summary: 'publish packs to a fleet: a TUF repository any web server can serve' },
  pull: {
    run: pullCommand,
    summary: "one fleet round by hand: fetch, verify and install the channel's newest pack",
  },
  fleet: { run: fleetCommand, summary: 'read the status files kiosks upload (pack, last pull, last error)' },
  'staff-pin': {
    run: staffPinCommand,
    summary: "set the PIN that opens a kiosk's staff mode (stored hashed)",
  },
  config: {
    run: configCommand,
    summary: "config check: a kiosk's effective configuration and each invalid or unknown field",
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 2;
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return [
    `hallpack — build, check, sign and install Hall Kiosk content packs (${PACK_FORMAT})`,
    '',
    'Usage: hallpack <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run "hallpack <command> --help" for a command\'s options. Most commands take --json and --lang zh-Hans.',
    'Exit codes: 0 ok, 1 pack problems (printed as "file: rule: message"), 2 usage.',
  ].join('\n');
}

const consoleIo: CommandIo = {
  out: (s) => console.log(s),
  err: (s) => console.error(s),
};

/** Runs hallpack with `argv` (without node and script). Never throws. */
export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && commands[topic]) return commands[topic].run(['--help'], io);
    io.out(mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(`hallpack ${PACK_FORMAT}`);
    return EXIT_OK;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`hallpack: unknown command ${JSON.stringify(name)}\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // A bug, not a pack problem: say so plainly, with the stack for whoever reports it.
    io.err(`hallpack ${name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    // Exits like pack problems: whatever was asked did not happen.
    return EXIT_PROBLEMS;
  }
}
