import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  activateCommand,
  commitCommand,
  installCommand,
  listCommand,
  removeCommand,
  rollbackCommand,
} from '../../../../electron/node/cli/store-commands';
import { makeKey, writePackFolder, zipFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

let key: TestKey;
let work: string;
let dataDir: string;
let pub: string;

beforeAll(() => {
  key = makeKey();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-store-cli-'));
  dataDir = join(work, 'data');
  pub = join(work, 'pub.pem');
  await writeFile(pub, key.publicKeyPem);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

async function run(
  command: (argv: string[], io: { out(s: string): void; err(s: string): void }) => Promise<number>,
  argv: string[],
) {
  const captured = io();
  const code = await command(argv, captured.io);
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

const base = () => ['--data-dir', dataDir, '--trust', pub];

describe('hallpack store commands', () => {
  it('install, list, activate, rollback, commit, remove', async () => {
    const v1 = (await writePackFolder(join(work, 'v1'), { key, version: '1.0.0' })).dir;
    const v2 = await zipFolder(
      (await writePackFolder(join(work, 'v2'), { key, version: '2.0.0', places: 3 })).dir,
      join(work, 'v2.hallpack'),
    );
    const v3 = (await writePackFolder(join(work, 'v3'), { key, version: '3.0.0' })).dir;

    const installed = await run(installCommand, [v1, ...base(), '--activate']);
    expect(installed).toMatchObject({ code: 0 });
    expect(installed.out).toContain('installed test-pack@1.0.0');
    expect(installed.out).toContain('activated test-pack@1.0.0');

    const json = await run(installCommand, [v2, ...base(), '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.out) as { ok: boolean; ref: string; diff: { places: { added: number } } };
    expect(doc).toMatchObject({ ok: true, ref: 'test-pack@2.0.0', diff: { places: { added: 1 } } });

    expect(await run(activateCommand, ['test-pack@2.0.0', ...base()])).toMatchObject({ code: 0 });
    const listed = await run(listCommand, [...base(), '--lang', 'zh-Hans']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/当前\s+test-pack@2\.0\.0/);
    expect(listed.out).toMatch(/上一个\s+test-pack@1\.0\.0/);
    expect(listed.out).toContain('尚未确认');

    expect(await run(rollbackCommand, base())).toMatchObject({
      code: 0,
      out: 'rolled back to test-pack@1.0.0',
    });
    expect(await run(commitCommand, ['test-pack@2.0.0', ...base()])).toMatchObject({ code: 1 });
    expect(await run(commitCommand, base())).toMatchObject({ code: 0 });

    expect((await run(installCommand, [v3, ...base()])).code).toBe(0);
    const inUse = await run(removeCommand, ['test-pack@1.0.0', ...base()]);
    expect(inUse.code).toBe(1);
    expect(inUse.out).toMatch(/^test-pack@1\.0\.0: store\.in-use: /);
    expect(await run(removeCommand, ['test-pack@3.0.0', ...base()])).toMatchObject({ code: 0 });

    const listedJson = JSON.parse((await run(listCommand, [...base(), '--json'])).out) as {
      packs: { ref: string; role: string | null }[];
    };
    expect(listedJson.packs.map((p) => [p.ref, p.role])).toEqual([
      ['test-pack@2.0.0', 'previous'],
      ['test-pack@1.0.0', 'current'],
    ]);
  });

  it('prints refusals as file: rule: message and exits 1', async () => {
    const v1 = (await writePackFolder(join(work, 'v1'), { key: null, version: '1.0.0' })).dir;
    const refused = await run(installCommand, [v1, ...base()]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^pack\.sig: sig\.missing: /);
    const allowed = await run(installCommand, [v1, ...base(), '--allow-unsigned']);
    expect(allowed.code).toBe(0);
    const again = await run(installCommand, [v1, ...base(), '--allow-unsigned', '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.out) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual([
      'store.downgrade',
    ]);
  });

  it('takes trusted keys from the kiosk configuration when --trust is not given', async () => {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      join(dataDir, 'config.json'),
      JSON.stringify({ trustedKeys: [{ publicKeyPem: key.publicKeyPem }] }),
    );
    const v1 = (await writePackFolder(join(work, 'v1'), { key, version: '1.0.0' })).dir;
    expect((await run(installCommand, [v1, '--data-dir', dataDir])).code).toBe(0);
  });

  it('usage errors exit 2', async () => {
    const saved = process.env['HALL_DATA_DIR'];
    delete process.env['HALL_DATA_DIR'];
    try {
      expect((await run(listCommand, [])).code).toBe(2);
      expect((await run(installCommand, ['--data-dir', dataDir])).code).toBe(2);
      expect((await run(activateCommand, ['a', 'b', '--data-dir', dataDir])).code).toBe(2);
      expect((await run(listCommand, ['--bogus'])).code).toBe(2);
      expect((await run(listCommand, ['--help'])).code).toBe(0);
    } finally {
      if (saved !== undefined) process.env['HALL_DATA_DIR'] = saved;
    }
  });
});
