/**
 * Command-line flags of the hall server entry (`electron/node/server/main.ts`). Pure.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

export type ServerArgs = {
  /** `--port`; undefined when not given (then config.json's `port`, else any free port). */
  port: number | undefined;
  host: string;
  /** Absolute path of the built renderer. */
  renderer: string;
  /** Pack folders to try in order: --pack, HALL_PACK, the built default pack, the test fixture. */
  packCandidates: string[];
  /** True when the pack was named explicitly (then a broken pack is an error, not a fallback). */
  packExplicit: boolean;
  /** Reserved for the pack store (state, installed packs). */
  dataDir: string | undefined;
  /** JSON-lines log file; without it warnings and errors go to stderr. */
  log: string | undefined;
  allowNonLoopback: boolean;
  help: boolean;
};

export const SERVER_USAGE = `Usage: tsx electron/node/server/main.ts [options]
  --port <n>             port on the host (0 = any free port; default: config.json's
                         "port" in --data-dir, else 0)
  --host <addr>          bind address (default 127.0.0.1; loopback only unless --allow-non-loopback)
  --renderer <dir>       built renderer (default dist/renderer)
  --pack <dir>           pack folder with pack.json (default: $HALL_PACK, dist/packs/default,
                         tests/fixtures/packs/minimal)
  --data-dir <dir>       kiosk data folder (reserved for the pack store)
  --log <file>           append JSON-lines log here
  --allow-non-loopback   allow --host to be a LAN address (authoring preview)
  -h, --help             this text`;

export type ParsedServerArgs = { ok: true; args: ServerArgs } | { ok: false; message: string };

/** Parses argv (without node and script) against `cwd` and the environment. */
export function parseServerArgs(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): ParsedServerArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        renderer: { type: 'string' },
        pack: { type: 'string' },
        'data-dir': { type: 'string' },
        log: { type: 'string' },
        'allow-non-loopback': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const portText = values.port;
  const port = portText === undefined ? undefined : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || (port ?? 0) > 65535)) {
    return { ok: false, message: `--port must be a number from 0 to 65535, got "${portText}"` };
  }
  const at = (p: string): string => path.resolve(cwd, p);
  const explicit = values.pack ?? (env.HALL_PACK ? env.HALL_PACK : undefined);
  const packCandidates = explicit
    ? [at(explicit)]
    : [at('dist/packs/default'), at('tests/fixtures/packs/minimal')];
  return {
    ok: true,
    args: {
      port,
      host: values.host ?? '127.0.0.1',
      renderer: at(values.renderer ?? 'dist/renderer'),
      packCandidates,
      packExplicit: explicit !== undefined,
      dataDir: values['data-dir'] === undefined ? undefined : at(values['data-dir']),
      log: values.log === undefined ? undefined : at(values.log),
      allowNonLoopback: values['allow-non-loopback'] ?? false,
      help: values.help ?? false,
    },
  };
}

/**
 * The port to listen on: `--port` (tests, a technician's one-off run), else the hall's
 * `config.json` `port`, else 0 (any free port; the launcher opens the URL the server prints).
 */
export function chooseServerPort(flag: number | undefined, configPort: number | undefined): number {
  return flag ?? configPort ?? 0;
}
