/**
 * The hall server's bundle (scripts/server-bundle.mjs): rebuilt when a server source is newer, and
 * the bundle serves exactly as the sources do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServerBundle, serverBundleFresh } from '../../../../scripts/server-bundle.mjs';

const repo = path.resolve(import.meta.dirname, '../../../..');
const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hall-server-bundle-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** A repository shape: one source in each server folder and a bundle, with the given ages (s). */
function fakeRepo(ages: { node: number; shared: number; bundle: number | null }): string {
  const root = temp();
  const at = (file: string, ageS: number) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    const t = Date.now() / 1000 - ageS;
    utimesSync(file, t, t);
  };
  at(path.join(root, 'electron/node/server/deep/a.ts'), ages.node);
  at(path.join(root, 'electron/shared/b.ts'), ages.shared);
  if (ages.bundle !== null) {
    at(path.join(root, 'dist/server/hall-server.cjs'), ages.bundle);
    at(path.join(root, 'dist/server/hall-server.bundle.cjs'), ages.bundle);
  }
  return root;
}

describe('server bundle freshness', () => {
  it('is fresh when the bundle is newer than every source', () => {
    expect(serverBundleFresh(fakeRepo({ node: 100, shared: 100, bundle: 10 }))).toBe(true);
  });
  it('is stale when a source in a nested folder, or in shared, is newer', () => {
    expect(serverBundleFresh(fakeRepo({ node: 5, shared: 100, bundle: 10 }))).toBe(false);
    expect(serverBundleFresh(fakeRepo({ node: 100, shared: 5, bundle: 10 }))).toBe(false);
  });
  it('is stale when there is no bundle, or only the loader of one', () => {
    expect(serverBundleFresh(fakeRepo({ node: 100, shared: 100, bundle: null }))).toBe(false);
    const loaderOnly = fakeRepo({ node: 100, shared: 100, bundle: 10 });
    rmSync(path.join(loaderOnly, 'dist/server/hall-server.bundle.cjs'));
    expect(serverBundleFresh(loaderOnly)).toBe(false);
  });
});

describe('server bundle', () => {
  it('builds the bundle and its loader, which starts the hall server and serves a pack', async () => {
    const out = path.join(temp(), 'hall-server.cjs');
    const { bytes } = await buildServerBundle(repo, out);
    expect(bytes).toBeGreaterThan(0);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['hall-server.bundle.cjs', 'hall-server.cjs']);
    const child = spawn(
      process.execPath,
      [out, '--port', '0', '--pack', 'tests/fixtures/packs/minimal', '--renderer', temp()],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (t: string) => {
          text += t;
          const m = /^hall-kiosk: serving (\S+) \(pack /m.exec(text);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${String(code)} before serving: ${text}`)));
      });
      const r = await fetch(`${url}pack/pack.json`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { id: string }).id).toBeTruthy();
    } finally {
      // Wait for the exit: a server that stops saves its code cache beside the bundle as it goes,
      // and the folder is removed after the test (removed under it: ENOTEMPTY, seen in CI).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 60_000);
});

describe('server bundle loader: V8 code cache', () => {
  // scripts/hall-server-loader.cjs, as dist/server/hall-server.cjs runs it. Each start is a process
  // of its own: within one, V8's in-memory compilation cache would answer instead of the file.
  const loaderPath = path.join(repo, 'scripts/hall-server-loader.cjs');
  type Start = {
    cache: 'used' | 'rejected' | 'none';
    cacheFile: string;
    saved: boolean | null;
    runs: { file: string; dirname: string; main: boolean; pad: string }[];
  };
  function start(file: string, opts: { cacheDir?: string; save?: boolean } = {}): Start {
    const script =
      `const r = require(${JSON.stringify(loaderPath)}).runBundle(process.argv[1], process.argv[2] || undefined);` +
      `const saved = process.argv[3] === 'save' ? r.save() : null;` +
      `console.log(JSON.stringify({ cache: r.cache, cacheFile: r.cacheFile, saved, runs: globalThis.__hallLoaderRuns }));`;
    const r = spawnSync(
      process.execPath,
      ['-e', script, file, opts.cacheDir ?? '', opts.save ? 'save' : ''],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`the loader failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Start;
  }

  /** A bundle that records how it ran; `pad` changes its source, not its length. */
  function bundle(dir: string, pad = 'a'): string {
    const file = path.join(dir, 'b.cjs');
    writeFileSync(
      file,
      `(globalThis.__hallLoaderRuns ??= []).push({ file: __filename, dirname: __dirname, main: require.main === module, pad: '${pad}' });\n` +
        `module.exports = function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };\n`,
    );
    return file;
  }

  it('runs the bundle as its main module, then starts from the cache it saved', () => {
    const dir = temp();
    const file = bundle(dir);
    const first = start(file, { save: true });
    expect(first.cache).toBe('none');
    expect(first.runs).toEqual([{ file, dirname: dir, main: true, pad: 'a' }]);
    expect(first.saved).toBe(true);
    expect(existsSync(first.cacheFile)).toBe(true);
    expect(path.dirname(first.cacheFile)).toBe(dir);
    const second = start(file);
    expect(second.cache).toBe('used');
    expect(second.cacheFile).toBe(first.cacheFile);
    expect(second.runs).toEqual([{ file, dirname: dir, main: true, pad: 'a' }]);
  });

  it('never uses the cache of another source of the same length, and drops it once saved', () => {
    const dir = temp();
    const file = bundle(dir, 'a');
    const old = start(file, { save: true });
    expect(old.saved).toBe(true);
    bundle(dir, 'b');
    const rebuilt = start(file, { save: true });
    expect(rebuilt.cache).toBe('none');
    expect(rebuilt.runs[0]?.pad).toBe('b');
    expect(rebuilt.cacheFile).not.toBe(old.cacheFile);
    expect(readdirSync(dir).filter((n) => n.endsWith('.v8cache'))).toEqual([
      path.basename(rebuilt.cacheFile),
    ]);
  });

  it('as dist/server/hall-server.cjs: a server that stops before ten seconds saves the cache as it exits', () => {
    const dir = temp();
    copyFileSync(loaderPath, path.join(dir, 'hall-server.cjs'));
    writeFileSync(path.join(dir, 'hall-server.bundle.cjs'), 'console.log("served");\n');
    const r = spawnSync(process.execPath, [path.join(dir, 'hall-server.cjs')], { encoding: 'utf8' });
    expect(r.stdout).toBe('served\n');
    expect(readdirSync(dir).filter((n) => n.endsWith('.v8cache'))).toHaveLength(1);
  });

  it('a damaged cache is refused and the bundle still runs; an unwritable place only skips the save', () => {
    const dir = temp();
    const file = bundle(dir);
    const first = start(file, { save: true });
    writeFileSync(first.cacheFile, 'not a code cache');
    const damaged = start(file);
    expect(damaged.cache).toBe('rejected');
    expect(damaged.runs).toHaveLength(1);
    // A file where the cache folder should be: the save fails quietly, nothing is left behind.
    const notADir = path.join(dir, 'plain-file');
    writeFileSync(notADir, '');
    const readOnly = start(file, { cacheDir: notADir, save: true });
    expect(readOnly.cache).toBe('none');
    expect(readOnly.saved).toBe(false);
    expect(readOnly.runs).toHaveLength(1);
  });
});
