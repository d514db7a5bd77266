#!/usr/bin/env node
// Project postinstall: try Electron's own installer (package.json keeps Electron's install script
// off through `allowScripts`, so `npm install` never fails on it), and when that fails — offline,
// a blocked mirror, a platform without builds — say so in ONE line and exit 0. Browser mode
// (hall server + Chromium) works without Electron.
//
//   HALL_SKIP_ELECTRON_DOWNLOAD=1 (or ELECTRON_SKIP_BINARY_DOWNLOAD=1)  skip the attempt
//   HALL_ELECTRON_INSTALL_TIMEOUT_MS=…                                  give up after this long (default 120 s)
//   HALL_POSTINSTALL_VERBOSE=1                                          show the installer's output on failure
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const FALLBACK = 'browser mode only — npm start will use Chromium.';

function say(line) {
  process.stdout.write(`hall-kiosk: ${line}\n`);
}

function main() {
  const env = process.env;
  if (env.HALL_SKIP_ELECTRON_DOWNLOAD === '1' || env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
    say(`Electron download skipped by the environment; ${FALLBACK}`);
    return;
  }

  let installer;
  try {
    installer = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    say(`Electron package not installed; ${FALLBACK}`);
    return;
  }
  const electronDir = path.dirname(installer);
  const timeout =
    Number(env.HALL_ELECTRON_INSTALL_TIMEOUT_MS) > 0 ? Number(env.HALL_ELECTRON_INSTALL_TIMEOUT_MS) : 120_000;

  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const installed = result.status === 0 && existsSync(path.join(electronDir, 'path.txt'));
  if (installed) {
    let version = '';
    try {
      version = ` ${createRequire(import.meta.url)('electron/package.json').version}`;
    } catch {
      // The version is decoration only.
    }
    say(`Electron${version} binary installed.`);
    return;
  }
  const why = result.error?.code === 'ETIMEDOUT' ? ' (timed out)' : '';
  say(`Electron binary unavailable (offline?)${why}; ${FALLBACK}`);
  if (env.HALL_POSTINSTALL_VERBOSE === '1')
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
}

try {
  main();
} catch (error) {
  say(`Electron binary unavailable (${error?.message ?? error}); ${FALLBACK}`);
}
process.exitCode = 0;
