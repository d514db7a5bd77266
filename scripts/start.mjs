#!/usr/bin/env node
// `npm start` and `npm run serve` (= `--serve`).
//
//   Electron installed      → build if needed, run Electron on the app.
//   otherwise (browser mode)→ start the hall server; with a display and a Chromium/Chrome, open it
//                             as a kiosk (--kiosk --app=<url>) under the browser-kiosk supervisor
//                             (electron/node/browser-kiosk/), which holds Chromium over a DevTools
//                             pipe: new windows and DevTools closed, other origins refused,
//                             restarted when it exits; else print the URL.
//   --serve                 → only the hall server; print its URL.
//   --print-browser-policy  → print Chromium's managed-policy JSON for a hall machine and exit.
//
// The hall server runs from its bundle, dist/server/hall-server.cjs, rebuilt first whenever a
// server source is newer (scripts/server-bundle.mjs).
//
// Every mode prints what it is doing in one line. Flags: --serve, --browser (ignore Electron),
// --port, --host, --pack, --data-dir, --log, --dry-run (print the plan as JSON, start nothing).
// The supervisor writes what it sees to <data-dir>/browser-kiosk-status.json.
// Pack: --pack, else $HALL_PACK, else dist/packs/default, else tests/fixtures/packs/minimal.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverCommand } from './server-bundle.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';

function say(line) {
  process.stdout.write(`hall-kiosk: ${line}\n`);
}

function fail(line, code = 1) {
  process.stderr.write(`hall-kiosk: ${line}\n`);
  process.exit(code);
}

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: false,
    options: {
      serve: { type: 'boolean' },
      browser: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'print-browser-policy': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      pack: { type: 'string' },
      'data-dir': { type: 'string' },
      log: { type: 'string' },
    },
  }));
} catch (error) {
  fail(
    `${error.message}\nusage: node scripts/start.mjs [--serve] [--browser] [--port N] [--host H] [--pack DIR] [--data-dir DIR] [--log FILE] [--dry-run] [--print-browser-policy]`,
    2,
  );
}
const dryRun = options['dry-run'] ?? false;
const dataDir = path.resolve(repo, options['data-dir'] ?? process.env.HALL_DATA_DIR ?? '.hall-data');

/**
 * The Electron executable if it is really installed. Electron's own `require('electron')`
 * downloads the binary when it is missing, which must never happen offline, so read its
 * `path.txt` ourselves.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

function isExecutable(file) {
  try {
    accessSync(file, isWindows ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(names) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** A Chromium-family browser: CHROME_PATH, else the usual names and install places. */
function findChromium() {
  if (process.env.CHROME_PATH) return isExecutable(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  if (process.platform === 'darwin') {
    const apps = [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
    return apps.find(isExecutable) ?? onPath(['chromium', 'google-chrome']);
  }
  if (isWindows) {
    const roots = [
      process.env.PROGRAMFILES,
      process.env['PROGRAMFILES(X86)'],
      process.env.LOCALAPPDATA,
    ].filter(Boolean);
    const rel = [
      'Chromium\\Application\\chrome.exe',
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    for (const r of rel)
      for (const root of roots) if (isExecutable(path.join(root, r))) return path.join(root, r);
    return onPath(['chrome.exe', 'msedge.exe']);
  }
  return onPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']);
}

function hasDisplay() {
  if (isWindows || process.platform === 'darwin') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function chromiumArgs(url) {
  const args = [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, 'chromium-profile')}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--autoplay-policy=no-user-gesture-required',
    '--deny-permission-prompts',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--password-store=basic',
    '--check-for-update-interval=31536000',
  ];
  // Chromium refuses to start as root with its sandbox on (containers, some kiosk images).
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

/** The hall server's node arguments: its bundle (built first when missing or stale, see server-bundle.mjs). */
async function serverArgs(note) {
  const args = await serverCommand(repo, note);
  for (const flag of ['port', 'host', 'pack', 'log']) {
    if (options[flag] !== undefined) args.push(`--${flag}`, options[flag]);
  }
  args.push('--data-dir', dataDir);
  return args;
}

/** Runs a build step quietly; on failure shows its output and exits. */
function build(what, command, args) {
  say(`${what} — building it first (${[path.basename(command), ...args].join(' ')})`);
  const r = spawnSync(command, args, {
    cwd: repo,
    encoding: 'utf8',
    shell: isWindows && command.endsWith('.cmd'),
  });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    fail(`build failed (${[path.basename(command), ...args].join(' ')})`);
  }
}

const npm = isWindows ? 'npm.cmd' : 'npm';
const rendererBuilt = () => existsSync(path.join(repo, 'dist', 'renderer', 'index.html'));

function ensureRenderer() {
  if (rendererBuilt()) return;
  if (existsSync(path.join(repo, 'scripts', 'build.mjs'))) {
    build('dist/renderer is missing', npm, ['run', 'build']);
    if (rendererBuilt()) return;
  }
  build('dist/renderer is missing', process.execPath, [
    path.join('node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--logLevel',
    'warn',
  ]);
}

/** Forwards Ctrl+C / SIGTERM to the children we started, by pid, and waits for them. */
function relaySignals(children) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
  }
}

/** Starts the hall server and resolves with its URL and pack text from its one line. */
async function startServer() {
  const child = spawn(process.execPath, await serverArgs(say), {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let ready = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      if (ready) {
        process.stdout.write(text);
        return;
      }
      buffered += text;
      const line = buffered.split('\n')[0];
      if (!buffered.includes('\n')) return;
      const match = /^hall-kiosk: serving (\S+) \((.*)\)$/.exec(line ?? '');
      ready = true;
      if (match) resolve({ child, url: match[1], detail: match[2], line });
      else reject(new Error(`unexpected output from the hall server: ${line}`));
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`the hall server exited (${code ?? 'signal'}) before it was ready`));
    });
  });
}

function plan() {
  if (options.serve) return { mode: 'serve' };
  const electron = options.browser ? null : electronBinary();
  if (electron) return { mode: 'electron', electron };
  const chromium = findChromium();
  const display = hasDisplay();
  if (chromium && display) return { mode: 'browser-kiosk', chromium, args: chromiumArgs('<url>') };
  const reason = !display
    ? 'no display'
    : process.env.CHROME_PATH
      ? `CHROME_PATH ${process.env.CHROME_PATH} is not executable`
      : 'no Chromium/Chrome found (set CHROME_PATH)';
  return { mode: 'browser-url', reason };
}

/** The supervisor entry, run with tsx like the hall server. */
function supervisorArgs(rest) {
  return ['--import', 'tsx', path.join('electron', 'node', 'browser-kiosk', 'main.ts'), ...rest];
}

if (options['print-browser-policy']) {
  // The hall server listens on loopback; without a fixed --port the allowlist takes any port.
  const host = options.host ?? '127.0.0.1';
  const port = options.port !== undefined && options.port !== '0' ? `:${options.port}` : '';
  const r = spawnSync(
    process.execPath,
    supervisorArgs(['--print-policy', '--origin', `http://${host}${port}`]),
    {
      cwd: repo,
      encoding: 'utf8',
    },
  );
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) fail(`cannot print the browser policy: ${r.stderr ?? ''}`.trim());
  process.exit(0);
}

const chosen = plan();
if (dryRun) {
  // Building the server bundle starts nothing; its note goes to stderr, the plan alone to stdout.
  const server = await serverArgs((line) => process.stderr.write(`hall-kiosk: ${line}\n`));
  process.stdout.write(`${JSON.stringify({ ...chosen, dataDir, server: [process.execPath, ...server] })}\n`);
  process.exit(0);
}

if (chosen.mode === 'electron') {
  if (!existsSync(path.join(repo, 'dist-electron', 'main.cjs')) || !rendererBuilt()) {
    build('the Electron build is missing', npm, ['run', 'build']);
  }
  say(`starting Electron (${path.relative(repo, chosen.electron)})`);
  const child = spawn(chosen.electron, [repo], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, HALL_DATA_DIR: dataDir },
  });
  relaySignals([child]);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  ensureRenderer();
  let server;
  try {
    server = await startServer();
  } catch (error) {
    fail(error.message);
  }
  const children = [server.child];
  relaySignals(children);
  server.child.on('exit', (code) => process.exit(process.exitCode || code || 0));

  if (chosen.mode === 'serve') {
    process.stdout.write(`${server.line}\n`);
  } else if (chosen.mode === 'browser-url') {
    say(`browser mode: open ${server.url} in a browser (${server.detail}; ${chosen.reason})`);
  } else {
    say(
      `browser mode: Chromium kiosk on ${server.url} (${server.detail}; ${path.basename(chosen.chromium)}, supervised over a DevTools pipe)`,
    );
    const supervisor = spawn(
      process.execPath,
      supervisorArgs([
        '--chromium',
        chosen.chromium,
        '--url',
        server.url,
        '--status',
        path.join(dataDir, 'browser-kiosk-status.json'),
        '--data-dir',
        dataDir,
        '--',
        ...chromiumArgs(server.url),
      ]),
      { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    children.push(supervisor);
    // The supervisor restarts Chromium itself; when it ends (stopped, or Chromium cannot start),
    // browser mode ends.
    supervisor.on('exit', (code) => {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
      if (code) process.exitCode = code;
    });
  }
}
