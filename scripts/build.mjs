#!/usr/bin/env node
// `npm run build`: everything `npm start` and `npm run dist` need, one line per step.
//
//   renderer  vite build                      → dist/renderer
//   hallpack  esbuild electron/node/cli/main.ts → dist-electron/hallpack.cjs (if the CLI exists)
//   server    esbuild electron/node/server/main.ts → dist/server/hall-server.cjs (browser mode's hall
//                                                   server; npm start rebuilds it when stale)
//   artwork   scripts/make-default-artwork.mjs → assets/packs/default/media (only when its inputs changed)
//   packs     node scripts/build-packs.mjs    → dist/packs/default (+ default.identity.json)
//   main      esbuild electron/main/main.ts   → dist-electron/main.cjs     (Node, CommonJS, electron external;
//                                                                           the built-in pack's identity baked in)
//   preload   esbuild electron/preload/…      → dist-electron/preload.cjs  (one CJS file: sandboxed preloads
//                                                                           cannot require anything but electron)
//
// A failing step is reported with its output and the build goes on, so one broken part does not
// hide the state of the others; the exit status is 1 if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SERVER_BUNDLE, buildServerBundle } from './server-bundle.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(repo, p) || '.';

// Electron 45 ships Chromium 140 and Node 22; the CLI runs on the system Node (>= 20.19).
const ELECTRON_NODE = 'node22';
const ELECTRON_CHROME = 'chrome140';
const CLI_NODE = 'node20';

let failed = 0;

function say(line) {
  process.stdout.write(`hall-kiosk build: ${line}\n`);
}

function seconds(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

/** Runs one step; a throw (or a false result) marks it failed with its message. */
async function step(name, fn) {
  const start = performance.now();
  try {
    const result = await fn();
    if (result?.skipped) say(`${name}: skipped (${result.skipped})`);
    else say(`${name}: ${result?.detail ?? 'ok'} (${seconds(start)})`);
  } catch (error) {
    failed += 1;
    const output = error?.output ? `\n${error.output.trimEnd()}` : '';
    say(`${name}: FAILED — ${error?.message ?? error}${output}`);
  }
}

function runNode(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const error = new Error(`${what} exited with ${r.status ?? r.signal}`);
    error.output = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    throw error;
  }
  return r;
}

// ESM sources that read `import.meta.url` (createRequire, file lookups) keep working in CJS.
const importMetaShim = {
  banner: {
    js: '"use strict";\nconst __hallImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  define: { 'import.meta.url': '__hallImportMetaUrl' },
};

async function bundle(entry, outfile, options) {
  const result = await build({
    entryPoints: [path.join(repo, entry)],
    outfile: path.join(repo, outfile),
    bundle: true,
    format: 'cjs',
    sourcemap: process.env.HALL_SOURCEMAPS === '1',
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: repo,
    ...options,
  });
  const warnings = result.warnings.length > 0 ? `, ${result.warnings.length} warning(s)` : '';
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .reduce((sum, [, out]) => sum + out.bytes, 0);
  return { detail: `${entry} → ${outfile} (${(bytes / 1024).toFixed(0)} KiB${warnings})` };
}

const distElectron = path.join(repo, 'dist-electron');
rmSync(distElectron, { recursive: true, force: true });

await step('renderer', () => {
  if (!existsSync(path.join(repo, 'renderer', 'index.html')))
    return { skipped: 'renderer/index.html not found' };
  runNode(
    [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    'vite build',
  );
  return { detail: 'vite build → dist/renderer' };
});

await step('hallpack', () => {
  const entry = 'electron/node/cli/main.ts';
  if (!existsSync(path.join(repo, entry))) return { skipped: `${entry} not found` };
  return bundle(entry, 'dist-electron/hallpack.cjs', {
    platform: 'node',
    target: CLI_NODE,
    ...importMetaShim,
  });
});

await step('server', async () => {
  const { bytes } = await buildServerBundle(repo);
  return { detail: `electron/node/server/main.ts → ${SERVER_BUNDLE} (${(bytes / 1024).toFixed(0)} KiB)` };
});

// The default pack's pictures are drawn from its data; committed, and redrawn only when an input
// (a figure, a place, the drawing code, a font) changed since the last drawing.
await step('artwork', () => {
  const script = path.join(repo, 'scripts', 'make-default-artwork.mjs');
  if (!existsSync(script)) return { skipped: 'scripts/make-default-artwork.mjs not found' };
  const r = runNode(['--import', 'tsx', script, '--if-changed'], rel(script));
  return { detail: `${r.stdout ?? ''}`.trim().split('\n').filter(Boolean).at(-1) ?? 'ok' };
});

await step('packs', () => {
  const script = path.join(repo, 'scripts', 'build-packs.mjs');
  if (!existsSync(script)) return { skipped: 'scripts/build-packs.mjs not found' };
  const r = runNode([script], rel(script));
  const last = `${r.stdout ?? ''}`.trim().split('\n').filter(Boolean).at(-1);
  return {
    detail: last
      ? `${rel(script)}: ${last.replace(/^hall-kiosk[^:]*:\s*/, '')}`
      : `${rel(script)} → dist/packs`,
  };
});

// The built-in pack's identity (written by the packs step) is baked into the main bundle, inside
// the app archive: the app trusts exactly that pack.json, whatever keys a hall trusts.
const identityFile = path.join(repo, 'dist', 'packs', 'default.identity.json');
await step('main', () =>
  bundle('electron/main/main.ts', 'dist-electron/main.cjs', {
    platform: 'node',
    target: ELECTRON_NODE,
    external: ['electron'],
    ...importMetaShim,
    define: {
      ...importMetaShim.define,
      __HALL_BUILT_IN_PACK__: existsSync(identityFile)
        ? JSON.stringify(readFileSync(identityFile, 'utf8'))
        : 'undefined',
    },
  }),
);

await step('preload', () =>
  bundle('electron/preload/preload.ts', 'dist-electron/preload.cjs', {
    // The sandboxed preload runs in the renderer: browser platform, no Node built-ins.
    platform: 'browser',
    target: ELECTRON_CHROME,
    external: ['electron'],
  }),
);

if (failed > 0) {
  say(`${failed} step(s) failed`);
  process.exitCode = 1;
} else {
  say('done');
}
