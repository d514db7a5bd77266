import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { hashPin } from '../../../../electron/node/staff/pin';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hall-config-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join('\n') };
}

function write(value: unknown): void {
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(value));
  chmodSync(file, 0o600);
}

describe('hallpack config check', () => {
  it('a good file: the effective configuration, no warnings, exit 0, the PIN hash never shown', async () => {
    const hash = await hashPin('246813', { N: 1024, r: 8, p: 1 });
    write({ trustedKeys: [{ name: 'hall', publicKeyPem: pem }], staffPinHash: hash, idleTimeoutSeconds: 60 });
    const r = await run(['config', 'check', '--data-dir', dir, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { ok: boolean; warnings: unknown[]; config: Record<string, unknown> };
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.config).toMatchObject({
      trustedKeys: [{ name: 'hall' }],
      idleTimeoutSeconds: 60,
      staffSessionMinutes: 10,
      staffPinHash: '(set)',
    });
    expect(r.out).not.toContain(hash.split('$')[5]);
  });

  it('names each invalid field with its value, keeps the rest, exit 1', async () => {
    write({
      trustedKeys: [{ name: 'hall', publicKeyPem: pem }, { publicKeyPem: 'oops' }],
      idleTimeoutSeconds: 'ninety',
      idleTimout: 5,
      staffPinHash: 'scrypt$broken',
    });
    const r = await run(['config', 'check', '--data-dir', dir]);
    expect(r.code).toBe(1);
    const file = path.join(dir, 'config.json');
    expect(r.out).toContain(`${file}: trustedKeys[1].publicKeyPem:`);
    expect(r.out).toContain(`${file}: idleTimeoutSeconds: `);
    expect(r.out).toContain('(value "ninety")');
    expect(r.out).toContain(`${file}: idleTimout: unknown setting, ignored (value 5)`);
    expect(r.out).toContain(`${file}: staffPinHash: damaged`);
    expect(r.out).toMatch(/effective configuration:\n\{\n {2}"trustedKeys": \[\n {4}\{\n {6}"name": "hall"/);
    expect(r.out).not.toContain('scrypt$broken');
  });

  it('checks the memory watch, nightly restart and log bounds', async () => {
    write({
      nightlyRestart: '3:30',
      memoryReloadThresholdMb: 10,
      analyticsMaxMb: 500,
      healthLogMaxMb: 'big',
    });
    const r = await run(['config', 'check', '--data-dir', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { warnings: { field: string }[]; config: Record<string, unknown> };
    expect(report.warnings.map((w) => w.field).sort()).toEqual([
      'healthLogMaxMb',
      'memoryReloadThresholdMb',
      'nightlyRestart',
    ]);
    expect(report.config).toMatchObject({ analyticsMaxMb: 500, healthLogMaxMb: 50 });
    expect(report.config['nightlyRestart']).toBeUndefined();
    write({ nightlyRestart: '03:30', memoryReloadThresholdMb: 900 });
    const good = await run(['config', 'check', '--data-dir', dir, '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({
      config: { nightlyRestart: '03:30', memoryReloadThresholdMb: 900 },
    });
  });

  it.runIf(process.platform !== 'win32')('warns about a config.json others can read', async () => {
    write({});
    chmodSync(path.join(dir, 'config.json'), 0o644);
    const r = await run(['config', 'check', '--data-dir', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { warnings: { message: string }[] };
    expect(report.warnings[0]?.message).toMatch(/mode 0644/);
  });

  it('a missing file is all defaults, exit 0; an unknown action is a usage error', async () => {
    const r = await run(['config', 'check', '--data-dir', path.join(dir, 'none')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('missing: every setting at its default');
    expect((await run(['config', 'fix', '--data-dir', dir])).code).toBe(2);
    expect((await run(['config'])).code).toBe(2);
  });
});
