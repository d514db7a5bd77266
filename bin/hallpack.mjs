#!/usr/bin/env node
// hallpack launcher. In a source checkout (the TypeScript sources and tsx are present) it runs the
// sources through tsx, so the CLI is never older than the code beside it; in an installed copy
// without them it runs the bundle `npm run build` made (dist-electron/hallpack.cjs).
// HALLPACK_FROM_BUNDLE=1 forces the bundle (to test it).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-electron', 'hallpack.cjs');
const source = join(root, 'electron', 'node', 'cli', 'main.ts');
const require = createRequire(import.meta.url);

function hasTsx() {
  try {
    require.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

let main;
if (!process.env.HALLPACK_FROM_BUNDLE && existsSync(source) && hasTsx()) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(source).href));
} else if (existsSync(bundle)) {
  ({ main } = require(bundle));
} else {
  process.stderr.write(
    'hallpack: neither the sources (with tsx) nor dist-electron/hallpack.cjs found; run `npm run build`.\n',
  );
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
