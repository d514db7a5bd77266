/**
 * Where the kiosk keeps its state (packs, config.json, logs, recovery.json). Electron's
 * `userData` by default; `HALL_DATA_DIR` overrides it (the systemd unit sets /var/lib/hall-kiosk,
 * tests point it at a temporary folder). No Electron import: unit-tested as is.
 */
import path from 'node:path';

/** The environment variable that overrides the data directory. */
export const DATA_DIR_ENV = 'HALL_DATA_DIR';

/** The data directory: `HALL_DATA_DIR` resolved against `cwd` when set and non-blank, else `defaultUserData`. */
export function resolveDataDir(opts: {
  env: Readonly<Record<string, string | undefined>>;
  defaultUserData: string;
  cwd: string;
}): string {
  const override = opts.env[DATA_DIR_ENV]?.trim();
  return override ? path.resolve(opts.cwd, override) : opts.defaultUserData;
}
