import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../../..');

type Plan = {
  mode: string;
  reason?: string;
  chromium?: string;
  args?: string[];
  dataDir: string;
  server: string[];
};

function plan(args: string[], env: Record<string, string | undefined>): Plan {
  const clean: Record<string, string | undefined> = {
    ...process.env,
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    CHROME_PATH: '',
  };
  const r = spawnSync(process.execPath, ['scripts/start.mjs', '--dry-run', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...clean, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

// On Linux only: elsewhere a display is always assumed.
describe.runIf(process.platform === 'linux')('scripts/start.mjs mode choice (--dry-run)', () => {
  it('--serve starts only the hall server', () => {
    const p = plan(['--serve', '--port', '8123', '--pack', 'tests/fixtures/packs/minimal'], {});
    expect(p.mode).toBe('serve');
    expect(p.server).toEqual(
      expect.arrayContaining([
        'dist/server/hall-server.cjs',
        '--port',
        '8123',
        '--pack',
        'tests/fixtures/packs/minimal',
      ]),
    );
  });
  it('without a display it prints the URL', () => {
    expect(plan(['--browser'], {})).toMatchObject({ mode: 'browser-url', reason: 'no display' });
  });
  it('with a display and a Chromium it opens a kiosk window', () => {
    const p = plan(['--browser', '--data-dir', '/tmp/hall-data'], {
      DISPLAY: ':0',
      CHROME_PATH: process.execPath,
    });
    expect(p.mode).toBe('browser-kiosk');
    expect(p.chromium).toBe(process.execPath);
    expect(p.args).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--app=<url>',
        '--user-data-dir=/tmp/hall-data/chromium-profile',
        '--no-first-run',
        '--disable-background-networking',
      ]),
    );
  });
  it('names a CHROME_PATH that does not exist', () => {
    expect(
      plan(['--browser'], { WAYLAND_DISPLAY: 'wayland-0', CHROME_PATH: '/no/such/chrome' }),
    ).toMatchObject({
      mode: 'browser-url',
      reason: 'CHROME_PATH /no/such/chrome is not executable',
    });
  });
  it('--print-browser-policy prints Chromium managed policy for the kiosk origin', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--print-browser-policy', '--port', '5391'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const policy = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(policy).toMatchObject({
      URLAllowlist: ['http://127.0.0.1:5391'],
      DeveloperToolsAvailability: 2,
      IncognitoModeAvailability: 1,
      BrowserSignin: 0,
    });
    expect(policy['URLBlocklist']).toEqual(expect.arrayContaining(['file://*']));
  });
  it('refuses unknown flags', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--nope'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/hall-kiosk: .*--nope/);
  });
});
