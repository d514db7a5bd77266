#!/usr/bin/env node
/**
 * The development signing key: generated on first use into `.dev-keys/` (ignored by git, private
 * half 0600 in a 0700 folder), never committed. It signs the built-in pack on this machine only;
 * the app trusts the built-in pack by its build-time identity, not by this key, and no kiosk
 * trusts the key unless its configuration asks (`trustDevelopmentKey`, for development machines).
 *
 *   node scripts/dev-key.mjs      prints the paths, generating the pair if missing
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_KEY_DIR = path.join(ROOT, '.dev-keys');
export const DEV_PRIVATE_KEY = path.join(DEV_KEY_DIR, 'dev-private.pem');
export const DEV_PUBLIC_KEY = path.join(DEV_KEY_DIR, 'dev-public.pem');

/** Makes the development key pair if it is not there yet; returns its paths. */
export function ensureDevKey() {
  if (!existsSync(DEV_PRIVATE_KEY) || !existsSync(DEV_PUBLIC_KEY)) {
    mkdirSync(DEV_KEY_DIR, { recursive: true, mode: 0o700 });
    chmodSync(DEV_KEY_DIR, 0o700);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(DEV_PRIVATE_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(DEV_PUBLIC_KEY, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
    process.stdout.write(
      `dev-key: generated a development key pair in ${path.relative(ROOT, DEV_KEY_DIR)}/\n`,
    );
  }
  return { privateKey: DEV_PRIVATE_KEY, publicKey: DEV_PUBLIC_KEY };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const keys = ensureDevKey();
  process.stdout.write(`${keys.privateKey}\n${keys.publicKey}\n`);
}
