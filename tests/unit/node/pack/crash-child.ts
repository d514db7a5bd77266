/**
 * Child process of the crash test: install + activate a pack, SIGKILLing itself at the
 * KILL_AT-th mutating file-system step (0 = never). Prints `STEPS <n>` when it completes.
 * argv: <dataDir> <source> <public key pem file> <ref>
 */
import { readFileSync } from 'node:fs';
import { instrumentFsOps, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { loadTrustedKey } from '../../../../electron/node/pack/signature';
import { createPackStore } from '../../../../electron/node/pack/store';

async function main(): Promise<number> {
  const [dataDir, source, pubPath, ref] = process.argv.slice(2);
  if (!dataDir || !source || !pubPath || !ref) return 2;
  const killAt = Number(process.env['KILL_AT'] ?? '0');
  let steps = 0;
  const ops = instrumentFsOps(nodeFsOps, (_op, _path, step) => {
    steps = step;
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  });
  const key = loadTrustedKey(readFileSync(pubPath));
  if (!key.ok) return 2;
  const store = createPackStore({ dataDir, trustedKeys: [key.value], allowUnsigned: false, fsOps: ops });
  const installed = await store.install(source);
  // A retry after a kill may find the version already accepted: then only activation is left.
  if (!installed.ok && installed.problems[0]?.code !== 'store.downgrade') {
    process.stdout.write(`${JSON.stringify(installed.problems)}\n`);
    return 3;
  }
  const activated = await store.activate(ref);
  if (!activated.ok) {
    process.stdout.write(`${JSON.stringify(activated.problems)}\n`);
    return 4;
  }
  process.stdout.write(`STEPS ${steps}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 5;
  },
);
