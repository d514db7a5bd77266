/**
 * The trust model end to end: no key is trusted by default; a hall trusts its own key with
 * `hallpack trust`, and the kiosk, the store commands and the checking commands all read that
 * one list; the built-in pack is shown whatever keys are trusted, by its build-time identity.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { openKioskContent } from '../../../../electron/node/kiosk-content';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';
import { richFiles, richManifest, writePackFolder } from '../../shared/manifest-fixture';

let work = '';
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-trust-walk-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

type Run = { code: number; out: string; err: string };
async function hallpack(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Key = { keyId: string; privateKey: string; publicKey: string };

async function keygen(): Promise<Key> {
  return JSON.parse((await hallpack('keygen', '-o', join(work, 'hall'), '--json')).out) as Key;
}

/** Builds and signs an author's folder with `key`; returns the `.hallpack`. */
async function build(key: Key, version: string): Promise<string> {
  const src = join(work, `src-${version}`);
  const manifest = richManifest() as Record<string, unknown>;
  delete manifest['files'];
  manifest['version'] = version;
  await writePackFolder(src, manifest, richFiles());
  const pack = join(work, `hall-${version}.hallpack`);
  const built = await hallpack('build', src, '-o', pack, '--key', key.privateKey);
  expect(built.code, built.out + built.err).toBe(0);
  return pack;
}

/** keygen, then build and sign version 1.0.0. */
async function signedPack(): Promise<Key & { pack: string }> {
  const key = await keygen();
  return { ...key, pack: await build(key, '1.0.0') };
}

describe('hallpack trust', () => {
  it('keygen → build/sign → install into a fresh data folder is refused with the fingerprint → trust add → installs → trust remove → refused again', async () => {
    const { pack, keyId, publicKey } = await signedPack();
    const data = join(work, 'data');

    const refused = await hallpack('install', pack, '--data-dir', data);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`pack.sig: sig.untrusted-key: the pack is signed with key ${keyId}`);
    expect(refused.out).toContain('hallpack trust add');

    const added = await hallpack('trust', 'add', publicKey, '--name', 'Changzhou 2026', '--data-dir', data);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain(`trusted key ${keyId} (Changzhou 2026)`);
    const listed = JSON.parse((await hallpack('trust', 'list', '--json', '--data-dir', data)).out) as {
      keys: { fingerprint: string; name: string; origin: string }[];
    };
    expect(listed.keys).toEqual([
      expect.objectContaining({ fingerprint: keyId, name: 'Changzhou 2026', origin: 'trust list' }),
    ]);

    const installed = await hallpack('install', pack, '--data-dir', data);
    expect(installed.code, installed.out).toBe(0);
    expect(installed.out).toContain('installed test-rich@1.0.0');
    // validate without --trust reads the same list.
    expect((await hallpack('validate', pack, '--data-dir', data)).code).toBe(0);

    expect((await hallpack('trust', 'remove', 'Changzhou 2026', '--data-dir', data)).code).toBe(0);
    // The same key, a newer version: refused again.
    const next = await build({ keyId, publicKey, privateKey: join(work, 'hall.key.pem') }, '1.1.0');
    const again = await hallpack('install', next, '--data-dir', data);
    expect(again.code).toBe(1);
    expect(again.out).toContain('sig.untrusted-key');
    const validate = await hallpack('validate', pack, '--data-dir', data);
    expect(validate.code).toBe(1);
    expect(validate.err).toContain('NOT trusted');
  });

  it('refuses a private key, and an unknown name to remove', async () => {
    const { privateKey } = await signedPack();
    const data = join(work, 'data');
    const add = await hallpack('trust', 'add', privateKey, '--data-dir', data);
    expect(add.code).toBe(1);
    expect(add.err).toContain('is a PRIVATE key');
    expect((await hallpack('trust', 'remove', 'nobody', '--data-dir', data)).code).toBe(1);
    expect((await hallpack('trust', 'list', '--data-dir', data)).out).toContain('no trusted keys');
    expect((await hallpack('trust', 'frob', '--data-dir', data)).code).toBe(2);
  });
});

describe('the kiosk', () => {
  async function kiosk(
    data: string,
    builtInRoot: string,
    builtIn: { id: string; version: string; manifestSha256: string } | null,
  ) {
    const log = memoryLogger();
    const content = await openKioskContent({
      dataDir: data,
      embeddedPackRoot: builtInRoot,
      builtIn,
      developmentKeyPath: join(work, 'no-dev-key.pem'),
      config: kioskConfigSchema.parse({}),
      log,
    });
    return { content, log };
  }

  it('shows the built-in pack by its build-time identity with no key trusted, and nothing else', async () => {
    const { pack } = await signedPack();
    const unpacked = join(work, 'built-in');
    // The built-in pack: a built, signed folder whose key no kiosk trusts.
    expect(
      (
        await hallpack(
          'build',
          join(work, 'src-1.0.0'),
          '--out-dir',
          unpacked,
          '--key',
          join(work, 'hall.key.pem'),
        )
      ).code,
    ).toBe(0);
    const bytes = await readFile(join(unpacked, 'pack.json'));
    const identity = {
      id: 'test-rich',
      version: '1.0.0',
      manifestSha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const data = join(work, 'data');
    const shown = await kiosk(data, unpacked, identity);
    expect(shown.content.onScreen()).toMatchObject({ source: 'default', ref: 'test-rich@1.0.0' });

    // Without the identity (or with another one) the same folder is refused: its key is not trusted.
    const unknown = await kiosk(data, unpacked, { ...identity, manifestSha256: 'b'.repeat(64) });
    expect(unknown.content.onScreen()).toBeNull();
    expect(unknown.log.find('pack problem').map((e) => e.data?.['code'])).toContain('sig.untrusted-key');

    // The identity pins the exact manifest: an edited built-in pack is not trusted by it.
    const edited = join(work, 'edited');
    await cp(unpacked, edited, { recursive: true });
    await writeFile(join(edited, 'pack.json'), bytes.toString('utf8').replace('"1.0.0"', '"1.0.1"'));
    const tampered = await kiosk(data, edited, identity);
    expect(tampered.content.onScreen()).toBeNull();

    // And the identity is no key: a USB pack signed by the same key is still refused.
    const install = await shown.content.store.install(pack);
    expect(install.ok).toBe(false);
  });
});
