/**
 * The store's layout under its data directory and its two small bookkeeping files.
 *
 * ```
 * <dataDir>/
 *   packs/<id>@<version>/   verified copies (pack.json, pack.sig, listed files only)
 *   staging/<random>/       installs in progress; anything here at start-up is a leftover
 *   trash/<random>/         packs being deleted; emptied at start-up and after commit
 *   active.json             { current, previous, committed, boots }  — the only pointer
 *   accepted.json           { "<id>": "<highest accepted version>" } — downgrade protection
 *   store.lock/             held while a process changes the store (proper-lockfile; owner.json: pid, host, since, purpose)
 *   leases/<pid>@<host>.json the packs a running kiosk serves: never collected (lease.ts)
 * ```
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { packIdSchema, semverSchema } from '../../../shared/pack-schema';
import { problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';
import { describeError } from './problem-error';

/** `<id>@<version>`: names an installed pack and its folder. */
export type PackRef = string;

export function formatPackRef(id: string, version: string): PackRef {
  return `${id}@${version}`;
}

/** Splits a ref; null unless it is a valid `<id>@<semver>` (so it is also a safe folder name). */
export function parsePackRef(ref: string): { id: string; version: string } | null {
  const at = ref.indexOf('@');
  if (at <= 0) return null;
  const id = ref.slice(0, at);
  const version = ref.slice(at + 1);
  if (!packIdSchema.safeParse(id).success || !semverSchema.safeParse(version).success) return null;
  return { id, version };
}

export const packRefSchema = z.string().refine((s) => parsePackRef(s) !== null, 'must be <id>@<version>');

export const activeStateSchema = z.object({
  current: packRefSchema,
  previous: packRefSchema.nullable(),
  /** The app confirmed that `current` rendered. */
  committed: z.boolean(),
  /** Boots since activation without a commit; too many means the pack does not start. */
  boots: z.number().int().nonnegative().default(0),
});
export type ActiveState = z.infer<typeof activeStateSchema>;

export const acceptedSchema = z.record(packIdSchema, semverSchema);
export type Accepted = z.infer<typeof acceptedSchema>;

export type StoreLayout = {
  dataDir: string;
  packs: string;
  staging: string;
  trash: string;
  active: string;
  accepted: string;
  lock: string;
  leases: string;
};

export function storeLayout(dataDir: string): StoreLayout {
  return {
    dataDir,
    packs: join(dataDir, 'packs'),
    staging: join(dataDir, 'staging'),
    trash: join(dataDir, 'trash'),
    active: join(dataDir, 'active.json'),
    accepted: join(dataDir, 'accepted.json'),
    lock: join(dataDir, 'store.lock'),
    leases: join(dataDir, 'leases'),
  };
}

export type StateRead<T> = { value: T | null; problem?: PackProblem };

/** Reads and validates a small JSON file: missing → null; unreadable or invalid → null + a warning. */
async function readStateFile<T>(path: string, name: string, schema: z.ZodType<T>): Promise<StateRead<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { value: null };
    return {
      value: null,
      problem: problem('store.corrupt-state', name, { path: name, detail: describeError(error) }),
    };
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { value: parsed.data };
    return {
      value: null,
      problem: problem('store.corrupt-state', name, {
        path: name,
        detail: parsed.error.issues[0]?.message ?? 'invalid',
      }),
    };
  } catch (error) {
    return {
      value: null,
      problem: problem('store.corrupt-state', name, { path: name, detail: describeError(error) }),
    };
  }
}

export function readActiveState(layout: StoreLayout): Promise<StateRead<ActiveState>> {
  return readStateFile(layout.active, 'active.json', activeStateSchema);
}

export function readAccepted(layout: StoreLayout): Promise<StateRead<Accepted>> {
  return readStateFile(layout.accepted, 'accepted.json', acceptedSchema);
}
