import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../../..');
let renderer: string;

beforeAll(async () => {
  renderer = await mkdtemp(path.join(tmpdir(), 'hall-main-'));
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>main</title>');
});
afterAll(async () => {
  await rm(renderer, { recursive: true, force: true });
});

function runMain(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/node/server/main.ts', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HALL_PACK: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, firstLine, output: () => ({ stdout, stderr }) };
}

describe('electron/node/server/main.ts', () => {
  it('prints one line with the URL and the pack, serves, and stops on SIGTERM', async () => {
    const run = runMain(['--port', '0', '--pack', 'tests/fixtures/packs/minimal', '--renderer', renderer]);
    const line = await run.firstLine;
    expect(line).toMatch(/^hall-kiosk: serving http:\/\/127\.0\.0\.1:\d+\/ \(pack minimal 0\.1\.0\)$/);
    const url = /(http:\/\/\S+)/.exec(line)?.[1] ?? '';
    const manifest = (await (await fetch(`${url}pack/pack.json`)).json()) as {
      title: Record<string, string>;
    };
    expect(manifest.title.en).toBe('Minimal test pack');
    expect((await fetch(`${url}pack/media/dot.png`)).headers.get('content-type')).toBe('image/png');
    expect(await (await fetch(url)).text()).toContain('main');
    run.child.kill('SIGTERM');
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(run.output().stdout.trim().split('\n')).toHaveLength(1);
  });

  it("reads the hall's config.json: its port without --port, its settings on /api/kiosk/settings", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hall-main-data-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    await writeFile(path.join(dataDir, 'config.json'), JSON.stringify({ port, idleTimeoutSeconds: 45 }));
    const run = runMain([
      '--pack',
      'tests/fixtures/packs/minimal',
      '--renderer',
      renderer,
      '--data-dir',
      dataDir,
    ]);
    try {
      const line = await run.firstLine;
      expect(line).toContain(`http://127.0.0.1:${port}/`);
      const settings = await fetch(`http://127.0.0.1:${port}/api/kiosk/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"args":[]}',
      });
      expect(await settings.json()).toEqual({ idleTimeoutSeconds: 45 });
    } finally {
      run.child.kill('SIGTERM');
      await once(run.child, 'exit');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('fails clearly on a broken --pack', async () => {
    const run = runMain(['--pack', renderer, '--renderer', renderer]);
    const [code] = (await once(run.child, 'exit')) as [number | null];
    run.firstLine.catch(() => undefined);
    expect(code).toBe(1);
    expect(run.output().stderr).toMatch(
      /hall-kiosk: .* is not a pack that can be served:[\s\S]*pack\.json: manifest\.missing/,
    );
  });

  it('refuses a non-loopback host without the flag', async () => {
    const run = runMain([
      '--host',
      '0.0.0.0',
      '--pack',
      'tests/fixtures/packs/minimal',
      '--renderer',
      renderer,
    ]);
    const [code] = (await once(run.child, 'exit')) as [number | null];
    run.firstLine.catch(() => undefined);
    expect(code).toBe(1);
    expect(run.output().stderr).toMatch(/non-loopback/);
  });
});
