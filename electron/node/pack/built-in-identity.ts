/**
 * The app's built-in pack is trusted by its own identity, fixed when the app is built, not by any
 * key a hall trusts: `scripts/build-packs.mjs` builds and signs `dist/packs/default` and writes
 * `dist/packs/default.identity.json` (`{ id, version, manifestSha256 }`, the SHA-256 of the exact
 * `pack.json`, which lists every file's SHA-256). `scripts/build.mjs` bakes the same text into
 * the Electron main bundle (`__HALL_BUILT_IN_PACK__`, inside the integrity-checked app.asar); the
 * browser-mode server, which runs from the sources, reads the file the build wrote beside the pack.
 *
 * So a hall that trusts no key at all (development keys off) still shows the built-in pack, and
 * nobody can make the app trust anything else by it: only those exact bytes.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { BuiltInIdentity } from './inspector';

declare const __HALL_BUILT_IN_PACK__: string | undefined;

const identitySchema = z.object({
  id: z.string().min(1).max(200),
  version: z.string().min(1).max(100),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Parses identity JSON text; null when it is not one. */
export function parseBuiltInIdentity(text: string): BuiltInIdentity | null {
  try {
    const parsed = identitySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `dist/packs/default` → `dist/packs/default.identity.json`. */
export function identityFileFor(packRoot: string): string {
  return join(dirname(packRoot), `${basename(packRoot)}.identity.json`);
}

/** The identity the build wrote beside a built-in pack folder; null when there is none. */
export function readBuiltInIdentity(packRoot: string): BuiltInIdentity | null {
  try {
    return parseBuiltInIdentity(readFileSync(identityFileFor(packRoot), 'utf8'));
  } catch {
    return null;
  }
}

/** The identity baked into this bundle by `scripts/build.mjs`; null when running from sources. */
export function bakedBuiltInIdentity(): BuiltInIdentity | null {
  return typeof __HALL_BUILT_IN_PACK__ === 'string' ? parseBuiltInIdentity(__HALL_BUILT_IN_PACK__) : null;
}
