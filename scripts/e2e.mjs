// `npm run test:e2e`: build the app and the default pack, then run the Playwright specs.
import { spawnSync } from 'node:child_process';

const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, HALL_E2E_SKIP_BUILD: '1' },
});
process.exit(r.status ?? 1);
