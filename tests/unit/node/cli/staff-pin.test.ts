import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { createStaffPinCommand } from '../../../../electron/node/cli/staff-pin-command';
import { parsePinHash, verifyPin } from '../../../../electron/node/staff/pin';

const root = path.join(import.meta.dirname, '..', '..', '..', '..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hall-pin-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Run = { code: number; out: string; err: string };
async function run(argv: string[], stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const command = createStaffPinCommand(() => Promise.resolve(stdin));
  const code = await command(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function config(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

describe('hallpack staff-pin', () => {
  it('reads the PIN from stdin and stores only its scrypt hash, keeping other settings', async () => {
    await writeFile(
      path.join(dir, 'config.json'),
      '\uFEFF{"idleTimeoutSeconds": 90, "staffChord": "Ctrl+Alt+P"}',
    );
    const r = await run(['--data-dir', dir], '975310\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('staff PIN set');
    const c = await config();
    expect(c['idleTimeoutSeconds']).toBe(90);
    expect(c['staffChord']).toBe('Ctrl+Alt+P');
    const stored = c['staffPinHash'] as string;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(JSON.stringify(c)).not.toContain('975310');
    expect(await verifyPin('975310', parsePinHash(stored)!)).toBe(true);
    // Written atomically: no temporary files left beside it.
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('takes --pin for scripts and creates the data folder and config.json', async () => {
    const nested = path.join(dir, 'a', 'b');
    const r = await run(['--data-dir', nested, '--pin', '123456', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, command: 'staff-pin' });
    const c = JSON.parse(await readFile(path.join(nested, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(c)).toEqual(['staffPinHash']);
  });

  it.runIf(process.platform !== 'win32')(
    'writes config.json 0600 and the data folder 0700, tightening ones that were open',
    async () => {
      await writeFile(path.join(dir, 'config.json'), '{"idleTimeoutSeconds": 90}', { mode: 0o644 });
      await chmod(path.join(dir, 'config.json'), 0o644);
      await chmod(dir, 0o755);
      const r = await run(['--data-dir', dir, '--pin', '975310']);
      expect(r.code).toBe(0);
      expect((await stat(path.join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      const nested = path.join(dir, 'new', 'kiosk');
      expect((await run(['--data-dir', nested, '--pin', '975310'])).code).toBe(0);
      expect((await stat(nested)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(nested, 'config.json'))).mode & 0o777).toBe(0o600);
    },
  );

  it.each([['12'], ['1234'], ['12345'], ['12345678901234'], ['12ab56'], ['']])(
    'refuses the PIN %j (exit 1) and writes nothing',
    async (pin) => {
      const r = await run(['--data-dir', dir, '--lang', 'zh-Hans'], `${pin}\n`);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^PIN: staff\.pin-format: 工作人员密码须为 6 至 12 位数字/);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('leaves a damaged config.json alone', async () => {
    await writeFile(path.join(dir, 'config.json'), '{ broken');
    const r = await run(['--data-dir', dir, '--pin', '123456']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('staff.config-invalid');
    expect(await readFile(path.join(dir, 'config.json'), 'utf8')).toBe('{ broken');
  });

  it('needs --data-dir (exit 2) and is listed in the main help', async () => {
    const saved = process.env['HALL_DATA_DIR'];
    delete process.env['HALL_DATA_DIR'];
    try {
      expect((await run(['--pin', '123456'])).code).toBe(2);
    } finally {
      if (saved !== undefined) process.env['HALL_DATA_DIR'] = saved;
    }
    const out: string[] = [];
    await main(['--help'], { out: (s) => out.push(s), err: () => undefined });
    expect(out.join('\n')).toMatch(/staff-pin\s+set the PIN/);
  });

  it('works through the hallpack launcher with the PIN on stdin', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [path.join(root, 'bin', 'hallpack.mjs'), 'staff-pin', '--data-dir', dir],
        { cwd: root },
        (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
      );
      child.stdin?.end('432109\n');
    });
    expect(result.code).toBe(0);
    const stored = (await config())['staffPinHash'] as string;
    expect(await verifyPin('432109', parsePinHash(stored)!)).toBe(true);
  }, 30_000);
});
