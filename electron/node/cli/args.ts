/**
 * A small argument parser for hallpack subcommands (no dependencies): `--name value`,
 * `--name=value`, `-x value`, boolean flags, repeatable options, and `--` to end options.
 * Unknown options and missing values are usage errors (exit code 2), never guesses.
 */

export type OptionSpec = {
  /** Long name without dashes: `out` for `--out`. */
  name: string;
  /** One-letter alias without the dash: `o` for `-o`. */
  short?: string;
  /** `flag` takes no value; `string` takes one; `strings` may repeat. */
  kind: 'flag' | 'string' | 'strings';
  /** Placeholder shown in help: `--out <file>`. */
  valueName?: string;
  description: string;
};

export type ParsedArgs = {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string[]>;
};

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ArgsResult {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short, s]));
  const args: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      args.positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown = token;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      if (eq !== -1) inline = token.slice(eq + 1);
      shown = `--${name}`;
      spec = byLong.get(name);
    } else if (token.startsWith('-') && token.length > 1) {
      spec = byShort.get(token.slice(1));
    } else {
      args.positionals.push(token);
      continue;
    }
    if (!spec) return { ok: false, error: `unknown option ${shown}` };
    if (spec.kind === 'flag') {
      if (inline !== undefined) return { ok: false, error: `${shown} takes no value` };
      args.flags.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) {
        return { ok: false, error: `${shown} needs a value` };
      }
      value = next;
      i++;
    }
    const list = args.values.get(spec.name) ?? [];
    if (spec.kind === 'string' && list.length > 0)
      return { ok: false, error: `${shown} given more than once` };
    list.push(value);
    args.values.set(spec.name, list);
  }
  return { ok: true, args };
}

/** The single value of a `string` option. */
export const optionValue = (args: ParsedArgs, name: string): string | undefined => args.values.get(name)?.[0];

/** All values of a `strings` option. */
export const optionValues = (args: ParsedArgs, name: string): string[] => args.values.get(name) ?? [];

/** Help lines for options, aligned. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => {
    const names = [s.short !== undefined ? `-${s.short},` : '   ', `--${s.name}`].join(' ');
    const value = s.kind === 'flag' ? '' : ` <${s.valueName ?? 'value'}>`;
    return [`  ${names}${value}`, s.description] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => left.padEnd(width) + right).join('\n');
}
