import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../../electron/node/pack/signature';
import {
  addTrustedKey,
  kioskTrust,
  readTrustList,
  removeTrustedKey,
  TRUST_FILE,
} from '../../../../electron/node/trust/trusted-keys';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trust-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noConfig = { trustedKeys: [], trustDevelopmentKey: false };

describe('the trust list of a data folder', () => {
  it('adds, lists and removes keys by name or fingerprint', async () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(readTrustList(dir).entries).toEqual([]);
    const added = await addTrustedKey(dir, a.publicKeyPem, { name: 'Hall A' });
    expect(added).toMatchObject({ ok: true, entry: { name: 'Hall A', fingerprint: a.keyId } });
    const second = await addTrustedKey(dir, b.publicKeyPem);
    expect(second).toMatchObject({ ok: true, entry: { name: b.keyId, fingerprint: b.keyId } });
    expect(readTrustList(dir).entries.map((e) => e.fingerprint)).toEqual([a.keyId, b.keyId]);
    expect(kioskTrust(dir, noConfig).keys.map((k) => [k.id, k.origin])).toEqual([
      [a.keyId, 'trust list'],
      [b.keyId, 'trust list'],
    ]);

    expect(await removeTrustedKey(dir, 'Hall A')).toMatchObject({ ok: true });
    expect(await removeTrustedKey(dir, b.keyId.slice(0, 10))).toMatchObject({ ok: true });
    expect(kioskTrust(dir, noConfig).keys).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, TRUST_FILE), 'utf8'))).toEqual({ keys: [] });
  });

  it('refuses what is not an Ed25519 public key, duplicates, and unknown names', async () => {
    const a = generateKeyPair();
    expect(await addTrustedKey(dir, a.privateKeyPem)).toMatchObject({ ok: false });
    expect(await addTrustedKey(dir, 'not a key')).toMatchObject({ ok: false });
    await addTrustedKey(dir, a.publicKeyPem, { name: 'x' });
    expect(await addTrustedKey(dir, a.publicKeyPem, { name: 'y' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('already trusted') as unknown,
    });
    expect(await addTrustedKey(dir, generateKeyPair().publicKeyPem, { name: 'x' })).toMatchObject({
      ok: false,
    });
    expect(await removeTrustedKey(dir, 'nobody')).toMatchObject({ ok: false });
  });

  it('a damaged list trusts nothing and says so; the configuration keys still count', () => {
    const a = generateKeyPair();
    writeFileSync(join(dir, TRUST_FILE), '{"keys": 3}');
    const trust = kioskTrust(dir, {
      trustedKeys: [{ publicKeyPem: a.publicKeyPem }],
      trustDevelopmentKey: false,
    });
    expect(trust.keys.map((k) => [k.id, k.origin])).toEqual([[a.keyId, 'config.json']]);
    expect(trust.warnings[0]).toMatch(/trusted-keys\.json/);
  });

  it('trusts the development key only when the configuration asks for it', () => {
    const dev = generateKeyPair();
    expect(kioskTrust(dir, noConfig, dev.publicKeyPem).keys).toEqual([]);
    expect(
      kioskTrust(dir, { trustedKeys: [], trustDevelopmentKey: true }, dev.publicKeyPem).keys.map(
        (k) => k.origin,
      ),
    ).toEqual(['development']);
  });
});
