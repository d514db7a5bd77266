import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateKeyPair,
  keyIdOf,
  loadPrivateKey,
  loadTrustedKey,
  parseSignatureFile,
  signManifest,
  verifyPackSignature,
} from '../../../../electron/node/pack/signature';
import type { TrustedKey } from '../../../../electron/node/pack/signature';
import { manifestBytes, minimalManifest } from '../../shared/manifest-fixture';

function setup() {
  const pair = generateKeyPair();
  const key = loadPrivateKey(pair.privateKeyPem);
  if (!key.ok) throw new Error('key');
  const trusted: TrustedKey[] = [{ id: pair.keyId, publicKeyPem: pair.publicKeyPem }];
  const manifest = manifestBytes(minimalManifest());
  const sig = signManifest(manifest, key.value);
  return { pair, key: key.value, trusted, manifest, sig };
}

const code = (r: ReturnType<typeof verifyPackSignature>) => (r.ok ? 'ok' : r.problem.code);
const utf8 = (s: string) => new TextEncoder().encode(s);
const sigJson = (sig: Uint8Array) => JSON.parse(new TextDecoder().decode(sig)) as Record<string, string>;

describe('keys', () => {
  it('makes Ed25519 PEM keys with a 16-hex key id of the raw public key', () => {
    const pair = generateKeyPair();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    const loaded = loadTrustedKey(pair.publicKeyPem);
    expect(loaded.ok && loaded.value.id).toBe(pair.keyId);
  });

  it('refuses keys that are not Ed25519 or not keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const priv = loadPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(priv.ok || priv.problem.code).toBe('sig.bad-key');
    const pub = loadTrustedKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(pub.ok || pub.problem.message.en).toContain('rsa');
    expect(loadTrustedKey('not a key').ok).toBe(false);
    expect(loadPrivateKey(new Uint8Array([1, 2, 3])).ok).toBe(false);
  });

  it('key ids differ per key', () => {
    const a = generateKeyPairSync('ed25519').publicKey;
    const b = generateKeyPairSync('ed25519').publicKey;
    expect(keyIdOf(a)).not.toBe(keyIdOf(b));
  });
});

describe('verifyPackSignature', () => {
  it('accepts a signature over the exact bytes', () => {
    const { pair, trusted, manifest, sig } = setup();
    expect(verifyPackSignature(manifest, sig, trusted)).toEqual({ ok: true, keyId: pair.keyId });
    const parsed = sigJson(sig);
    expect(parsed['alg']).toBe('ed25519');
    expect(parsed['keyId']).toBe(pair.keyId);
  });

  it('refuses when pack.sig is missing', () => {
    const { trusted, manifest } = setup();
    expect(code(verifyPackSignature(manifest, null, trusted))).toBe('sig.missing');
    expect(code(verifyPackSignature(manifest, undefined, trusted))).toBe('sig.missing');
  });

  it('refuses a flipped byte anywhere in pack.json', () => {
    const { trusted, manifest, sig } = setup();
    for (const at of [0, 1, Math.floor(manifest.length / 2), manifest.length - 1]) {
      for (const bit of [0x01, 0x80]) {
        const changed = manifest.slice();
        changed[at] = (changed[at] ?? 0) ^ bit;
        expect(code(verifyPackSignature(changed, sig, trusted))).toBe('sig.invalid');
      }
    }
  });

  it('refuses an added trailing newline (exact bytes, not JSON meaning)', () => {
    const { trusted, manifest, sig } = setup();
    expect(code(verifyPackSignature(new Uint8Array([...manifest, 0x0a]), sig, trusted))).toBe('sig.invalid');
  });

  it('refuses a flipped bit in the signature', () => {
    const { trusted, manifest, sig } = setup();
    const parsed = sigJson(sig);
    const raw = Buffer.from(parsed['sig'] ?? '', 'base64');
    for (const at of [0, 31, 63]) {
      const flipped = Buffer.from(raw);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      const bytes = utf8(JSON.stringify({ ...parsed, sig: flipped.toString('base64') }));
      expect(code(verifyPackSignature(manifest, bytes, trusted))).toBe('sig.invalid');
    }
  });

  it('refuses a signature by a key that is not trusted', () => {
    const { manifest, sig } = setup();
    const other = generateKeyPair();
    expect(
      code(verifyPackSignature(manifest, sig, [{ id: other.keyId, publicKeyPem: other.publicKeyPem }])),
    ).toBe('sig.untrusted-key');
    expect(code(verifyPackSignature(manifest, sig, []))).toBe('sig.untrusted-key');
  });

  it('does not let a mislabelled trusted key stand in for another', () => {
    const { pair, manifest, sig } = setup();
    const other = generateKeyPair();
    // Config claims the other key has the signer's id: ids are recomputed, so it matches nothing.
    expect(
      code(verifyPackSignature(manifest, sig, [{ id: pair.keyId, publicKeyPem: other.publicKeyPem }])),
    ).toBe('sig.untrusted-key');
  });

  it('refuses a forged keyId pointing at another trusted key', () => {
    const { manifest, sig, trusted } = setup();
    const other = generateKeyPair();
    const forged = utf8(JSON.stringify({ ...sigJson(sig), keyId: other.keyId }));
    const both = [...trusted, { id: other.keyId, publicKeyPem: other.publicKeyPem }];
    expect(code(verifyPackSignature(manifest, forged, both))).toBe('sig.invalid');
  });

  it('refuses a truncated signature file at every length', () => {
    const { trusted, manifest, sig } = setup();
    for (let n = 0; n < sig.length - 1; n++) {
      const r = verifyPackSignature(manifest, sig.slice(0, n), trusted);
      expect(r.ok, `length ${n}`).toBe(false);
      if (!r.ok) expect(['sig.truncated', 'sig.malformed']).toContain(r.problem.code);
    }
    // Cut inside the base64 value: the file is truncated, not forged.
    const text = new TextDecoder().decode(sig);
    expect(code(verifyPackSignature(manifest, utf8(text.slice(0, text.length - 20)), trusted))).toBe(
      'sig.truncated',
    );
    expect(code(verifyPackSignature(manifest, new Uint8Array(), trusted))).toBe('sig.truncated');
  });

  it('refuses a signature with bytes cut off the base64 value', () => {
    const { trusted, manifest, sig } = setup();
    const parsed = sigJson(sig);
    const raw = Buffer.from(parsed['sig'] ?? '', 'base64');
    for (const keep of [0, 1, 32, 63]) {
      const bytes = utf8(JSON.stringify({ ...parsed, sig: raw.subarray(0, keep).toString('base64') }));
      expect(code(verifyPackSignature(manifest, bytes, trusted))).toBe('sig.truncated');
    }
  });

  it('refuses malformed signature files', () => {
    const { trusted, manifest, sig } = setup();
    const parsed = sigJson(sig);
    const variants: unknown[] = [
      'not json at all',
      [],
      { ...parsed, alg: 'rsa' },
      { ...parsed, keyId: 'XYZ' },
      { ...parsed, sig: 42 },
      { ...parsed, sig: '!!!!' + (parsed['sig'] ?? '').slice(4) },
      { ...parsed, sig: Buffer.alloc(65).toString('base64') },
    ];
    for (const v of variants) {
      const bytes = utf8(typeof v === 'string' ? v : JSON.stringify(v));
      expect(code(verifyPackSignature(manifest, bytes, trusted))).toBe('sig.malformed');
    }
    expect(code(verifyPackSignature(manifest, new Uint8Array(5000).fill(0x20), trusted))).toBe(
      'sig.malformed',
    );
    expect(code(verifyPackSignature(manifest, new Uint8Array([0xff, 0xfe]), trusted))).toBe('sig.malformed');
  });

  it('skips unparsable trusted keys instead of failing', () => {
    const { trusted, manifest, sig } = setup();
    expect(code(verifyPackSignature(manifest, sig, [{ id: 'x', publicKeyPem: 'garbage' }, ...trusted]))).toBe(
      'ok',
    );
  });

  it('still verifies an older signed version (replay is refused by the store, by version)', () => {
    const { key, trusted } = setup();
    const v1 = manifestBytes({ ...minimalManifest(), version: '1.0.0' });
    const v2 = manifestBytes({ ...minimalManifest(), version: '1.1.0' });
    const sig1 = signManifest(v1, key);
    const sig2 = signManifest(v2, key);
    expect(code(verifyPackSignature(v1, sig1, trusted))).toBe('ok');
    expect(code(verifyPackSignature(v2, sig2, trusted))).toBe('ok');
    // A signature cannot be moved from one version to the other.
    expect(code(verifyPackSignature(v2, sig1, trusted))).toBe('sig.invalid');
  });

  it('parseSignatureFile returns the key id', () => {
    const { pair, sig } = setup();
    const parsed = parseSignatureFile(sig);
    expect(parsed.ok && parsed.value.keyId).toBe(pair.keyId);
  });
});
