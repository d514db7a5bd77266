import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    const r = await run(['--data-dir', nested, '--pin', '1234', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, command: 'staff-pin' });
    const c = JSON.parse(await readFile(path.join(nested, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(c)).toEqual(['staffPinHash']);
  });

  it.each([['12'], ['12345678901234'], ['12ab'], ['']])(
    'refuses the PIN %j (exit 1) and writes nothing',
    async (pin) => {
      const r = await run(['--data-dir', dir, '--lang', 'zh-Hans'], `${pin}\n`);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^PIN: staff\.pin-format: 工作人员密码须为 4 至 12 位数字/);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('leaves a damaged config.json alone', async () => {
    await writeFile(path.join(dir, 'config.json'), '{ broken');
    const r = await run(['--data-dir', dir, '--pin', '1234']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('staff.config-invalid');
    expect(await readFile(path.join(dir, 'config.json'), 'utf8')).toBe('{ broken');
  });

  it('needs --data-dir (exit 2) and is listed in the main help', async () => {
    const saved = process.env['HALL_DATA_DIR'];
    delete process.env['HALL_DATA_DIR'];
    try {
      expect((await run(['--pin', '1234'])).code).toBe(2);
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
      child.stdin?.end('4321\n');
    });
    expect(result.code).toBe(0);
    const stored = (await config())['staffPinHash'] as string;
    expect(await verifyPin('4321', parsePinHash(stored)!)).toBe(true);
  }, 30_000);
});
