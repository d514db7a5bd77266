import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Builds the renderer once per run, into a private folder, so parallel runs (and a developer's
 * `npm run build`) never swap files under a running test. `HALL_E2E_SKIP_BUILD=1` uses the
 * existing dist/renderer (npm test builds it first); `HALL_E2E_RENDERER_ROOT` names a build to use.
 */
export default function globalSetup(): void {
  if (process.env.HALL_E2E_RENDERER_ROOT) return;
  if (process.env.HALL_E2E_SKIP_BUILD === '1') {
    process.env.HALL_E2E_RENDERER_ROOT = path.resolve('dist/renderer');
    return;
  }
  const outDir = mkdtempSync(path.join(tmpdir(), 'hall-e2e-renderer-'));
  const vite = path.resolve('node_modules/vite/bin/vite.js');
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${String(r.status)})`);
  console.log(`e2e: renderer built in ${((Date.now() - started) / 1000).toFixed(1)}s → ${outDir}`);
  process.env.HALL_E2E_RENDERER_ROOT = outDir;
  process.env.HALL_E2E_RENDERER_TEMP = outDir;
}
