#!/usr/bin/env node
/**
 * Builds the packs embedded in the app: computes the files index, signs with the development key,
 * then lints the result strictly (signature checked against the development public key; any
 * warning fails the build). `scripts/build.mjs` runs this when it exists; run it alone with
 * `node scripts/build-packs.mjs`.
 *
 *   assets/packs/default  →  dist/packs/default  (pack.json with `files`, pack.sig, media/…)
 *
 * The media are not regenerated here: they are committed content, made by
 * `node scripts/make-default-media.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin/hallpack.mjs');
const KEY = 'assets/keys/dev-private.pem';
const PUBLIC_KEY = 'assets/keys/dev-public.pem';

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

function main() {
  if (!existsSync(CLI)) {
    throw new Error(
      `${path.relative(ROOT, CLI)} is missing: the hallpack CLI is needed to build the embedded packs`,
    );
  }
  if (!existsSync(path.join(ROOT, KEY))) {
    throw new Error(`${KEY} is missing: see assets/keys/README.md`);
  }
  for (const pack of PACKS) {
    if (!existsSync(path.join(ROOT, pack.source, 'pack.json'))) {
      throw new Error(`${pack.source}/pack.json is missing`);
    }
    hallpack(['build', pack.source, '--out-dir', pack.outDir, '--key', KEY]);
    // Zero warnings: a pack that ships inside the app must be clean.
    hallpack(['lint', pack.outDir, '--trust', PUBLIC_KEY, '--strict']);
  }
}

try {
  main();
} catch (error) {
  console.error(`build-packs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
