/**
 * `hallpack import timelinejs <file.json> --into <pack-dir> [options]`
 *
 * Converts a TimelineJS JSON file into a timeline of a pack folder (created when it has no
 * pack.json yet). Prints each notice as `where: code: message`, then what was imported and which
 * media are missing. Exit codes: 0 imported (warnings allowed), 1 problems (nothing written),
 * 2 usage.
 */
import type { ImportIntoPackResult } from '../import/timelinejs';
import { importTimelineJsIntoPack } from '../import/timelinejs';

export type CommandIo = { out(s: string): void; err(s: string): void };

export const IMPORT_USAGE = `Usage: hallpack import timelinejs <file.json|file.csv> --into <pack-dir> [options]

Converts a TimelineJS (Knight Lab) JSON file, or its Google Sheets template saved as CSV, into a timeline of the pack in <pack-dir>:
eras, events, display dates, text (HTML reduced to the pack's markdown subset) and local media,
which are copied into <pack-dir>/media/<timeline-id>/ and hashed into the files index.
Remote media (http/https) are not downloaded — halls are offline — and are listed as missing.

Options:
  --into <dir>     the pack folder (required; pack.json is created when missing)
  --lang <tag>     language of the TimelineJS texts (default: the pack's default language, else en)
  --id <id>        id of the new timeline (default: from the title, else "timeline")
  --replace        replace a timeline with the same id
  --dry-run        convert and report, write nothing
  --skip-unsupported  import the rest when some events cannot be shown (e.g. years beyond
                   ±999,999) and list them; without it such events fail the import
  --json           print the result as JSON
  -h, --help       this text

Exit codes: 0 imported, 1 problems (nothing written), 2 usage.`;

type Parsed = {
  file: string;
  into: string;
  lang?: string;
  id?: string;
  replace: boolean;
  dryRun: boolean;
  skipUnsupported: boolean;
  json: boolean;
};

function parseArgs(argv: readonly string[]): Parsed | { help: true } | { error: string } {
  const positional: string[] = [];
  const flags: Partial<Record<'into' | 'lang' | 'id', string>> = {};
  let replace = false;
  let dryRun = false;
  let skipUnsupported = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h' || a === '--help') return { help: true };
    if (a === '--replace') replace = true;
    else if (a === '--dry-run') dryRun = true;
    else if (a === '--skip-unsupported') skipUnsupported = true;
    else if (a === '--json') json = true;
    else if (a === '--into' || a === '--lang' || a === '--id') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { error: `${a} needs a value` };
      flags[a.slice(2) as 'into' | 'lang' | 'id'] = value;
      i++;
    } else if (/^--(into|lang|id)=/.test(a)) {
      const [name, ...rest] = a.slice(2).split('=');
      flags[name as 'into' | 'lang' | 'id'] = rest.join('=');
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else positional.push(a);
  }
  // Accept both `import timelinejs <file>` and `timelinejs <file>` (after the dispatcher ate "import").
  if (positional[0] === 'import') positional.shift();
  const format = positional.shift();
  if (format !== 'timelinejs') {
    return {
      error:
        format === undefined
          ? 'which format? only "timelinejs" is supported'
          : `unknown format "${format}": only "timelinejs" is supported`,
    };
  }
  const file = positional.shift();
  if (file === undefined) return { error: 'missing <file.json>' };
  if (positional.length > 0) return { error: `unexpected argument ${positional[0] ?? ''}` };
  if (flags.into === undefined) return { error: '--into <pack-dir> is required' };
  const parsed: Parsed = { file, into: flags.into, replace, dryRun, skipUnsupported, json };
  if (flags.lang !== undefined) parsed.lang = flags.lang;
  if (flags.id !== undefined) parsed.id = flags.id;
  return parsed;
}

function printHuman(result: ImportIntoPackResult, parsed: Parsed, io: CommandIo): void {
  for (const n of result.notices) {
    const line = `${n.where}: ${n.code}: ${n.message}`;
    if (n.severity === 'info') io.out(`  ${line}`);
    else io.err(`${n.severity}: ${line}`);
  }
  if (!result.ok) {
    if (result.skipped.length > 0 && !parsed.skipUnsupported) {
      io.err(`${result.skipped.length} event(s) cannot be shown in a pack:`);
      for (const s of result.skipped) io.err(`  ${s.where} "${s.headline}": ${s.reason}`);
      io.err('Fix them in the TimelineJS file, or run again with --skip-unsupported to import the rest.');
    }
    io.err(`Nothing was written to ${parsed.into}.`);
    return;
  }
  if (result.skipped.length > 0) {
    io.err(`Skipped ${result.skipped.length} event(s) (--skip-unsupported):`);
    for (const s of result.skipped) io.err(`  ${s.where} "${s.headline}": ${s.reason}`);
  }
  const verb = parsed.dryRun ? 'Would import' : 'Imported';
  io.out(
    `${verb} timeline "${result.timelineId ?? ''}": ${result.events} events, ${result.eras} eras, ${result.copied.length} media files into ${parsed.into}${result.createdPack ? ' (new pack.json: fill in title and publisher)' : ''}.`,
  );
  if (result.missing.length > 0) {
    io.err(`${result.missing.length} media missing (not in the pack):`);
    for (const m of result.missing) {
      const why =
        m.reason === 'remote'
          ? 'on the internet'
          : m.reason === 'not-found'
            ? 'file not found'
            : 'not a supported file';
      io.err(`  ${m.where}: ${m.url} (${why})`);
    }
  }
  if (result.signatureStale && !parsed.dryRun)
    io.err('pack.sig no longer matches pack.json: run hallpack sign again.');
}

/** Entry point the hallpack dispatcher calls with the arguments after `import`. */
export async function importCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    io.out(IMPORT_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`hallpack import: ${parsed.error}`);
    io.err(IMPORT_USAGE);
    return 2;
  }
  let result: ImportIntoPackResult;
  try {
    result = await importTimelineJsIntoPack({
      file: parsed.file,
      packDir: parsed.into,
      replace: parsed.replace,
      dryRun: parsed.dryRun,
      skipUnsupported: parsed.skipUnsupported,
      ...(parsed.lang === undefined ? {} : { language: parsed.lang }),
      ...(parsed.id === undefined ? {} : { timelineId: parsed.id }),
    });
  } catch (error) {
    io.err(`hallpack import: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (parsed.json) io.out(JSON.stringify(result, null, 2));
  else printHuman(result, parsed, io);
  return result.ok ? 0 : 1;
}

export default importCommand;
