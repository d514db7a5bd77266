/**
 * The hall server's bundle (scripts/server-bundle.mjs): rebuilt when a server source is newer, and
 * the bundle serves exactly as the sources do.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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
  if (ages.bundle !== null) at(path.join(root, 'dist/server/hall-server.cjs'), ages.bundle);
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
  it('is stale when there is no bundle', () => {
    expect(serverBundleFresh(fakeRepo({ node: 100, shared: 100, bundle: null }))).toBe(false);
  });
});

describe('server bundle', () => {
  it('builds one file that starts the hall server and serves a pack', async () => {
    const out = path.join(temp(), 'hall-server.cjs');
    const { bytes } = await buildServerBundle(repo, out);
    expect(bytes).toBeGreaterThan(0);
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
      child.kill('SIGTERM');
    }
  }, 60_000);
});
