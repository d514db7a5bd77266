#!/usr/bin/env node
/**
 * Builds the packs embedded in the app: computes the files index, signs with the development key
 * (generated on first use into the ignored `.dev-keys/`, see scripts/dev-key.mjs), lints the
 * result strictly (signature checked against that public key; any warning fails the build), and
 * writes the pack's build-time identity beside it — the SHA-256 of its exact pack.json — which
 * the app trusts instead of any key (electron/node/pack/built-in-identity.ts).
 * `scripts/build.mjs` runs this when it exists; run it alone with `node scripts/build-packs.mjs`.
 *
 *   assets/packs/default  →  dist/packs/default  (pack.json with `files`, pack.sig, media/…)
 *                         →  dist/packs/default.identity.json  ({ id, version, manifestSha256 })
 *
 * The media are not regenerated here: they are committed content, made by
 * `node scripts/make-default-media.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDevKey } from './dev-key.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin/hallpack.mjs');

const PACKS = [{ source: 'assets/packs/default', outDir: 'dist/packs/default' }];

function hallpack(args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    throw new Error(
      `hallpack ${args.join(' ')} exited with ${result.status ?? result.signal} after ${seconds} s`,
    );
  }
  console.log(`build-packs: hallpack ${args[0]} ${args[1]} ok (${seconds} s)`);
}

/** `<outDir>.identity.json`: what the app trusts the built-in pack by (its exact pack.json). */
function writeIdentity(outDir) {
  const manifestBytes = readFileSync(path.join(ROOT, outDir, 'pack.json'));
  const manifest = JSON.parse(manifestBytes.toString('utf8'));
  const identity = {
    id: manifest.id,
    version: manifest.version,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
  };
  const file = path.join(ROOT, `${outDir}.identity.json`);
  writeFileSync(file, `${JSON.stringify(identity, null, 2)}\n`);
  console.log(
    `build-packs: ${path.relative(ROOT, file)}: ${identity.id} ${identity.version} ${identity.manifestSha256.slice(0, 16)}…`,
  );
}

function main() {
  if (!existsSync(CLI)) {
    throw new Error(
      `${path.relative(ROOT, CLI)} is missing: the hallpack CLI is needed to build the embedded packs`,
    );
  }
  const keys = ensureDevKey();
  for (const pack of PACKS) {
    if (!existsSync(path.join(ROOT, pack.source, 'pack.json'))) {
      throw new Error(`${pack.source}/pack.json is missing`);
    }
    hallpack(['build', pack.source, '--out-dir', pack.outDir, '--key', keys.privateKey]);
    // Zero warnings: a pack that ships inside the app must be clean.
    hallpack(['lint', pack.outDir, '--trust', keys.publicKey, '--strict']);
    writeIdentity(pack.outDir);
  }
}

try {
  main();
} catch (error) {
  console.error(`build-packs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
