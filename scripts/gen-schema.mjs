// Writes docs/pack.schema.json from the zod schema (electron/shared/pack-schema.ts), formatted
// with Prettier so `npm run lint` accepts it. Run after changing the pack schema:
//   node scripts/gen-schema.mjs            (write)
//   node scripts/gen-schema.mjs --check    (exit 1 when the committed file is stale)
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'pack.schema.json');

register();
const { packJsonSchemaText } = await import(
  pathToFileURL(join(root, 'electron/node/cli/json-schema.ts')).href
);
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(packJsonSchemaText(), { ...options, filepath: target });

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('docs/pack.schema.json is out of date: run node scripts/gen-schema.mjs');
    process.exitCode = 1;
  }
} else {
  await writeFile(target, text);
  console.log(`wrote ${target}`);
}
