import { describe, expect, it } from 'vitest';
import { formatOptions, optionValue, optionValues, parseArgs } from '../../../../electron/node/cli/args';
import type { OptionSpec } from '../../../../electron/node/cli/args';

const specs: OptionSpec[] = [
  { name: 'out', short: 'o', kind: 'string', valueName: 'file', description: 'output' },
  { name: 'trust', kind: 'strings', description: 'keys' },
  { name: 'json', kind: 'flag', description: 'json' },
];

describe('parseArgs', () => {
  it('reads positionals, flags, values and repeats', () => {
    const r = parseArgs(['a', '--json', '-o', 'x', '--trust=k1', '--trust', 'k2', 'b'], specs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.args.positionals).toEqual(['a', 'b']);
    expect(r.args.flags.has('json')).toBe(true);
    expect(optionValue(r.args, 'out')).toBe('x');
    expect(optionValues(r.args, 'trust')).toEqual(['k1', 'k2']);
  });

  it('stops at --', () => {
    const r = parseArgs(['--', '--json', '-o'], specs);
    expect(r.ok && r.args.positionals).toEqual(['--json', '-o']);
  });

  it('refuses unknown options, missing values, repeats and values on flags', () => {
    const error = (argv: string[]) => {
      const r = parseArgs(argv, specs);
      return r.ok ? undefined : r.error;
    };
    expect(error(['--nope'])).toBe('unknown option --nope');
    expect(error(['-x'])).toBe('unknown option -x');
    expect(error(['--out'])).toBe('--out needs a value');
    expect(error(['-o', '--json'])).toBe('-o needs a value');
    expect(error(['-o', 'a', '-o', 'b'])).toBe('-o given more than once');
    expect(error(['--json=yes'])).toBe('--json takes no value');
  });

  it('accepts "-" as a value and as a positional', () => {
    const r = parseArgs(['-o', '-', '-'], specs);
    expect(r.ok && [optionValue(r.args, 'out'), r.args.positionals]).toEqual(['-', ['-']]);
  });

  it('formats option help', () => {
    expect(formatOptions(specs)).toBe(
      ['  -o, --out <file>     output', '      --trust <value>  keys', '      --json           json'].join(
        '\n',
      ),
    );
  });
});
