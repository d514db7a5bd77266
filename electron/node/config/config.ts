/**
 * Loads `config.json` from the kiosk's data directory. A missing file means defaults. A damaged
 * file (unreadable, not JSON) means defaults plus a warning; a file with some invalid fields keeps
 * every valid one and puts each invalid one at its default, with a warning naming field and value
 * (see shared/config-parse.ts). The staff screen and log show the warnings; the hall keeps running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfigWarning, parseKioskConfig } from '../../shared/config-parse';
import type { ConfigWarning } from '../../shared/config-parse';
import { kioskConfigSchema, type KioskConfig } from '../../shared/config-schema';

export type LoadedConfig = {
  config: KioskConfig;
  file: string;
  /** What was wrong, field by field; empty when the file is fine or missing. */
  warnings: ConfigWarning[];
  /** The warnings as one text (`<file>: <field>: …` per line), for a log line; absent when none. */
  problem?: string;
};

export const CONFIG_FILE = 'config.json';

function loaded(config: KioskConfig, file: string, warnings: ConfigWarning[]): LoadedConfig {
  if (warnings.length === 0) return { config, file, warnings };
  const problem = warnings.map((w) => `${file}: ${formatConfigWarning(w)}`).join('\n');
  return { config, file, warnings, problem };
}

export function loadConfig(dataDir: string): LoadedConfig {
  const file = join(dataDir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const config = kioskConfigSchema.parse({});
    return missing
      ? loaded(config, file, [])
      : loaded(config, file, [
          { field: '(file)', value: '', message: `unreadable (${(error as Error).message}); using defaults` },
        ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return loaded(kioskConfigSchema.parse({}), file, [
      { field: '(file)', value: '', message: `not valid JSON (${(error as Error).message}); using defaults` },
    ]);
  }
  const parsed = parseKioskConfig(raw);
  return loaded(parsed.config, file, parsed.warnings);
}
