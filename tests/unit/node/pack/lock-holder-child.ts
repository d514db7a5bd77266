/**
 * Child process of the lock message test: takes the store lock of <dataDir> for an install, as
 * `hallpack install` does, prints READY and holds it until killed.
 * argv: <dataDir>
 */
import { join } from 'node:path';
import { nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { acquireLock, setLockProgramName } from '../../../../electron/node/pack/store/lock';

const dataDir = process.argv[2];
if (!dataDir) process.exit(2);
setLockProgramName('hallpack install');
const acquired = await acquireLock(nodeFsOps, join(dataDir, 'store.lock'), 'install');
if (!acquired.ok) {
  process.stdout.write(`BUSY ${acquired.problem.message.en}\n`);
  process.exit(1);
}
process.stdout.write('READY\n');
setInterval(() => undefined, 1000);
