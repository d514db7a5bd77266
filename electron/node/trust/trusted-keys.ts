/**
 * The keys a kiosk trusts, in its data folder: `trusted-keys.json`, managed with
 * `hallpack trust add | list | remove`. The kiosk (Electron and browser mode) and every hallpack
 * command that judges a pack read the same list through `kioskTrust`, so CLI and kiosk agree.
 *
 * `config.json`'s `trustedKeys` are still honoured (older installations), and the development
 * key only on a development machine whose configuration asks for it (`trustDevelopmentKey`).
 * The app's built-in pack needs none of these: it is trusted by its build-time identity.
 *
 * ```json
 * { "keys": [ { "name": "Changzhou 2026", "fingerprint": "1a2b3c4d5e6f7a8b",
 *               "publicKeyPem": "-----BEGIN PUBLIC KEY-----…", "added": "2026-03-01T10:00:00.000Z" } ] }
 * ```
 * The fingerprint is the key id a `pack.sig` names (SHA-256 of the raw public key, 16 hex digits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KioskConfig } from '../../shared/config-schema';
import { replaceJsonAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import { loadTrustedKey } from '../pack/signature';
import type { TrustedKey } from '../pack/signature';

export const TRUST_FILE = 'trusted-keys.json';

const entrySchema = z.object({
  name: z.string().min(1).max(200),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  publicKeyPem: z.string().max(4096),
  added: z.string().max(64),
});
const fileSchema = z.object({ keys: z.array(entrySchema).max(1000) });

export type TrustEntry = z.infer<typeof entrySchema>;

/** A trusted key with where it comes from, for messages and `trust list`. */
export type NamedTrustedKey = TrustedKey & {
  name: string;
  origin: 'trust list' | 'config.json' | 'development';
};

export type TrustList = { entries: TrustEntry[]; file: string; problem?: string };

/** Reads `trusted-keys.json`; missing means an empty list, damaged means empty plus a problem. */
export function readTrustList(dataDir: string): TrustList {
  const file = join(dataDir, TRUST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], file };
    return { entries: [], file, problem: `${file}: unreadable (${(error as Error).message})` };
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { entries: parsed.data.keys, file };
    const first = parsed.error.issues[0];
    return {
      entries: [],
      file,
      problem: `${file}: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}; no key from it is trusted`,
    };
  } catch (error) {
    return { entries: [], file, problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
}

export type TrustChange =
  { ok: true; entry: TrustEntry; list: TrustEntry[] } | { ok: false; message: string };

async function writeTrustList(dataDir: string, entries: TrustEntry[]): Promise<void> {
  await replaceJsonAtomic(nodeFsOps, join(dataDir, TRUST_FILE), { keys: entries });
}

/** Adds a public key (SPKI PEM) under a name; the name defaults to its fingerprint. */
export async function addTrustedKey(
  dataDir: string,
  publicKeyPem: string | Uint8Array,
  options: { name?: string; file?: string; now?: Date } = {},
): Promise<TrustChange> {
  const text = Buffer.from(publicKeyPem).toString('utf8');
  if (text.includes('PRIVATE KEY')) {
    return {
      ok: false,
      message: `${options.file ?? 'this file'} is a PRIVATE key: give the public half (hallpack keygen writes it as <prefix>.pub.pem) and keep the private one off the kiosk`,
    };
  }
  const key = loadTrustedKey(text, options.file ?? 'public key');
  if (!key.ok) return { ok: false, message: key.problem.message.en };
  const list = readTrustList(dataDir);
  if (list.problem) return { ok: false, message: `${list.problem}: fix or delete it first` };
  const name = options.name?.trim() || key.value.id;
  if (name.length > 200) return { ok: false, message: 'the name is longer than 200 characters' };
  if (list.entries.some((e) => e.fingerprint === key.value.id)) {
    return { ok: false, message: `key ${key.value.id} is already trusted` };
  }
  if (list.entries.some((e) => e.name === name)) {
    return {
      ok: false,
      message: `a trusted key is already named ${JSON.stringify(name)}; choose another --name`,
    };
  }
  const entry: TrustEntry = {
    name,
    fingerprint: key.value.id,
    publicKeyPem: key.value.publicKeyPem,
    added: (options.now ?? new Date()).toISOString(),
  };
  const entries = [...list.entries, entry];
  await writeTrustList(dataDir, entries);
  return { ok: true, entry, list: entries };
}

/** Removes the key with this name or fingerprint (or a unique fingerprint prefix of 8+ digits). */
export async function removeTrustedKey(dataDir: string, nameOrFingerprint: string): Promise<TrustChange> {
  const list = readTrustList(dataDir);
  if (list.problem) return { ok: false, message: `${list.problem}: fix or delete it first` };
  const wanted = nameOrFingerprint.trim();
  const byName = list.entries.filter((e) => e.name === wanted);
  const byPrint = list.entries.filter(
    (e) =>
      e.fingerprint === wanted.toLowerCase() ||
      (wanted.length >= 8 && e.fingerprint.startsWith(wanted.toLowerCase())),
  );
  const matches = byName.length > 0 ? byName : byPrint;
  if (matches.length === 0) {
    return { ok: false, message: `no trusted key is named or has the fingerprint ${JSON.stringify(wanted)}` };
  }
  if (matches.length > 1) {
    return {
      ok: false,
      message: `${JSON.stringify(wanted)} matches ${matches.length} keys; give the full fingerprint`,
    };
  }
  const entry = matches[0]!;
  const entries = list.entries.filter((e) => e !== entry);
  await writeTrustList(dataDir, entries);
  return { ok: true, entry, list: entries };
}

export type KioskTrust = { keys: NamedTrustedKey[]; warnings: string[] };

/**
 * Every key a kiosk with this data folder and configuration trusts: the trust list, then
 * config.json's `trustedKeys`, then the development key when the configuration trusts it.
 * A key that cannot be used is left out with a warning.
 */
export function kioskTrust(
  dataDir: string,
  config: Pick<KioskConfig, 'trustedKeys' | 'trustDevelopmentKey'>,
  developmentKeyPem?: string,
): KioskTrust {
  const warnings: string[] = [];
  const keys: NamedTrustedKey[] = [];
  const add = (pem: string, name: string, origin: NamedTrustedKey['origin'], where: string) => {
    const loaded = loadTrustedKey(pem, where);
    if (!loaded.ok) {
      warnings.push(`${where}: key ${JSON.stringify(name)} refused: ${loaded.problem.message.en}`);
      return;
    }
    if (keys.some((k) => k.id === loaded.value.id)) return;
    keys.push({ ...loaded.value, name, origin });
  };
  const list = readTrustList(dataDir);
  if (list.problem) warnings.push(list.problem);
  for (const e of list.entries) add(e.publicKeyPem, e.name, 'trust list', list.file);
  for (const k of config.trustedKeys)
    add(k.publicKeyPem, k.name ?? 'config.json key', 'config.json', 'config.json');
  if (config.trustDevelopmentKey && developmentKeyPem !== undefined) {
    add(developmentKeyPem, 'development key', 'development', 'development key');
  }
  return { keys, warnings };
}
