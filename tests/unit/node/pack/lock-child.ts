/**
 * Child process of the lock race test: waits for a go file (so every child starts together),
 * then installs a pack and prints `RESULT <json codes or ok>`.
 * argv: <dataDir> <source> <public key pem file> <go file>
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadTrustedKey } from '../../../../electron/node/pack/signature';
import { createPackStore } from '../../../../electron/node/pack/store';

async function main(): Promise<number> {
  const [dataDir, source, pubPath, goFile] = process.argv.slice(2);
  if (!dataDir || !source || !pubPath || !goFile) return 2;
  const key = loadTrustedKey(readFileSync(pubPath));
  if (!key.ok) return 2;
  const store = createPackStore({ dataDir, trustedKeys: [key.value], allowUnsigned: false });
  while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
  const installed = await store.install(source);
  process.stdout.write(
    `RESULT ${JSON.stringify(installed.ok ? 'ok' : installed.problems.map((p) => p.code))}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
