/**
 * Loads `config.json` from the kiosk's data directory. A missing file means defaults; a damaged
 * one means defaults plus a problem the staff screen and log show — the hall keeps running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskConfigSchema, type KioskConfig } from '../../shared/config-schema';

export type LoadedConfig = { config: KioskConfig; file: string; problem?: string };

export const CONFIG_FILE = 'config.json';

export function loadConfig(dataDir: string): LoadedConfig {
  const file = join(dataDir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const config = kioskConfigSchema.parse({});
    return missing
      ? { config, file }
      : { config, file, problem: `${file}: unreadable (${(error as Error).message}); using defaults` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      config: kioskConfigSchema.parse({}),
      file,
      problem: `${file}: not valid JSON (${(error as Error).message}); using defaults`,
    };
  }
  const parsed = kioskConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') || '(root)' : '(root)';
    return {
      config: kioskConfigSchema.parse({}),
      file,
      problem: `${file}: ${where}: ${first?.message ?? 'invalid'}; using defaults`,
    };
  }
  return { config: parsed.data, file };
}
