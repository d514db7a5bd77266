// `npm test`: typecheck, lint, unit and e2e tests in one run, ending with one summary line
// `N passed, N failed, N skipped` that sums every suite (typecheck and lint count as one check each).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
mkdirSync('test-results', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds, status: r.status };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs a command with its output held back (for checks that run side by side). */
function runHeld(label, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks = [];
    const child = spawn(cmd, args, { env: process.env, shell: process.platform === 'win32' });
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    let status = null;
    child.on('error', (e) => {
      chunks.push(Buffer.from(`${e.message}\n`));
      status = status ?? -1;
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      resolve({
        label,
        cmd,
        args,
        status: status ?? code,
        seconds,
        output: Buffer.concat(chunks).toString(),
      });
    });
  });
}

// The static checks read the tree and write nothing the others read: side by side they share
// the cores (typecheck and prettier finish inside eslint's time). Each one's output is printed
// whole, in this order, once all are done.
const statics = [];
if (want('typecheck')) statics.push(['typecheck', 'npx', ['tsc', '-b']]);
if (want('lint')) {
  statics.push(['eslint', 'npx', ['eslint', '.', '--max-warnings=0']]);
  statics.push(['prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']]);
}
for (const r of await Promise.all(statics.map(([label, cmd, args]) => runHeld(label, cmd, args)))) {
  console.log(`\n▶ ${r.label}: ${r.cmd} ${r.args.join(' ')}`);
  process.stdout.write(r.output);
  const ok = r.status === 0;
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${r.label}: ${ok ? 'ok' : `FAILED (exit ${r.status})`} in ${r.seconds}s`);
}

if (want('unit')) {
  rmSync('test-results/unit.json', { force: true });
  const r = run('unit', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/unit.json',
  ]);
  const j = readJson('test-results/unit.json');
  if (j) {
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    // A suite that fails to load has no test results but fails the run.
    const brokenFiles = (j.testResults ?? []).filter(
      (f) => f.status === 'failed' && f.assertionResults.length === 0,
    ).length;
    totals.failed += brokenFiles;
    lines.push(
      `unit: ${j.numPassedTests} passed, ${j.numFailedTests + brokenFiles} failed, ${j.numPendingTests ?? 0} skipped in ${r.seconds}s`,
    );
  } else {
    totals.failed += 1;
    lines.push(`unit: runner failed (exit ${r.status}) without a report`);
  }
  if (!r.ok && j && j.numFailedTests === 0 && totals.failed === 0) totals.failed += 1;
}

let built = null;
function build() {
  built ??= run('build (for e2e and soak)', 'node', ['scripts/build.mjs']);
  if (!built.ok && !lines.some((l) => l.startsWith('build:'))) {
    totals.failed += 1;
    lines.push(`build: FAILED (exit ${built.status}); e2e and soak not run`);
  }
  return built.ok;
}

if (want('e2e')) {
  if (build()) {
    rmSync('test-results/e2e.json', { force: true });
    const r = run('e2e', 'npx', ['playwright', 'test'], {
      HALL_E2E_SKIP_BUILD: '1',
      PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json',
    });
    const j = existsSync('test-results/e2e.json') ? readJson('test-results/e2e.json') : undefined;
    if (j?.stats) {
      const s = j.stats;
      const failed = s.unexpected ?? 0;
      totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
      totals.failed += failed;
      totals.skipped += s.skipped ?? 0;
      lines.push(
        `e2e: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed (${s.flaky ?? 0} flaky), ${failed} failed, ${s.skipped ?? 0} skipped in ${r.seconds}s`,
      );
      if (!r.ok && failed === 0) {
        totals.failed += 1;
        lines.push(`e2e: runner exited ${r.status}`);
      }
    } else {
      totals.failed += 1;
      lines.push(`e2e: runner failed (exit ${r.status}) without a report`);
    }
  }
}

// A one-minute soak: random visitor sessions with a reload and a WebGL context loss in between;
// fails on any console error, failed request or recovery that does not happen (growth slopes
// need a longer run to be judged: `npm run soak -- --minutes 5`).
if (want('soak') && build()) {
  rmSync('test-results/soak/smoke.json', { force: true });
  const r = run('soak (1-minute smoke)', 'node', [
    'scripts/soak.mjs',
    '--minutes',
    '1',
    '--out',
    'test-results/soak/smoke.json',
  ]);
  const j = readJson('test-results/soak/smoke.json');
  if (r.ok && j?.passed === true) totals.passed += 1;
  else totals.failed += 1;
  lines.push(
    j
      ? `soak smoke: ${j.passed ? 'ok' : `FAILED (${j.failures.length} problem(s))`}, ${j.samples.length} sessions in ${r.seconds}s`
      : `soak smoke: runner failed (exit ${r.status}) without a report`,
  );
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
